import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Scope } from '../../org/index.js';
import type { Actor } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import { escapeLike } from '../../platform/db/index.js';
import type { Profile, ProfilePeriod } from '../../platform/profiles/index.js';
import type { SharingTables } from '../schema.js';
import { type Parties, readScope } from '../store.js';
import type { ComplaintTables, SharingComplaintTable } from './schema.js';

export const complaintTables = (executor: Executor) =>
  executor as unknown as Kysely<ComplaintTables & SharingTables>;

export const COMPLAINT_SUBJECT = 'sharing.complaint.reply';

/**
 * The authority's period to answer a complaint. No profile sets a number (Neixiang Art.25 and
 * Guangzhou Art.33 say "timely"/"in writing"), so a complaint has no due date and shows the
 * profile's text; a profile that adds a fixed `deadlines.complaintReply` period gets a
 * working-day deadline from `DeadlineService` without a code change.
 */
export function complaintPeriod(profile: Profile): (ProfilePeriod & { value: number }) | null {
  const period = (profile.deadlines as Record<string, ProfilePeriod | undefined>).complaintReply;
  if (period?.qualifier !== 'fixed' || period.value === null) return null;
  return period as ProfilePeriod & { value: number };
}

/** The complaint's two departments as the shared case helpers see them. */
export function parties(row: SharingComplaintTable): Parties {
  return {
    consumer_department_id: row.complainant_department_id,
    consumer_jurisdiction_path: row.complainant_jurisdiction_path,
    provider_department_id: row.respondent_department_id,
    provider_jurisdiction_path: row.respondent_jurisdiction_path,
  };
}

const within = (path: string, prefixes: string[]) => prefixes.some((p) => path.startsWith(p));

/**
 * Who reads a complaint: the complainant's department; the department complained about only
 * once the authority has started investigating (before that the complaint is the complainant's
 * word to the authority, and telling the other side is the authority's call); the authority over
 * either department; the auditor. The same rule as `complaintScopeFilter`, in memory.
 */
export function canReadComplaint(actor: Actor, row: SharingComplaintTable): boolean {
  const scope = readScope(actor);
  if (scope.kind !== 'within') return scope.kind === 'all';
  if (within(row.complainant_jurisdiction_path, scope.jurisdictionPaths)) return true;
  if (within(row.respondent_jurisdiction_path, scope.jurisdictionPaths)) return true;
  if (scope.departmentIds.includes(row.complainant_department_id)) return true;
  return row.investigated_at !== null && scope.departmentIds.includes(row.respondent_department_id);
}

/** `canReadComplaint` as a WHERE clause, so that lists and counts are filtered before paging. */
export function complaintScopeFilter(scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  if (scope.kind === 'none') return sql<SqlBool>`1 = 0`;
  const terms: Expression<SqlBool>[] = [];
  for (const prefix of scope.jurisdictionPaths) {
    const like = `${escapeLike(prefix)}%`;
    terms.push(sql<SqlBool>`complainant_jurisdiction_path like ${like} escape '\\'`);
    terms.push(sql<SqlBool>`respondent_jurisdiction_path like ${like} escape '\\'`);
  }
  if (scope.departmentIds.length > 0) {
    const ids = sql.join(scope.departmentIds);
    terms.push(sql<SqlBool>`complainant_department_id in (${ids})`);
    terms.push(sql<SqlBool>`(respondent_department_id in (${ids}) and investigated_at is not null)`);
  }
  if (terms.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(terms, sql` or `)})`;
}

/** The nearest jurisdiction over both paths (`/990100/` for `/990100/` and `/990100/990121/`). */
export function commonPath(a: string, b: string): string {
  const x = a.split('/').filter(Boolean);
  const y = b.split('/').filter(Boolean);
  const common: string[] = [];
  for (let i = 0; i < Math.min(x.length, y.length) && x[i] === y[i]; i++) common.push(x[i] as string);
  return `/${common.map((s) => `${s}/`).join('')}`;
}
