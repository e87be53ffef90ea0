import { authorize, scopeOf, scopeWhere } from '../../org/index.js';
import type { Actor, RequestContext } from '../../platform/context/index.js';
import { transactionLock } from '../../platform/db/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { SupervisionDeps } from '../deps.js';
import { SupervisionErrors } from '../errors.js';
import { chinaDay, gatherDay } from './compute.js';
import { type Figure, INDICATORS, type IndicatorName, type IndicatorUnit } from './definitions.js';
import { IndicatorActions } from './policies.js';
import type { IndicatorSubject } from './schema.js';

/** The daily job's time, China time: after the night's sweeps, before retention (03:00). */
export const INDICATORS_DAILY_AT = '02:30';
/** The longest range one request reads. */
export const MAX_RANGE_DAYS = 366;
/** The most stored values one answer carries; past it the answer says it was cut. */
export const MAX_POINTS = 50_000;
const INSERT_CHUNK = 200;

export interface IndicatorFilter {
  from?: string | undefined;
  to?: string | undefined;
  departmentId?: string | undefined;
  jurisdictionId?: string | undefined;
  indicator?: IndicatorName | undefined;
  subject?: IndicatorSubject | undefined;
}

export interface IndicatorPoint extends Figure {
  day: string;
}

export interface IndicatorSeries {
  subject: { kind: IndicatorSubject; id: string; name: string; jurisdictionId: string };
  indicator: IndicatorName;
  unit: IndicatorUnit;
  label: { zh: string; en: string };
  points: IndicatorPoint[];
}

/**
 * The supervision indicators (issue 17; R111, R113): computed per day by a job from the other
 * modules' read methods, stored per department and per jurisdiction, read as series over a range.
 */
export class IndicatorService {
  constructor(private readonly deps: SupervisionDeps) {}

  /** Recomputes a day on request (operator, or the authority): audited with the replacement. */
  async computeOnDemand(ctx: RequestContext, day: string): Promise<{ day: string; values: number }> {
    authorize(ctx.actor, IndicatorActions['supervision.indicator.compute']);
    return this.compute(day, ctx);
  }

  /**
   * Computes and stores one day's indicators, replacing what was stored for it (idempotent). The
   * figures are read first, then written in one transaction with its audit entry.
   */
  async compute(day: string, ctx: RequestContext | undefined = undefined) {
    if (day > chinaDay(this.deps.clock.now()))
      throw SupervisionErrors.error('SUPERVISION_DAY_INVALID', { day });
    const kept = await this.deps.db
      .selectFrom('supervision_indicator_day')
      .select(['subject_id', 'value', 'numerator', 'denominator'])
      .where('day', '=', day)
      .where('subject_kind', '=', 'department')
      .where('indicator', '=', 'freshness')
      .execute();
    const keptFreshness = new Map(kept.map((k) => [k.subject_id, figureOf(k)]));
    const rows = await gatherDay(this.deps, day, keptFreshness);
    const computedAt = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      // The nightly job and a recomputation asked for the same day queue instead of colliding.
      await transactionLock(trx, this.deps.dialect, `supervision.indicators.${day}`);
      await trx.deleteFrom('supervision_indicator_day').where('day', '=', day).execute();
      for (let i = 0; i < rows.length; i += INSERT_CHUNK)
        await trx
          .insertInto('supervision_indicator_day')
          .values(rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, computed_at: computedAt })))
          .execute();
      await this.deps.audit.record(trx, ctx ?? {}, {
        action: 'supervision.indicators.compute',
        category: 'admin',
        targetType: 'supervision_indicator_day',
        targetId: day,
        detail: { day, values: rows.length, onDemand: ctx !== undefined },
      });
    });
    return { day, values: rows.length };
  }

  /** The stored indicators the reader may see over a range (China dates, both ends included), as series. */
  async series(
    actor: Actor,
    filter: IndicatorFilter,
  ): Promise<{ from: string; to: string; series: IndicatorSeries[]; truncated: boolean }> {
    const scope = scopeOf(actor, IndicatorActions['supervision.indicator.read']);
    if (scope.kind === 'none') authorize(actor, IndicatorActions['supervision.indicator.read']);
    const to = filter.to ?? chinaDay(this.deps.clock.now());
    const from = filter.from ?? shift(to, -29);
    if (from > to || shift(from, MAX_RANGE_DAYS - 1) < to)
      throw SupervisionErrors.error('SUPERVISION_RANGE_INVALID', { maxDays: MAX_RANGE_DAYS });
    let query = this.deps.db
      .selectFrom('supervision_indicator_day')
      .selectAll()
      .where('day', '>=', from)
      .where('day', '<=', to);
    query = query.where((eb) =>
      scopeWhere(eb, scope, { department: 'department_id', path: 'jurisdiction_path' }),
    );
    if (filter.indicator) query = query.where('indicator', '=', filter.indicator);
    if (filter.subject) query = query.where('subject_kind', '=', filter.subject);
    if (filter.departmentId) query = query.where('department_id', '=', filter.departmentId);
    if (filter.jurisdictionId) {
      const { path } = await this.deps.jurisdictions.get(filter.jurisdictionId);
      query = query.where('jurisdiction_path', 'like', `${path}%`);
    }
    const rows = await query
      .orderBy('subject_kind', 'desc')
      .orderBy('jurisdiction_path')
      .orderBy('subject_name')
      .orderBy('subject_id')
      .orderBy('indicator')
      .orderBy('day')
      .limit(MAX_POINTS + 1)
      .execute();
    const truncated = rows.length > MAX_POINTS;
    const bySeries = new Map<string, IndicatorSeries>();
    for (const r of rows.slice(0, MAX_POINTS)) {
      const key = `${r.subject_kind}|${r.subject_id}|${r.indicator}`;
      let s = bySeries.get(key);
      if (!s) {
        const indicator = r.indicator as IndicatorName;
        const def = INDICATORS[indicator];
        s = {
          subject: {
            kind: r.subject_kind,
            id: r.subject_id,
            name: r.subject_name,
            jurisdictionId: r.jurisdiction_id,
          },
          indicator,
          unit: def.unit,
          label: def.label,
          points: [],
        };
        bySeries.set(key, s);
      }
      s.points.push({ day: r.day, ...figureOf(r) });
    }
    return { from, to, series: [...bySeries.values()], truncated };
  }

  /** Registers the daily job: yesterday's indicators (China time), once for the cluster. */
  registerJobs(jobs: JobRunner): void {
    jobs.register({
      name: 'supervision.indicators',
      label: { zh: '监督考核指标日计算', en: 'Supervision indicators (daily)' },
      dailyAt: INDICATORS_DAILY_AT,
      scope: 'cluster',
      run: async () => {
        const day = chinaDay(this.deps.clock.now(), -1);
        const result = await this.compute(day);
        this.deps.log.info({ job: 'supervision.indicators', ...result }, 'indicators computed');
      },
    });
  }
}

function figureOf(r: { value: number | null; numerator: number | null; denominator: number | null }): Figure {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return { value: n(r.value), numerator: n(r.numerator), denominator: n(r.denominator) };
}

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
