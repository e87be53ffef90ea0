import type { Executor } from '../../platform/db/index.js';
import type { NodeMapping } from '../nodes/service.js';
import { OFFLINE_AFTER_SECONDS } from '../nodes/service.js';
import { tables } from './store.js';

/**
 * What the exchange knows of when a resource's data was last known current (issue 16, R68): the
 * last change in its change log, the newest heartbeat of an online front-end node that reports
 * its outbound mapping caught up (heartbeat time less the lag it reports), and the last
 * successful call of its interface service. One entry per catalog entry hosted or served.
 */
export interface SupplyEvidence {
  entryId: string;
  providerDepartmentId: string;
  providerJurisdictionPath: string;
  /** When the platform began supplying it (hosting or service registration): the clock's start before any change. */
  since: string;
  hosted: boolean;
  /** The change log's last change; null before the first. */
  lastChangedAt: string | null;
  /** An online node's heartbeat less its reported lag, where the mapping reports no error. */
  nodeCurrentAt: string | null;
  /** The last call of an active service answered with a 2xx status. */
  serviceOkAt: string | null;
}

/** Reads the supply evidence of every hosted or served entry, unauthenticated: for the freshness monitor. */
export async function supplyEvidence(executor: Executor, now: Date): Promise<SupplyEvidence[]> {
  const db = tables(executor);
  const out = new Map<string, SupplyEvidence>();
  const resources = await db
    .selectFrom('exchange_resource')
    .select([
      'entry_id',
      'provider_department_id',
      'provider_jurisdiction_path',
      'created_at',
      'last_changed_at',
    ])
    .where('status', '=', 'active')
    .execute();
  for (const r of resources)
    out.set(r.entry_id, {
      entryId: r.entry_id,
      providerDepartmentId: r.provider_department_id,
      providerJurisdictionPath: r.provider_jurisdiction_path,
      since: r.created_at,
      hosted: true,
      lastChangedAt: r.last_changed_at,
      nodeCurrentAt: null,
      serviceOkAt: null,
    });
  const services = await db
    .selectFrom('exchange_service')
    .select([
      'entry_id',
      'provider_department_id',
      'provider_jurisdiction_path',
      'created_at',
      'last_called_at',
      'last_status',
    ])
    .where('status', '=', 'active')
    .execute();
  for (const s of services) {
    const ok =
      s.last_status !== null && s.last_status >= 200 && s.last_status < 300 ? s.last_called_at : null;
    const known = out.get(s.entry_id);
    if (known) known.serviceOkAt = latest(known.serviceOkAt, ok);
    else
      out.set(s.entry_id, {
        entryId: s.entry_id,
        providerDepartmentId: s.provider_department_id,
        providerJurisdictionPath: s.provider_jurisdiction_path,
        since: s.created_at,
        hosted: false,
        lastChangedAt: null,
        nodeCurrentAt: null,
        serviceOkAt: ok,
      });
  }
  // A node silent for longer than the offline threshold vouches for nothing, even before the sweep marks it.
  const cutoff = new Date(now.getTime() - OFFLINE_AFTER_SECONDS * 1000).toISOString();
  const nodes = await db
    .selectFrom('exchange_node')
    .select(['last_heartbeat_at', 'mappings'])
    .where('status', '=', 'online')
    .where('last_heartbeat_at', '>=', cutoff)
    .execute();
  for (const node of nodes) {
    const beat = Date.parse(node.last_heartbeat_at);
    for (const m of JSON.parse(node.mappings) as NodeMapping[]) {
      const known = out.get(m.entryId);
      if (!known || m.direction !== 'outbound' || m.lagSeconds === null || m.lastError) continue;
      const current = new Date(beat - m.lagSeconds * 1000).toISOString();
      known.nodeCurrentAt = latest(known.nodeCurrentAt, current);
    }
  }
  return [...out.values()];
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
