/**
 * The policy profile's shape belongs to the platform module (src/platform/profiles/schema.ts) and
 * grows with the regulations; the portal shows it generically: every `{ value, article }` leaf,
 * wherever it sits, with names for the parts it knows.
 */
import { itemName } from '../../../src/platform/profiles/labels.ts';

export interface ProfileNumber {
  /** Keys from the root to the leaf, e.g. ['deadlines', 'reply']. */
  path: string[];
  value: unknown;
  unit?: string;
  qualifier?: string;
  article: string | null;
  text?: string;
  note?: string;
}

export interface ProfileHead {
  id?: string;
  name?: string;
  jurisdiction?: string;
  instrument?: string;
  from?: string;
  to?: string;
  caveats: string[];
}

type Bilingual = { zh: string; en: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLeaf(value: unknown): value is Record<string, unknown> & { value: unknown } {
  return isRecord(value) && 'value' in value && 'article' in value;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/** `{ zh, en }` in the reader's language; plain strings as they are. */
export function localized(value: unknown, en: boolean): string | undefined {
  if (typeof value === 'string') return value;
  if (isRecord(value))
    return str(en ? value.en : value.zh) ?? str(value.zh) ?? str(value.en) ?? str(value.name);
  return undefined;
}

export function profileNumbers(profile: unknown): ProfileNumber[] {
  const out: ProfileNumber[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (isLeaf(node)) {
      out.push({
        path,
        value: node.value,
        unit: str(node.unit),
        qualifier: str(node.qualifier),
        article: str(node.article) ?? null,
        text: str(node.text),
        note: str(node.note),
      });
      return;
    }
    if (isRecord(node)) for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(profile, []);
  return out;
}

export function profileHead(profile: unknown, en: boolean): ProfileHead {
  if (!isRecord(profile)) return { caveats: [] };
  const inForce = isRecord(profile.inForce) && isRecord(profile.inForce.value) ? profile.inForce.value : {};
  const effective = isRecord(profile.effective) ? profile.effective : {};
  const instrument = isRecord(profile.instrument) ? profile.instrument : {};
  return {
    id: str(profile.id),
    name: localized(profile.name, en),
    jurisdiction: localized(profile.jurisdiction, en),
    instrument: [str(instrument.title), str(instrument.number)].filter(Boolean).join(' ') || undefined,
    from: str(inForce.from) ?? str(effective.from),
    to: str(inForce.until) ?? str(effective.to),
    caveats: Array.isArray(profile.caveats)
      ? profile.caveats.filter((c): c is string => typeof c === 'string')
      : [],
  };
}

/** The numbers people ask about first: statutory deadlines and log retention. */
export function keyNumbers(numbers: ProfileNumber[], count: number): ProfileNumber[] {
  const key = numbers.filter(
    (n) => n.path[0] === 'deadlines' || (n.path[0] === 'logs' && n.path[1] === 'retention'),
  );
  const fixed = key.filter((n) => typeof n.value === 'number');
  return [...fixed, ...key.filter((n) => typeof n.value !== 'number')].slice(0, count);
}

/** `supplyAfterGovernmentDecision` → `supply after government decision`, for keys without a label. */
export function humanizeKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

const UNITS: Record<string, Bilingual> = {
  working_days: { zh: '个工作日', en: 'working days' },
  calendar_days: { zh: '日', en: 'calendar days' },
  years: { zh: '年', en: 'years' },
};

const QUALIFIERS: Record<string, Bilingual> = {
  timely: { zh: '及时', en: 'timely' },
  immediate: { zh: '即时', en: 'immediately' },
  not_specified: { zh: '未规定', en: 'not specified' },
  not_applicable: { zh: '不适用', en: 'not applicable' },
};

function pick(label: Bilingual, en: boolean): string {
  return en ? label.en : label.zh;
}

/** The item's name as the platform's profile labels give it (the CLI's and the 政策配置 page's). */
export function itemLabel(path: string[], en: boolean): string {
  return itemName(`/${path.join('/')}`, en ? 'en' : 'zh');
}

function plain(value: unknown, en: boolean): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? (en ? 'yes' : '是') : en ? 'no' : '否';
  if (Array.isArray(value)) return value.length ? value.map((v) => plain(v, en)).join(en ? ', ' : '、') : '—';
  if (isRecord(value)) {
    return Object.entries(value)
      .map(([k, v]) => `${humanizeKey(k)}: ${plain(v, en)}`)
      .join(en ? '; ' : '；');
  }
  return String(value);
}

/** A leaf's value as a sentence fragment: "15 个工作日", "即时", "是". */
export function formatValue(leaf: Pick<ProfileNumber, 'value' | 'unit' | 'qualifier'>, en: boolean): string {
  if (leaf.value === null && leaf.qualifier && QUALIFIERS[leaf.qualifier]) {
    return pick(QUALIFIERS[leaf.qualifier] as Bilingual, en);
  }
  const shown = plain(leaf.value, en);
  const unit = leaf.unit ? UNITS[leaf.unit] : undefined;
  if (leaf.value === null || leaf.value === undefined || !leaf.unit) return shown;
  return unit ? `${shown} ${pick(unit, en)}` : `${shown} ${leaf.unit}`;
}
