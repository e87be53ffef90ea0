import { sql } from 'kysely';
import { CatalogErrors } from './errors.js';
import { BASE_AREAS, CATALOG_CLASS_DIGIT, type Classification, THEME_AREAS } from './model.js';
import type { CatalogDb } from './store.js';

const MAX_SEQUENCE = 999_999;
const MAX_DEPARTMENT_ITEM = 99;

/**
 * The 项 of a department-catalog entry: the provider department's two-digit number, assigned on
 * its first entry and kept for good (a unique index refuses a number drawn twice concurrently).
 */
async function departmentItemCode(
  trx: CatalogDb,
  departmentId: string,
  jurisdictionPath: string,
): Promise<string> {
  const held = await trx
    .selectFrom('catalog_department_code')
    .select('item_code')
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
  if (held) return held.item_code;
  const top = await trx
    .selectFrom('catalog_department_code')
    .select((eb) => eb.fn.max('item_code').as('max'))
    .executeTakeFirst();
  const next = Number(top?.max ?? 0) + 1;
  if (next > MAX_DEPARTMENT_ITEM) throw CatalogErrors.error('CATALOG_CODE_EXHAUSTED', { classCode: '3xx' });
  const itemCode = String(next).padStart(2, '0');
  await trx
    .insertInto('catalog_department_code')
    .values({ department_id: departmentId, jurisdiction_path: jurisdictionPath, item_code: itemCode })
    .execute();
  return itemCode;
}

/**
 * The classification code of the national catalog guide: 类 (1 digit: base 1, theme 2,
 * department 3) + 项 (2 digits: the base or theme area, or the provider's department number) +
 * 目 (3 digits) + 细目 (optional digits).
 */
export async function classificationCode(
  trx: CatalogDb,
  classification: Classification,
  provider: { id: string; jurisdictionPath: string },
): Promise<string> {
  const { catalog, area, category, subcategory } = classification;
  let item: string;
  if (catalog === 'department') item = await departmentItemCode(trx, provider.id, provider.jurisdictionPath);
  else if (catalog === 'base') item = BASE_AREAS[area as keyof typeof BASE_AREAS];
  else item = THEME_AREAS[area as keyof typeof THEME_AREAS];
  return `${CATALOG_CLASS_DIGIT[catalog]}${item}${category}${subcategory ?? ''}`;
}

/**
 * The next six-digit sequence code under a classification code, drawn in the caller's
 * transaction: an upsert that increments the counter, so concurrent creators queue on its row.
 */
export async function nextSequence(trx: CatalogDb, classCode: string): Promise<string> {
  const row = await trx
    .insertInto('catalog_sequence')
    .values({ class_code: classCode, last_seq: 1 })
    .onConflict((oc) =>
      oc.column('class_code').doUpdateSet({ last_seq: sql<number>`catalog_sequence.last_seq + 1` }),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const seq = Number(row.last_seq);
  if (seq > MAX_SEQUENCE) throw CatalogErrors.error('CATALOG_CODE_EXHAUSTED', { classCode });
  return String(seq).padStart(6, '0');
}

/** A resource code (信息资源代码): classification code `/` sequence code. */
export function resourceCode(classCode: string, sequence: string): string {
  return `${classCode}/${sequence}`;
}

/** Whether an error is a unique-constraint violation on either dialect (a lost race for a code). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
