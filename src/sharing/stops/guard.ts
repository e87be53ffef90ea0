import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import { StopErrors } from './errors.js';
import type { StopStatus, StopTables } from './schema.js';

/** A stop on a resource as an applicant sees it: scheduled (a warning) or in effect (a refusal). */
export interface ResourceStop {
  number: string;
  status: Extract<StopStatus, 'pending_approval' | 'filed' | 'effective'>;
  effectiveDate: string;
  reason: string;
  /** In effect: its date has come (even before the sweep has marked it). */
  inEffect: boolean;
}

/** The latest live stop on each of the entries (pending approval, filed, or in effect). */
export async function stopsOn(
  executor: Executor,
  entryIds: string[],
  today: string,
): Promise<Map<string, ResourceStop>> {
  const out = new Map<string, ResourceStop>();
  if (entryIds.length === 0) return out;
  const rows = await (executor as unknown as Kysely<StopTables>)
    .selectFrom('sharing_stop')
    .select(['entry_id', 'number', 'status', 'effective_date', 'reason'])
    .where('entry_id', 'in', [...new Set(entryIds)])
    .where('status', 'in', ['pending_approval', 'filed', 'effective'])
    .orderBy('created_at', 'asc')
    .execute();
  for (const r of rows)
    out.set(r.entry_id, {
      number: r.number,
      status: r.status as ResourceStop['status'],
      effectiveDate: r.effective_date,
      reason: r.reason,
      inEffect: r.status === 'effective' || (r.status === 'filed' && r.effective_date <= today),
    });
  return out;
}

/**
 * R11: once a stop has taken effect the resource takes no new application, agreement or grant;
 * before that (pending approval or filed for a later date) the caller only warns.
 */
export async function refuseStopped(
  executor: Executor,
  entry: { id: string; code: string },
  today: string,
): Promise<ResourceStop | null> {
  const stop = (await stopsOn(executor, [entry.id], today)).get(entry.id) ?? null;
  if (stop?.inEffect)
    throw StopErrors.error('SHARING_RESOURCE_STOPPED', {
      field: 'entryId',
      code: entry.code,
      effectiveDate: stop.effectiveDate,
      number: stop.number,
    });
  return stop;
}
