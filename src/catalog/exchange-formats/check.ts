import { type ValidationContext, type ValidationIssue, validateEntryContent } from '../validation.js';
import type { AssembledResource } from './assemble.js';
import type { ImportProblem } from './problems.js';

/**
 * A neutral stand-in for a field whose shape is wrong, so that the submission rules can still be
 * run on the rest of the entry and the whole file is reported in one pass. `null` deletes the
 * field; a field with no stand-in (the catalog class, the share type: every rule depends on them)
 * stops the second pass.
 */
const STAND_INS: [RegExp, unknown][] = [
  [/^name$/, '—'],
  [/^classification\.(area|subcategory)$/, null],
  [/^classification\.category$/, '000'],
  [/^format\.category$/, 'electronic_file'],
  [/^format\.concrete$/, '—'],
  [/^summary$/, ''],
  [/^updateCycle$/, 'daily'],
  [/^updateCycleNote$/, null],
  [/^(relatedCodes|keywords)\[\d+\]$/, null],
  [/^share\.conditions$/, null],
  [/^open\.toPublic$/, false],
  [/^open\.conditions$/, null],
  [/^classified$/, false],
  [/^items\[\d+\]\.(length|shareType|base)$/, null],
  [/^items\[\d+\]\.dataType$/, 'M'],
  [/^items\[\d+\]\.keyKind$/, 'other'],
  [/^items\[\d+\]\.name$/, '—'],
];

/** Whether `field` is `at` or lies inside it (`items[2]` covers `items[2].name`). */
export function within(field: string, at: string): boolean {
  return field === at || field.startsWith(`${at}.`) || field.startsWith(`${at}[`);
}

/**
 * Runs the catalog's own rules at submit strength on one resource and places every issue at the
 * cell it concerns. Issues on fields the reader already reported (an unknown code-list value) are
 * not repeated.
 */
export function checkResource(
  resource: AssembledResource,
  ctx: ValidationContext,
  alreadyReported: readonly string[],
): ImportProblem[] {
  const first = validateEntryContent(resource.content, ctx);
  let issues = first;
  const repaired = repair(resource.content, first);
  if (repaired) {
    const covered = first.map((i) => i.field);
    const second = validateEntryContent(repaired, ctx);
    issues = [
      ...first,
      ...second.filter((i) => !covered.some((f) => within(i.field, f) || within(f, i.field))),
    ];
  }
  // The same rule broken by several items at the resource's cell (three base items of a
  // conditional resource) is one error to the person fixing the file.
  const seen = new Set<string>();
  return issues
    .filter((i) => !alreadyReported.some((f) => within(i.field, f)))
    .filter((i) => {
      const key = `${i.code}|${i.field}|${i.message.zh}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((i) => ({ ...resource.locate(i.field), field: i.field, code: i.code, message: i.message }));
}

/**
 * A copy of the content with a stand-in at every field the first pass complained about, or
 * undefined when there is nothing to repair or a field has no stand-in.
 */
function repair(
  content: Record<string, unknown>,
  issues: ValidationIssue[],
): Record<string, unknown> | undefined {
  if (issues.length === 0) return undefined;
  const fields = [...new Set(issues.map((i) => i.field))];
  const standIns = fields.map((field) => STAND_INS.find(([pattern]) => pattern.test(field)));
  if (standIns.some((s) => s === undefined)) return undefined;
  const copy = structuredClone(content);
  // From the last field back, so that removing relatedCodes[3] does not shift relatedCodes[5].
  const order = fields.map((field, i) => ({ field, value: standIns[i]?.[1] }));
  order.sort((a, b) => b.field.localeCompare(a.field, 'en', { numeric: true }));
  for (const { field, value } of order) setPath(copy, field, value);
  return copy;
}

/** Sets (or with null deletes) `a.b[2].c` in a plain object; array elements set to null are removed. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  let node: unknown = target;
  for (const part of parts.slice(0, -1)) {
    node = (node as Record<string, unknown>)[part];
    if (node === null || typeof node !== 'object') return;
  }
  const last = parts[parts.length - 1];
  if (last === undefined) return;
  if (Array.isArray(node)) {
    if (value === null) node.splice(Number(last), 1);
    else node[Number(last)] = value;
  } else if (value === null) delete (node as Record<string, unknown>)[last];
  else (node as Record<string, unknown>)[last] = value;
}
