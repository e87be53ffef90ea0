import type { Kysely } from 'kysely';
import type { Executor } from '../platform/db/index.js';
import type { OrgTables } from './schema.js';

/**
 * Lookups the composition root, the demo and the CLI need before they act through the org
 * services: org owns its tables, the others ask here instead of reading them.
 */
const org = (executor: Executor) => executor as unknown as Kysely<OrgTables>;

/** Whether any account exists yet (a new instance has none until it is bootstrapped). */
export async function hasAccounts(executor: Executor, username?: string): Promise<boolean> {
  let query = org(executor).selectFrom('app_user').select('id');
  if (username !== undefined) query = query.where('username', '=', username);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** The jurisdiction with an administrative division code (GB/T 2260), if the instance has it. */
export async function jurisdictionByCode(
  executor: Executor,
  code: string,
): Promise<{ id: string; path: string } | undefined> {
  return org(executor)
    .selectFrom('jurisdiction')
    .select(['id', 'path'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The department with this name or unified social credit code, if there is one. */
export async function departmentByNameOrUscc(
  executor: Executor,
  key: string,
): Promise<{ id: string } | undefined> {
  return org(executor)
    .selectFrom('department')
    .select('id')
    .where((eb) => eb.or([eb('name', '=', key), eb('uscc', '=', key.toUpperCase())]))
    .executeTakeFirst();
}

/** Every department's id by its name. */
export async function departmentIdsByName(executor: Executor): Promise<Map<string, string>> {
  const rows = await org(executor).selectFrom('department').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}
