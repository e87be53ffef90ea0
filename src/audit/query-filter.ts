import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { escapeLike } from '../platform/db/index.js';
import { CommonErrors } from '../platform/errors/index.js';
import { requireIdentifier } from '../platform/identifiers/index.js';
import { monthBound } from './report-sql.js';
import type { AccessMethod, AuditCategory, AuditOutcome, AuditTables } from './schema.js';
import { AuditViewErrors } from './views-errors.js';

/** What an auditor searches the trace by; every field narrows the result. */
export interface TraceFilter {
  /** The department of the actor (the reading department for accesses). */
  departmentId?: string | undefined;
  resourceId?: string | undefined;
  /** A user id or an API client id. */
  actorId?: string | undefined;
  /** Part of the declared purpose (用途). */
  purpose?: string | undefined;
  caseNumber?: string | undefined;
  action?: string | undefined;
  category?: AuditCategory | undefined;
  outcome?: AuditOutcome | undefined;
  method?: AccessMethod | undefined;
  /** Correlates an exchange with the query that caused it (R86). */
  requestId?: string | undefined;
  /** ISO instants, `from` inclusive, `to` exclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** A person's resident ID number; matched through the keyed digests of record keys, never in clear. */
  idNumber?: string | undefined;
}

/** The filter with times normalised and the ID number replaced by its digest. */
export interface ResolvedFilter extends Omit<TraceFilter, 'idNumber'> {
  subjectDigest?: string | undefined;
}

/** Normalises a time to the stored form (`toISOString`), so text comparison orders correctly. */
function instant(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw CommonErrors.error('VALIDATION_FAILED', { field, reason: 'is not a date-time' });
  return new Date(ms).toISOString();
}

/**
 * Checks the time range and the ID number (GB 11643 check character) and digests the latter
 * with the trail's key. `fieldPrefix` names where the input came from (`/querystring`, `/body`).
 */
export async function resolveFilter(
  filter: TraceFilter,
  digest: (idNumber: string) => string | Promise<string>,
  fieldPrefix = '/querystring',
): Promise<ResolvedFilter> {
  const { idNumber, ...rest } = filter;
  const from = instant(filter.from, `${fieldPrefix}/from`);
  const to = instant(filter.to, `${fieldPrefix}/to`);
  if (from && to && from >= to)
    throw AuditViewErrors.error('AUDIT_TIME_RANGE_INVALID', { field: `${fieldPrefix}/to` });
  const resolved: ResolvedFilter = { ...rest, from, to };
  if (idNumber !== undefined && idNumber !== '') {
    const normalized = requireIdentifier('resident_id', idNumber, `${fieldPrefix}/idNumber`);
    resolved.subjectDigest = await digest(normalized);
  }
  return resolved;
}

type EntryExpressions = ExpressionBuilder<AuditTables, 'audit_entry'>;

/** The filter as WHERE terms over `audit_entry`. */
export function filterTerms(eb: EntryExpressions, f: ResolvedFilter): Expression<SqlBool>[] {
  const terms: Expression<SqlBool>[] = [];
  const equal = [
    ['audit_entry.department_id', f.departmentId],
    ['audit_entry.resource_id', f.resourceId],
    ['audit_entry.actor_id', f.actorId],
    ['audit_entry.case_number', f.caseNumber],
    ['audit_entry.action', f.action],
    ['audit_entry.category', f.category],
    ['audit_entry.outcome', f.outcome],
    ['audit_entry.method', f.method],
    ['audit_entry.request_id', f.requestId],
  ] as const;
  for (const [column, value] of equal)
    if (value !== undefined && value !== '') terms.push(eb(column, '=', value));
  if (f.purpose) {
    const pattern = `%${escapeLike(f.purpose)}%`;
    terms.push(sql<SqlBool>`${eb.ref('audit_entry.purpose')} like ${pattern} escape '\\'`);
  }
  // The month bounds let PostgreSQL skip partitions; a day's margin covers any time zone the
  // writer used for `month`.
  if (f.from) {
    terms.push(eb('audit_entry.at', '>=', f.from));
    terms.push(eb('audit_entry.month', '>=', monthBound(f.from, -1)));
  }
  if (f.to) {
    terms.push(eb('audit_entry.at', '<', f.to));
    terms.push(eb('audit_entry.month', '<=', monthBound(f.to, 1)));
  }
  if (f.subjectDigest) {
    terms.push(
      eb(
        'audit_entry.seq',
        'in',
        eb
          .selectFrom('audit_subject')
          .select('audit_subject.seq')
          .where('audit_subject.key_digest', '=', f.subjectDigest),
      ),
    );
  }
  return terms;
}

/** The filter as written into the auditor's own audit entry: the ID number only as its digest. */
export function filterForTrace(f: ResolvedFilter): Record<string, unknown> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== ''));
}
