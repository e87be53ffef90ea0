import { authorize, scopeOf, scopeWhere } from '../../org/index.js';
import type { RequestContext } from '../../platform/context/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import { AlertErrors } from './errors.js';
import { AlertActions } from './policies.js';
import { type AlertView, alertView } from './present.js';
import type { AlertKind, AlertStatus, AlertSubjectKind, SupervisionAlertTable } from './schema.js';
import {
  ALERT_SETTINGS_KEY,
  ALERT_THRESHOLD_NAMES,
  ALERT_THRESHOLDS,
  type AlertSettings,
  readAlertSettings,
} from './settings.js';
import { type AlertDeps, AlertSweep, type SweepResult } from './sweep.js';

export interface AlertFilter {
  status?: AlertStatus | undefined;
  kind?: AlertKind | undefined;
  subjectKind?: AlertSubjectKind | undefined;
  subjectId?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * The platform watching its own access trail (issue 17; R65, R89; GB/T 45396-2025): per API
 * client and per user, a job sweeps the trail for volume far above the subject's own baseline,
 * reads outside working hours, enumeration of keys and bursts of refusals. Each finding raises an
 * alert (or updates the open one of its subject and kind), tells the authority over the subject's
 * jurisdiction and the security administrators, and, where the operator enabled it, suspends the
 * API client behind an enumeration or volume alert until a person lifts it.
 */
export class AlertService {
  readonly #sweep: AlertSweep;

  constructor(private readonly deps: AlertDeps) {
    this.#sweep = new AlertSweep(deps);
  }

  /** Runs every detector over the trail now (`AlertSweep`). */
  sweep(): Promise<SweepResult> {
    return this.#sweep.sweep();
  }

  /** Registers the sweep with the jobs kernel. */
  registerJobs(jobs: JobRunner): void {
    this.#sweep.registerJobs(jobs);
  }

  settings(): Promise<AlertSettings> {
    return readAlertSettings(this.deps.sources.settings);
  }

  /** The alerts the reader may see, newest change first; the read is audited. */
  async list(ctx: RequestContext, filter: AlertFilter): Promise<{ items: AlertView[]; total: number }> {
    const base = this.#visible(ctx);
    let query = base;
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.subjectKind) query = query.where('subject_kind', '=', filter.subjectKind);
    if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    await this.deps.db.transaction().execute((trx) =>
      this.deps.audit.record(trx, ctx, {
        action: 'supervision.alert.list',
        category: 'admin',
        targetType: 'supervision_alert',
        detail: { ...filter, shown: rows.length },
      }),
    );
    return { items: rows.map(alertView), total: Number(total.n) };
  }

  /** One alert with its evidence; the read is audited. */
  async get(ctx: RequestContext, id: string): Promise<AlertView> {
    const row = await this.#visible(ctx).selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw AlertErrors.error('ALERT_NOT_FOUND', { id });
    await this.deps.db.transaction().execute((trx) =>
      this.deps.audit.record(trx, ctx, {
        action: 'supervision.alert.read',
        category: 'admin',
        targetType: 'supervision_alert',
        targetId: id,
      }),
    );
    return alertView(row);
  }

  /** Marks an alert seen and handled, with who, when and a note; audited. */
  async acknowledge(ctx: RequestContext, id: string, note: string | undefined): Promise<AlertView> {
    const row = await this.#row(ctx, id, AlertActions['supervision.alert.acknowledge']);
    if (row.status === 'acknowledged')
      throw AlertErrors.error('ALERT_ALREADY_ACKNOWLEDGED', {
        by: row.acknowledged_by_name ?? '',
        at: row.acknowledged_at ?? '',
      });
    const now = this.deps.clock.now().toISOString();
    const by = ctx.actor.displayName || ctx.actor.name;
    const text = note?.trim() || null;
    await this.deps.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('supervision_alert')
        .set({
          status: 'acknowledged',
          acknowledged_by_id: ctx.actor.id,
          acknowledged_by_name: by,
          acknowledged_at: now,
          acknowledged_note: text,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0)
        throw AlertErrors.error('ALERT_ALREADY_ACKNOWLEDGED', { by: '', at: '' });
      await this.deps.audit.record(trx, ctx, {
        action: 'supervision.alert.acknowledge',
        category: 'decision',
        targetType: 'supervision_alert',
        targetId: id,
        detail: { note: text },
      });
    });
    return this.#view(id);
  }

  /** Lifts the automatic suspension of the alert's API client (one click); audited twice (alert, client). */
  async lift(ctx: RequestContext, id: string): Promise<AlertView> {
    const row = await this.#row(ctx, id, AlertActions['supervision.alert.lift']);
    if (row.suspension !== 'suspended') throw AlertErrors.error('ALERT_NOT_SUSPENDED');
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('supervision_alert')
        .set({
          suspension: 'lifted',
          lifted_by_id: ctx.actor.id,
          lifted_by_name: ctx.actor.displayName || ctx.actor.name,
          lifted_at: now,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('suspension', '=', 'suspended')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw AlertErrors.error('ALERT_NOT_SUSPENDED');
      // The client may have been revoked meanwhile: then nothing is re-activated, and the entry says so.
      const reactivated = await this.deps.sources.apiClients.liftSuspension(trx, ctx, row.subject_id, {
        alertId: id,
      });
      await this.deps.audit.record(trx, ctx, {
        action: 'supervision.alert.lift',
        category: 'decision',
        targetType: 'supervision_alert',
        targetId: id,
        detail: { clientId: row.subject_id, reactivated },
      });
    });
    return this.#view(id);
  }

  /** The thresholds and the automatic suspension switch, with their bounds; the read is audited. */
  async readSettings(ctx: RequestContext) {
    authorize(ctx.actor, AlertActions['supervision.alert.read']);
    const values = await this.settings();
    await this.deps.db.transaction().execute((trx) =>
      this.deps.audit.record(trx, ctx, {
        action: 'supervision.alert.settings.read',
        category: 'admin',
        targetType: 'setting',
        targetId: ALERT_SETTINGS_KEY,
      }),
    );
    return { values, bounds: ALERT_THRESHOLDS };
  }

  /** Changes thresholds or the automatic suspension; audited with the values before and after. */
  async updateSettings(ctx: RequestContext, change: Partial<AlertSettings>) {
    authorize(ctx.actor, AlertActions['supervision.alert.configure']);
    const before = await this.settings();
    const after: AlertSettings = { ...before };
    for (const name of ALERT_THRESHOLD_NAMES) {
      const value = change[name];
      if (value === undefined) continue;
      const { min, max } = ALERT_THRESHOLDS[name];
      if (!Number.isInteger(value) || value < min || value > max)
        throw AlertErrors.error('ALERT_SETTINGS_INVALID', { name, min, max, field: `/${name}` });
      after[name] = value;
    }
    if (change.autoSuspend !== undefined) after.autoSuspend = change.autoSuspend;
    if (after.workingHoursStart >= after.workingHoursEnd)
      throw AlertErrors.error('ALERT_WORKING_HOURS_INVALID', {
        start: after.workingHoursStart,
        end: after.workingHoursEnd,
      });
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.sources.settings.set(ALERT_SETTINGS_KEY, JSON.stringify(after), trx);
      await this.deps.audit.record(trx, ctx, {
        action: 'supervision.alert.settings.update',
        category: 'admin',
        targetType: 'setting',
        targetId: ALERT_SETTINGS_KEY,
        detail: { before, after },
      });
    });
    return { values: after, bounds: ALERT_THRESHOLDS };
  }

  /** Open alerts per kind, for `/api/metrics`. */
  async openByKind(): Promise<Map<AlertKind, number>> {
    const rows = await this.deps.db
      .selectFrom('supervision_alert')
      .select((eb) => ['kind', eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'open')
      .groupBy('kind')
      .execute();
    return new Map(rows.map((r) => [r.kind, Number(r.n)]));
  }

  #visible(ctx: RequestContext) {
    const scope = scopeOf(ctx.actor, AlertActions['supervision.alert.read']);
    if (scope.kind === 'none') authorize(ctx.actor, AlertActions['supervision.alert.read']);
    let query = this.deps.db.selectFrom('supervision_alert');
    query = query.where((eb) =>
      scopeWhere(eb, scope, { department: 'department_id', path: 'jurisdiction_path' }),
    );
    return query;
  }

  async #row(ctx: RequestContext, id: string, action: string): Promise<SupervisionAlertTable> {
    const row = await this.#visible(ctx).selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw AlertErrors.error('ALERT_NOT_FOUND', { id });
    authorize(ctx.actor, action, {
      ...(row.department_id ? { departmentId: row.department_id } : {}),
      jurisdictionPath: row.jurisdiction_path,
    });
    return row;
  }

  async #view(id: string): Promise<AlertView> {
    const row = await this.deps.db
      .selectFrom('supervision_alert')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return alertView(row);
  }
}
