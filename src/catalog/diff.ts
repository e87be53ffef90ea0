import type { EntryContent, InformationItem, ShareType } from './model.js';
import { DOCUMENTATION_FIELDS, SHARE_TYPES } from './model.js';

/** One difference between two versions of an entry; items are addressed by name (`items[姓名].length`). */
export interface ContentChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/**
 * What a change takes away from consumers, as `kind` or `kind:subject`:
 * `item_removed:<item>`, `share_type_tightened:<from>-><to>`, `item_share_tightened:<item>`,
 * `method_removed:<method>`, `open_closed`, `withdrawal`. Any of them needs a reason and the
 * authority's approval (R11).
 */
export type Reduction = string;

export const WITHDRAWAL: Reduction = 'withdrawal';

const strictness = (type: ShareType) => SHARE_TYPES.indexOf(type);

function compare(changes: ContentChange[], path: string, before: unknown, after: unknown): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  if (before === undefined) changes.push({ path, kind: 'added', after });
  else if (after === undefined) changes.push({ path, kind: 'removed', before });
  else changes.push({ path, kind: 'changed', before, after });
}

/** Set-like lists (codes, keywords, methods, legal bases): each member added or removed. */
function compareSet<T>(changes: ContentChange[], path: string, before: T[], after: T[]): void {
  const key = (v: T) => JSON.stringify(v);
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  for (const v of before) if (!has.has(key(v))) changes.push({ path, kind: 'removed', before: v });
  for (const v of after) if (!had.has(key(v))) changes.push({ path, kind: 'added', after: v });
}

const ITEM_FIELDS: (keyof InformationItem)[] = [
  'dataType',
  'length',
  'isKey',
  'keyKind',
  'personal',
  'base',
  'shareType',
];

function compareItems(changes: ContentChange[], before: InformationItem[], after: InformationItem[]): void {
  const was = new Map(before.map((i) => [i.name, i]));
  const is = new Map(after.map((i) => [i.name, i]));
  for (const item of before)
    if (!is.has(item.name)) changes.push({ path: `items[${item.name}]`, kind: 'removed', before: item });
  for (const item of after) {
    const old = was.get(item.name);
    if (!old) changes.push({ path: `items[${item.name}]`, kind: 'added', after: item });
    else
      for (const field of ITEM_FIELDS)
        compare(changes, `items[${item.name}].${field}`, old[field], item[field]);
  }
}

/** The structural difference between two versions of an entry's content. */
export function diffContents(before: EntryContent, after: EntryContent): ContentChange[] {
  const changes: ContentChange[] = [];
  compare(changes, 'name', before.name, after.name);
  for (const field of ['catalog', 'area', 'category', 'subcategory'] as const)
    compare(changes, `classification.${field}`, before.classification[field], after.classification[field]);
  compare(changes, 'summary', before.summary, after.summary);
  compare(changes, 'format.category', before.format.category, after.format.category);
  compare(changes, 'format.concrete', before.format.concrete, after.format.concrete);
  compare(changes, 'updateCycle', before.updateCycle, after.updateCycle);
  compare(changes, 'updateCycleNote', before.updateCycleNote, after.updateCycleNote);
  compareSet(changes, 'relatedCodes', before.relatedCodes, after.relatedCodes);
  compareSet(changes, 'keywords', before.keywords, after.keywords);
  compareItems(changes, before.items, after.items);
  compare(changes, 'share.type', before.share.type, after.share.type);
  compare(changes, 'share.conditions', before.share.conditions, after.share.conditions);
  compareSet(changes, 'share.methods', before.share.methods, after.share.methods);
  compareSet(changes, 'share.legalBasis', before.share.legalBasis, after.share.legalBasis);
  compare(changes, 'open.toPublic', before.open.toPublic, after.open.toPublic);
  compare(changes, 'open.conditions', before.open.conditions, after.open.conditions);
  compare(changes, 'classified', before.classified, after.classified);
  // A blank text and no text are the same documentation.
  for (const field of DOCUMENTATION_FIELDS)
    compare(
      changes,
      `documentation.${field}`,
      before.documentation?.[field] || undefined,
      after.documentation?.[field] || undefined,
    );
  return changes;
}

/** What `after` shares less of than `before` (R11): removed items, tightened types, removed methods, closure. */
export function reductionsOf(before: EntryContent, after: EntryContent): Reduction[] {
  const reductions: Reduction[] = [];
  const kept = new Map(after.items.map((i) => [i.name, i]));
  for (const item of before.items) if (!kept.has(item.name)) reductions.push(`item_removed:${item.name}`);
  if (strictness(after.share.type) > strictness(before.share.type))
    reductions.push(`share_type_tightened:${before.share.type}->${after.share.type}`);
  const old = new Map(before.items.map((i) => [i.name, i]));
  for (const item of after.items) {
    const was = old.get(item.name);
    if (!was || item.shareType === undefined) continue;
    if (strictness(item.shareType) > strictness(was.shareType ?? before.share.type))
      reductions.push(`item_share_tightened:${item.name}`);
  }
  for (const method of before.share.methods)
    if (!after.share.methods.includes(method)) reductions.push(`method_removed:${method}`);
  if (before.open.toPublic && !after.open.toPublic) reductions.push('open_closed');
  return reductions;
}
