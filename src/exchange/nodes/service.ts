import type { AuditContext, AuditTrail } from '../../audit/index.js';
import type { ProviderLookup } from '../../catalog/index.js';
import { authorize, scopeOf } from '../../org/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Actor, RequestContext } from '../../platform/context/index.js';
import { newId } from '../../platform/db/index.js';
import { CommonErrors } from '../../platform/errors/index.js';
import type { JobDefinition } from '../../platform/jobs/index.js';
import type { NoticeService } from '../../sharing/index.js';
import { ExchangeActions } from '../policies.js';
import type { ExchangeDb } from '../schema.js';
import { NodeNotices } from './notice-texts.js';
import type { ExchangeNodeTable } from './schema.js';

/**
 * A node sends a heartbeat every `HEARTBEAT_SECONDS`; it counts as offline once three in a row
 * are missing (`OFFLINE_AFTER_SECONDS`), so one lost request or a slow platform restart does not
 * flip it.
 */
export const HEARTBEAT_SECONDS = 20;
export const OFFLINE_AFTER_SECONDS = 3 * HEARTBEAT_SECONDS;

export const NODE_DIRECTIONS = ['outbound', 'inbound'] as const;

/** One mapping of a node: a table it sends to a hosted resource, or keeps from a subscription. */
export interface NodeMapping {
  name: string;
  direction: (typeof NODE_DIRECTIONS)[number];
  entryId: string;
  /** How far behind the mapping is, in seconds (0 when caught up); null before its first pass. */
  lagSeconds: number | null;
  lastSyncedAt: string | null;
  rowsSynced: number;
  lastError: string | null;
}

export interface Heartbeat {
  nodeName: string;
  version: string;
  startedAt: string;
  mappings: NodeMapping[];
  lastError: string | null;
}

export interface NodeView {
  id: string;
  departmentId: string;
  departmentName: string;
  nodeName: string;
  version: string;
  startedAt: string;
  status: 'online' | 'offline';
  lastHeartbeatAt: string;
  /** The largest lag of its mappings, in seconds; null when none reported one. */
  lagSeconds: number | null;
  /** The node's own last error, else the first mapping's. */
  lastError: string | null;
  mappings: NodeMapping[];
  registeredAt: string;
  statusChangedAt: string;
}

export interface NodeServiceDeps {
  db: ExchangeDb;
  audit: AuditTrail;
  clock: Clock;
  departments: ProviderLookup;
  notices: Pick<NoticeService, 'send'>;
}

/**
 * The platform's registry of front-end exchange nodes (R45, R55): each heartbeat records what a
 * department's node reports of its mappings; readers see it online or offline, with its lag and
 * last error. The first heartbeat of a node and every change between online and offline are
 * audited; the watch (`watchJob`, run by the platform's jobs runner) notices nodes that went silent.
 */
/** Where the portal shows the nodes. */
const NODES_PAGE = '/exchange/nodes';

export class NodeService {
  constructor(private readonly deps: NodeServiceDeps) {}

  /** Records a node's heartbeat for the reporter's own department. */
  async heartbeat(ctx: RequestContext, beat: Heartbeat): Promise<NodeView> {
    const { actor } = ctx;
    authorize(actor, ExchangeActions['exchange.node.report'], { departmentId: actor.departmentId });
    const department = await this.deps.departments(this.deps.db, actor.departmentId);
    const now = this.deps.clock.now().toISOString();
    const lastError = beat.lastError ?? null;
    const mappings = JSON.stringify(beat.mappings);
    const id = await this.deps.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('exchange_node')
        .selectAll()
        .where('department_id', '=', actor.departmentId)
        .where('node_name', '=', beat.nodeName)
        .executeTakeFirst();
      const fields = {
        reporter_id: actor.id,
        version: beat.version,
        started_at: beat.startedAt,
        last_heartbeat_at: now,
        last_error: lastError,
        mappings,
      };
      if (!existing) {
        const nodeId = newId(this.deps.clock.now());
        await trx
          .insertInto('exchange_node')
          .values({
            id: nodeId,
            department_id: actor.departmentId,
            department_name: department?.name ?? '',
            jurisdiction_path: department?.jurisdictionPath ?? actor.jurisdictionPath,
            node_name: beat.nodeName,
            status: 'online',
            registered_at: now,
            status_changed_at: now,
            ...fields,
          })
          .execute();
        await this.deps.audit.record(trx, ctx, {
          action: 'exchange.node.register',
          targetType: 'exchange_node',
          targetId: nodeId,
          detail: { nodeName: beat.nodeName, version: beat.version, mappings: beat.mappings.length },
        });
        return nodeId;
      }
      const cameBack = existing.status !== 'online';
      await trx
        .updateTable('exchange_node')
        .set({ ...fields, status: 'online', ...(cameBack ? { status_changed_at: now } : {}) })
        .where('id', '=', existing.id)
        .execute();
      if (cameBack)
        await this.deps.audit.record(trx, ctx, {
          action: 'exchange.node.online',
          targetType: 'exchange_node',
          targetId: existing.id,
          detail: { nodeName: beat.nodeName, offlineSince: existing.status_changed_at },
        });
      if (cameBack)
        await this.deps.notices.send(trx, {
          to: { departmentId: existing.department_id },
          ...NodeNotices.notice('exchange.node.online', {
            node: beat.nodeName,
            since: existing.status_changed_at ?? '—',
          }),
          link: NODES_PAGE,
        });
      return existing.id;
    });
    return this.#view(
      await this.deps.db
        .selectFrom('exchange_node')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    );
  }

  /** The nodes the reader may monitor: its department's, its jurisdiction's, or all. */
  async list(actor: Actor, filter: { departmentId?: string | undefined } = {}): Promise<NodeView[]> {
    const scope = scopeOf(actor, ExchangeActions['exchange.monitor']);
    if (scope.kind === 'none')
      throw CommonErrors.error('FORBIDDEN', { action: ExchangeActions['exchange.monitor'] });
    let query = this.deps.db.selectFrom('exchange_node').selectAll();
    if (scope.kind === 'within') {
      const { departmentIds, jurisdictionPaths } = scope;
      query = query.where((eb) =>
        eb.or([
          ...(departmentIds.length ? [eb('department_id', 'in', departmentIds)] : []),
          ...jurisdictionPaths.map((p) => eb('jurisdiction_path', 'like', `${p}%`)),
          eb.lit(false),
        ]),
      );
    }
    if (filter.departmentId) query = query.where('department_id', '=', filter.departmentId);
    const rows = await query.orderBy('department_name').orderBy('node_name').execute();
    return rows.map((row) => this.#view(row));
  }

  /**
   * Marks nodes silent for longer than `OFFLINE_AFTER_SECONDS` offline, one audit entry each.
   * The conditional update lets several platform instances sweep at once without a double entry.
   */
  async sweep(): Promise<number> {
    const now = this.deps.clock.now();
    const cutoff = new Date(now.getTime() - OFFLINE_AFTER_SECONDS * 1000).toISOString();
    const silent = await this.deps.db
      .selectFrom('exchange_node')
      .select(['id', 'node_name', 'department_id', 'last_heartbeat_at'])
      .where('status', '=', 'online')
      .where('last_heartbeat_at', '<', cutoff)
      .execute();
    let marked = 0;
    const system: AuditContext = {};
    for (const node of silent) {
      await this.deps.db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('exchange_node')
          .set({ status: 'offline', status_changed_at: now.toISOString() })
          .where('id', '=', node.id)
          .where('status', '=', 'online')
          .where('last_heartbeat_at', '<', cutoff)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return;
        marked += 1;
        await this.deps.audit.record(trx, system, {
          action: 'exchange.node.offline',
          targetType: 'exchange_node',
          targetId: node.id,
          detail: {
            nodeName: node.node_name,
            departmentId: node.department_id,
            lastHeartbeatAt: node.last_heartbeat_at,
          },
        });
        // R45, R55: the platform notices a node's failure and tells the department that runs it.
        await this.deps.notices.send(trx, {
          to: { departmentId: node.department_id },
          ...NodeNotices.notice('exchange.node.offline', {
            node: node.node_name,
            last: node.last_heartbeat_at,
          }),
          link: NODES_PAGE,
        });
      });
    }
    return marked;
  }

  /**
   * The watch that notices silent nodes, for the platform's jobs runner: one platform node at a
   * time sweeps (the conditional update would keep two from double-marking, but not from both
   * reading), and a failing sweep is logged and retried instead of dropped.
   */
  watchJob(everyMs = 15_000): JobDefinition {
    return {
      name: 'exchange.node-watch',
      label: { zh: '前置机离线检测', en: 'Exchange node offline detection' },
      every: everyMs,
      scope: 'cluster',
      run: async () => {
        await this.sweep();
      },
    };
  }

  #view(row: ExchangeNodeTable): NodeView {
    const mappings = JSON.parse(row.mappings) as NodeMapping[];
    const age = this.deps.clock.now().getTime() - new Date(row.last_heartbeat_at).getTime();
    const lags = mappings.map((m) => m.lagSeconds).filter((l): l is number => typeof l === 'number');
    return {
      id: row.id,
      departmentId: row.department_id,
      departmentName: row.department_name,
      nodeName: row.node_name,
      version: row.version,
      startedAt: row.started_at,
      status: age <= OFFLINE_AFTER_SECONDS * 1000 ? 'online' : 'offline',
      lastHeartbeatAt: row.last_heartbeat_at,
      lagSeconds: lags.length > 0 ? Math.max(...lags) : null,
      lastError: row.last_error ?? mappings.find((m) => m.lastError)?.lastError ?? null,
      mappings,
      registeredAt: row.registered_at,
      statusChangedAt: row.status_changed_at,
    };
  }
}
