import type { Profile, ProfilePeriod } from '../../platform/profiles/index.js';
import type { SourceKind, ViolationParty } from './schema.js';

/** A kind of violation as a case is opened under it: its words and article, and the profile it is from. */
export interface ViolationCategory {
  code: string;
  party: ViolationParty;
  label: { zh: string; en: string };
  article: string;
  /** The profile the category comes from (local, or national). */
  source: string;
}

type Categories = NonNullable<Profile['violations']>['categories'];

/**
 * Which category each kind of source record is a case of: the local texts' codes first (where the
 * effective list is a local one and has one of them), else the national category. Declared here,
 * once, for every profile: a profile with no matching category falls back to the national one.
 */
export const SOURCE_CATEGORIES: Record<SourceKind, { local: readonly string[]; national: string }> = {
  // 809 第三十九条第（四）项; Neixiang Art.26(2), Guangzhou Art.34(3), IM Art.36(2), Feicheng Art.32(1) (R40).
  reply_overdue: { local: ['supply_refused_or_delayed', 'supply_refused'], national: 'reply_or_supply_late' },
  supply_overdue: {
    local: ['supply_refused_or_delayed', 'supply_refused'],
    national: 'reply_or_supply_late',
  },
  // 809 第三十九条第（一）项; IM Art.36(1), Neixiang Art.26(4), Guangzhou Art.34(5), Feicheng Art.32(2).
  catalog_update_overdue: {
    local: ['catalog_not_maintained', 'update_late', 'data_untrue_or_stale'],
    national: 'catalog_not_maintained',
  },
  // R72: late updates; 809 第三十九条第（三）项 (及时完善更新政务数据).
  data_stale: { local: ['update_late', 'data_untrue_or_stale'], national: 'source_update_not_supported' },
  // 809 第三十九条第（六）项 (R80–R84): no local text names it.
  verification_overdue: { local: [], national: 'verification_late' },
  // 809 第四十条第（二）项; Neixiang Art.26(3), IM Art.36(4), Guangzhou Art.34(4), Feicheng Art.32(3).
  misuse_upheld: { local: ['use_beyond_scope', 'shared_data_uncontrolled'], national: 'use_beyond_scope' },
  // 809 第四十条第（四）项.
  disposal_missing: { local: [], national: 'disposal_missing' },
};

const withSource = (list: Categories['value'], source: string, prefix = ''): ViolationCategory[] =>
  list.map((c) => ({
    code: c.code,
    party: c.party as ViolationParty,
    label: { zh: c.label.zh, en: c.label.en },
    article: `${prefix}${c.article}`,
    source,
  }));

/** The national instrument's short title (政务数据共享条例), which prefixes a national article on a local instance. */
const nationalTitle = (profile: Profile): string =>
  profile.effective?.nationalInstrument.replace(/（.*）$/, '') ?? '';

/**
 * The national categories of an effective profile: its own list on the national instance; on a
 * local one, the national side of the comparison (`effective.values`), each article prefixed with
 * the national instrument's title.
 */
export function nationalCategories(profile: Profile): ViolationCategory[] {
  const leaf = profile.violations?.categories;
  const national = profile.effective?.national ?? profile.id;
  if (leaf && (leaf.source ?? profile.id) === national && profile.effective?.local === national)
    return withSource(leaf.value, national);
  const entry = profile.effective?.values.find((v) => v.path === '/violations/categories');
  const list = (entry?.national?.value ?? (profile.id === national ? leaf?.value : undefined)) as
    | Categories['value']
    | undefined;
  if (!list) return [];
  return withSource(list, national, profile.id === national ? '' : nationalTitle(profile));
}

/**
 * The categories a case may be opened under (R114, N25): the effective list — the local text's
 * where it has one, the national one otherwise — and, on a local instance, the national kinds of
 * any party the local list does not name (809 第四十一条's, against the authority).
 */
export function categoriesOf(profile: Profile): ViolationCategory[] {
  const leaf = profile.violations?.categories;
  const national = profile.effective?.national ?? 'national';
  const source = leaf?.source ?? profile.id;
  if (!leaf || source === national) return nationalCategories(profile);
  const local = withSource(leaf.value, source);
  const covered = new Set<ViolationParty>();
  for (const c of local)
    if (c.party === 'any') {
      covered.add('provider');
      covered.add('requester');
    } else covered.add(c.party);
  return [...local, ...nationalCategories(profile).filter((c) => !covered.has(c.party))];
}

export function findCategory(profile: Profile, code: string): ViolationCategory | undefined {
  return categoriesOf(profile).find((c) => c.code === code);
}

/** The category a source record's case is opened under: the local one where the list has it, else the national one. */
export function categoryFor(profile: Profile, kind: SourceKind): ViolationCategory | undefined {
  const declared = SOURCE_CATEGORIES[kind];
  const all = categoriesOf(profile);
  for (const code of declared.local) {
    const found = all.find((c) => c.code === code && c.source !== (profile.effective?.national ?? ''));
    if (found) return found;
  }
  return nationalCategories(profile).find((c) => c.code === declared.national);
}

/** The rectification period an order gives (责令限期改正), as the effective profile sets it. */
export function rectificationPeriod(profile: Profile): ProfilePeriod | undefined {
  return profile.violations?.rectification;
}
