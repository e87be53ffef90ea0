import type { EffectiveOutcomeName, EffectiveValue, Profile } from './schema.js';

/**
 * The effective profile (R123): the local profile on top of the national one. The national
 * regulation (政务数据共享条例, 国务院令第809号) outranks every local measure, so:
 *
 * - a period: the local one applies where it is fixed and shorter (stricter) than the national
 *   one, or `immediate`; where the local text is silent (`not_specified`, `timely`, absent) or
 *   its period is longer, the national period applies. `not_applicable` keeps the local value:
 *   the local workflow has no such step (Guangzhou's authority opens access at once).
 * - a retention period (a minimum): the longer one applies.
 * - any other cited value: the local one applies where the local text speaks (an article and a
 *   value); where it is silent (no article, null or `not_specified`) the national one applies.
 *
 * Every value of the result carries `source` (the id of the profile it comes from, with its own
 * text; on a local instance a national article is prefixed with the instrument's title), and `effective.values` lists each comparison with both sides, marking
 * each local value that was set aside (`overridden`). Pure: no files, no clock.
 *
 * @example effectiveProfile(loadProfile('neixiang'), loadProfile('national')).deadlines.reply
 *   // { value: 7, article: 'Art.16(2)', source: 'neixiang', … }: shorter than 第二十一条's 10
 */
export function effectiveProfile(local: Profile, national: Profile): Profile {
  const values: EffectiveValue[] = [];
  const base = local.id === national.id;
  const out: Record<string, unknown> = {};
  const localRecord = local as unknown as Record<string, unknown>;
  const nationalRecord = national as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(localRecord)) {
    if (key === 'effective') continue;
    out[key] = IDENTITY.has(key) ? structuredClone(value) : undefined;
  }
  const keys = new Set([...Object.keys(localRecord), ...Object.keys(nationalRecord)]);
  for (const key of keys) {
    if (IDENTITY.has(key) || key === 'effective') continue;
    const merged = merge(localRecord[key], nationalRecord[key], `/${key}`);
    if (merged !== undefined) out[key] = merged;
  }
  out.effective = {
    local: local.id,
    national: national.id,
    nationalInstrument: national.instrument.number
      ? `${national.instrument.title}（${national.instrument.number}）`
      : national.instrument.title,
    nationalInForce: structuredClone(national.inForce.value),
    values,
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out as unknown as Profile;

  function merge(l: unknown, n: unknown, path: string): unknown {
    if (isLeaf(l) || isLeaf(n)) return choose(l as Leaf | undefined, n as Leaf | undefined, path);
    if (isRecord(l) || isRecord(n)) {
      const lr = isRecord(l) ? l : {};
      const nr = isRecord(n) ? n : {};
      const result: Record<string, unknown> = {};
      for (const key of new Set([...Object.keys(lr), ...Object.keys(nr)])) {
        const merged = merge(lr[key], nr[key], `${path}/${key}`);
        if (merged !== undefined) result[key] = merged;
      }
      return result;
    }
    return structuredClone(l ?? n);
  }

  function choose(l: Leaf | undefined, n: Leaf | undefined, path: string): Leaf | undefined {
    const outcome: EffectiveOutcomeName = base
      ? 'national_base'
      : l === undefined
        ? 'local_absent'
        : n === undefined
          ? 'national_silent'
          : compare(l, n);
    const takeNational = NATIONAL_OUTCOMES.has(outcome);
    const chosen = takeNational ? n : l;
    if (chosen === undefined) return undefined;
    const source = takeNational ? national.id : local.id;
    values.push({
      path,
      source,
      outcome,
      overridden: outcome === 'local_silent' || outcome === 'local_weaker',
      ...(l !== undefined && !base ? { local: side(l) } : {}),
      ...(n !== undefined ? { national: side(n) } : {}),
    });
    const leaf = { ...structuredClone(chosen), source };
    // On a local instance a national article names its instrument: "政务数据共享条例第二十一条".
    if (takeNational && !base && leaf.article !== null)
      leaf.article = `${national.instrument.title}${leaf.article}`;
    return leaf;
  }
}

/** The outcomes that take the national value. */
const NATIONAL_OUTCOMES = new Set<EffectiveOutcomeName>([
  'national_base',
  'local_absent',
  'local_silent',
  'local_weaker',
]);

/** Who the profile is and when it is in force: always the local profile's own. */
const IDENTITY = new Set(['id', 'name', 'jurisdiction', 'instrument', 'inForce', 'caveats']);

interface Leaf {
  value: unknown;
  article: string | null;
  text: string;
  unit?: string;
  qualifier?: string;
  semantics?: string | null;
  note?: string;
  source?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLeaf(value: unknown): value is Leaf {
  return isRecord(value) && 'article' in value && 'text' in value && 'value' in value;
}

function side(leaf: Leaf): NonNullable<EffectiveValue['local']> {
  return {
    value: structuredClone(leaf.value),
    ...(leaf.unit !== undefined ? { unit: leaf.unit } : {}),
    ...(leaf.qualifier !== undefined ? { qualifier: leaf.qualifier } : {}),
    ...(leaf.semantics !== undefined ? { semantics: leaf.semantics } : {}),
    article: leaf.article,
    text: leaf.text,
  };
}

function compare(l: Leaf, n: Leaf): EffectiveOutcomeName {
  if (l.qualifier !== undefined && n.qualifier !== undefined) return comparePeriods(l, n);
  if ('semantics' in l && 'semantics' in n) return compareRetention(l, n);
  const lSilent = silent(l);
  const nSilent = silent(n);
  if (lSilent && nSilent) return 'both_silent';
  if (lSilent) return 'local_silent';
  if (nSilent) return 'national_silent';
  return JSON.stringify(l.value) === JSON.stringify(n.value) ? 'same' : 'local_specific';
}

/** A cited value the text says nothing about: no article, no value, or "not specified". */
function silent(leaf: Leaf): boolean {
  return leaf.article === null || leaf.value === null || leaf.value === 'not_specified';
}

/** How definite a period is: nothing < "timely" < a number < "immediately". */
const SPEECH: Record<string, number> = { not_specified: 0, timely: 1, fixed: 2, immediate: 3 };

function comparePeriods(l: Leaf, n: Leaf): EffectiveOutcomeName {
  if (l.qualifier === 'not_applicable')
    return n.qualifier === 'not_applicable' ? 'both_silent' : 'local_specific';
  if (n.qualifier === 'not_applicable') return SPEECH[l.qualifier ?? ''] ? 'national_silent' : 'both_silent';
  const ls = l.qualifier === 'fixed' && l.value === null ? 0 : (SPEECH[l.qualifier ?? ''] ?? 0);
  const ns = n.qualifier === 'fixed' && n.value === null ? 0 : (SPEECH[n.qualifier ?? ''] ?? 0);
  if (ls === 0 && ns === 0) return 'both_silent';
  if (ns === 0) return 'national_silent';
  // A local "timely" or silence sets no period: the national one applies.
  if (ls <= 1) return ns === 1 && ls === 1 ? 'same' : 'local_silent';
  if (ls === 3) return ns === 3 ? 'same' : 'local_stricter';
  if (ns === 3) return 'local_weaker';
  if (ns === 1) return 'national_silent';
  const lv = l.value as number;
  const nv = n.value as number;
  if (l.unit === n.unit) return lv < nv ? 'local_stricter' : lv === nv ? 'same' : 'local_weaker';
  // N calendar days never end later than N working days.
  if (l.unit === 'calendar_days' && n.unit === 'working_days' && lv <= nv) return 'local_stricter';
  return 'local_weaker';
}

/** Retention is a minimum: the longer period is the stricter one. */
function compareRetention(l: Leaf, n: Leaf): EffectiveOutcomeName {
  if (n.value === null) return l.value === null ? 'both_silent' : 'national_silent';
  if (l.value === null) return 'local_silent';
  const lv = l.value as number;
  const nv = n.value as number;
  return lv > nv
    ? 'local_stricter'
    : lv === nv && l.semantics === n.semantics
      ? 'same'
      : lv >= nv
        ? 'local_specific'
        : 'local_weaker';
}

type InForce = { inForce: { value: { from: string | null; until: string | null } } };

/** Whether the profile has ended (its `inForce.until` is before `today`, a YYYY-MM-DD China date). */
export function profileExpired(profile: InForce, today: string): boolean {
  const until = profile.inForce.value.until;
  return until !== null && until < today;
}

/** Whether the profile's `inForce.from` is still ahead of `today`. */
export function profileNotYetInForce(profile: InForce, today: string): boolean {
  const from = profile.inForce.value.from;
  return from !== null && from > today;
}

/** The local values the national one replaced (R123), for notices and the CLI. */
export function overridesOf(profile: Profile): EffectiveValue[] {
  return profile.effective?.values.filter((v) => v.overridden) ?? [];
}
