import { authorize, scopeOf, scopeWhere } from '../../org/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import { type Executor, lockRow, newId, tablesOf } from '../../platform/db/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { SupervisionDeps } from '../deps.js';
import { chinaDay } from '../indicators/compute.js';
import { INDICATOR_NAMES, INDICATORS, type IndicatorUnit } from '../indicators/definitions.js';
import type { EvaluationDeps } from './deps.js';
import { EvaluationErrors } from './errors.js';
import { ReportNotices } from './notices.js';
import { EvaluationActions } from './policies.js';
import type { EvaluationTables, ReportState, SupervisionDepartmentReportTable } from './schema.js';
import { parsePeriod, type ReportPeriod, type ReportScheme, reportPeriods, reportScheme } from './scheme.js';
import { type IndicatorScore, periodValue } from './scoring.js';
import type { EvaluationService, TimelineEvent } from './service.js';
import { type CoveredDepartment, departmentsUnder, periodFigures } from './subjects.js';

/** The reminder job's time, China time: the working morning. */
export const REPORTS_DAILY_AT = '08:30';

export type ReportFigure = Omit<IndicatorScore, 'weight' | 'score'>;

export interface ReportView {
  id: string;
  department: { id: string; name: string };
  period: string;
  from: string;
  to: string;
  due: string;
  state: ReportState;
  overdue: boolean;
  figures: (ReportFigure & { unit: IndicatorUnit; label: { zh: string; en: string } })[];
  work: string;
  problems: string;
  plans: string;
  reviewComment: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  basis: { article: string | null; text: string };
  timeline: TimelineEvent[];
}

const STATE_WORDS: Record<ReportState, { zh: string; en: string }> = {
  open: { zh: '待报送', en: 'open' },
  submitted: { zh: '已报送', en: 'submitted' },
  accepted: { zh: '已通过', en: 'accepted' },
  returned: { zh: '已退回', en: 'returned' },
};

/**
 * Department self-reports (issue 17, R112): on the profile's cadence a report per department per
 * period, its figures pre-filled from the stored indicators; the department writes the sections
 * and submits, the authority accepts or returns it. A daily job opens the reports of ended
 * periods, reminds the department's resource administrators N working days before the due date
 * and tells the authority once a report is overdue.
 */
export class ReportService {
  readonly db;
  readonly scheme: ReportScheme | null;

  constructor(
    private readonly deps: SupervisionDeps,
    private readonly extra: EvaluationDeps,
    private readonly evaluations: Pick<EvaluationService, 'event'>,
  ) {
    this.db = tablesOf<EvaluationTables>(deps.db);
    this.scheme = reportScheme(extra.profile);
  }

  /** The cadence, and the report periods of last year and this year that have begun (newest first). */
  schemeView(actor: Actor) {
    this.authorizeRead(actor);
    if (!this.scheme) return null;
    const today = chinaDay(this.deps.clock.now());
    const year = Number(today.slice(0, 4));
    const periods = [...reportPeriods(this.scheme, year), ...reportPeriods(this.scheme, year - 1)]
      .filter((p) => p.from <= today)
      .map(({ period, from, to, due }) => ({ period, from, to, due }));
    return { ...this.scheme, periods };
  }

  /** The authority opens the reports of a period for its jurisdiction's departments now. */
  async open(ctx: RequestContext, periodText: string): Promise<{ opened: number }> {
    authorize(ctx.actor, EvaluationActions['supervision.report.review'], {
      jurisdictionPath: ctx.actor.jurisdictionPath,
    });
    const scheme = this.requireScheme();
    const period = this.schemePeriod(scheme, periodText);
    const departments = await departmentsUnder(this.deps, ctx.actor.jurisdictionPath);
    return { opened: await this.openFor(departments, period, ctx) };
  }

  /**
   * The daily sweep: opens the reports of periods that have ended, reminds before the due date,
   * and tells the authority of overdue reports, each once.
   */
  async sweep(): Promise<{ opened: number; reminded: number; overdue: number }> {
    const scheme = this.scheme;
    if (!scheme) return { opened: 0, reminded: 0, overdue: 0 };
    const today = chinaDay(this.deps.clock.now());
    const year = Number(today.slice(0, 4));
    let opened = 0;
    const due = [...reportPeriods(scheme, year - 1), ...reportPeriods(scheme, year)].filter(
      (p) => p.to < today && today <= p.due,
    );
    if (due.length > 0) {
      const departments = await departmentsUnder(this.deps, '/');
      for (const period of due) opened += await this.openFor(departments, period, undefined);
    }
    const calendar = await this.extra.calendar.calendar();
    const pending = await this.db
      .selectFrom('supervision_department_report')
      .selectAll()
      .where('state', 'in', ['open', 'returned'])
      .where((eb) => eb.or([eb('reminded_at', 'is', null), eb('overdue_noticed_at', 'is', null)]))
      .execute();
    let reminded = 0;
    let overdue = 0;
    const now = this.deps.clock.now().toISOString();
    const article = scheme.basis.article ?? scheme.basis.text;
    for (const r of pending) {
      const params = { department: r.department_name, period: r.period, due: r.due, article };
      if (r.due < today && r.overdue_noticed_at === null) {
        await this.db.transaction().execute(async (trx) => {
          if (!(await this.mark(trx, r.id, 'overdue_noticed_at', now))) return;
          await this.extra.notices.send(trx, {
            to: { role: 'authority', jurisdictionPath: r.jurisdiction_path },
            ...ReportNotices.notice('supervision.report.overdue', params),
            link: `/supervision/reports/${r.id}`,
          });
          overdue++;
        });
      } else if (
        r.due >= today &&
        r.reminded_at === null &&
        calendar.countWorkingDays(today, r.due).count <= scheme.remindWorkingDays
      ) {
        await this.db.transaction().execute(async (trx) => {
          if (!(await this.mark(trx, r.id, 'reminded_at', now))) return;
          await this.extra.notices.send(trx, {
            to: { departmentId: r.department_id, role: 'resource_admin' },
            ...ReportNotices.notice('supervision.report.due', params),
            link: `/supervision/reports/${r.id}`,
          });
          reminded++;
        });
      }
    }
    return { opened, reminded, overdue };
  }

  registerJobs(jobs: JobRunner): void {
    jobs.register({
      name: 'supervision.reports',
      label: { zh: '部门共享工作报告提醒', en: 'Department reports: open, remind, overdue' },
      dailyAt: REPORTS_DAILY_AT,
      scope: 'cluster',
      run: async () => {
        const result = await this.sweep();
        this.deps.log.info({ job: 'supervision.reports', ...result }, 'department reports swept');
      },
    });
  }

  async list(actor: Actor, filter: { state?: ReportState | undefined; period?: string | undefined } = {}) {
    const scope = this.authorizeRead(actor);
    let query = this.db.selectFrom('supervision_department_report').selectAll();
    query = query.where((eb) =>
      scopeWhere(eb, scope, { department: 'department_id', path: 'jurisdiction_path' }),
    );
    if (filter.state) query = query.where('state', '=', filter.state);
    if (filter.period) query = query.where('period', '=', filter.period);
    const rows = await query.orderBy('due', 'desc').orderBy('department_name').limit(1000).execute();
    const today = chinaDay(this.deps.clock.now());
    return rows.map((r) => {
      const { figures: _f, timeline: _t, ...rest } = this.viewOf(r, [], today);
      return rest;
    });
  }

  async get(ctx: RequestContext, id: string): Promise<ReportView> {
    const row = await this.readable(ctx.actor, id);
    const events = await this.db
      .selectFrom('supervision_evaluation_event')
      .selectAll()
      .where('subject_id', '=', id)
      .orderBy('seq')
      .execute();
    return this.viewOf(
      row,
      events.map((e) => ({ at: e.at, actor: e.actor_name, action: e.action, note: e.note })),
      chinaDay(this.deps.clock.now()),
    );
  }

  /** The department writes its sections (open or returned reports). */
  async save(ctx: RequestContext, id: string, input: { work: string; problems: string; plans: string }) {
    await this.change(ctx, id, 'fill', ['open', 'returned'], 'save', null, () => ({
      work: input.work,
      problems: input.problems,
      plans: input.plans,
    }));
    return this.get(ctx, id);
  }

  async submit(
    ctx: RequestContext,
    id: string,
    input: { work?: string | undefined; problems?: string | undefined; plans?: string | undefined } = {},
  ) {
    const now = this.deps.clock.now().toISOString();
    await this.change(ctx, id, 'fill', ['open', 'returned'], 'submit', null, async (row, trx) => {
      await this.extra.notices.send(trx, {
        to: { role: 'authority', jurisdictionPath: row.jurisdiction_path },
        ...ReportNotices.notice('supervision.report.submitted', {
          department: row.department_name,
          period: row.period,
        }),
        link: `/supervision/reports/${id}`,
      });
      return {
        ...(input.work !== undefined ? { work: input.work } : {}),
        ...(input.problems !== undefined ? { problems: input.problems } : {}),
        ...(input.plans !== undefined ? { plans: input.plans } : {}),
        state: 'submitted',
        submitted_at: now,
        submitted_by: actedBy(ctx.actor).name,
        review_comment: null,
      };
    });
    return this.get(ctx, id);
  }

  async review(ctx: RequestContext, id: string, outcome: 'accept' | 'return', comment: string | null) {
    const now = this.deps.clock.now().toISOString();
    await this.change(ctx, id, 'review', ['submitted'], outcome, comment, async (row, trx) => {
      await this.extra.notices.send(trx, {
        to: { departmentId: row.department_id, role: 'resource_admin' },
        ...ReportNotices.notice('supervision.report.reviewed', {
          period: row.period,
          outcome:
            outcome === 'accept' ? { zh: '已通过', en: 'accepted' } : { zh: '已退回修改', en: 'returned' },
          comment: comment ?? '—',
        }),
        link: `/supervision/reports/${id}`,
      });
      return {
        state: outcome === 'accept' ? 'accepted' : 'returned',
        review_comment: comment,
        reviewed_at: now,
        reviewed_by: actedBy(ctx.actor).name,
      };
    });
    return this.get(ctx, id);
  }

  private async openFor(
    departments: readonly CoveredDepartment[],
    period: ReportPeriod,
    ctx: RequestContext | undefined,
  ): Promise<number> {
    const existing = new Set(
      (
        await this.db
          .selectFrom('supervision_department_report')
          .select('department_id')
          .where('period', '=', period.period)
          .execute()
      ).map((r) => r.department_id),
    );
    const missing = departments.filter((d) => !existing.has(d.id));
    if (missing.length === 0) return 0;
    const figures = await periodFigures(
      this.deps.db,
      { path: '/', from: period.from, to: period.to },
      INDICATOR_NAMES,
    );
    const now = this.deps.clock.now().toISOString();
    let opened = 0;
    for (const d of missing) {
      const mine = figures.filter((f) => f.departmentId === d.id);
      const values: ReportFigure[] = INDICATOR_NAMES.map((indicator) => ({
        indicator,
        ...periodValue(
          indicator,
          mine.filter((f) => f.indicator === indicator),
        ),
      }));
      const id = newId(this.deps.clock.now());
      await this.db.transaction().execute(async (trx) => {
        const inserted = await tablesOf<EvaluationTables>(trx)
          .insertInto('supervision_department_report')
          .values({
            id,
            department_id: d.id,
            department_name: d.name,
            jurisdiction_id: d.jurisdictionId,
            jurisdiction_path: d.jurisdictionPath,
            period: period.period,
            period_from: period.from,
            period_to: period.to,
            due: period.due,
            state: 'open',
            figures: JSON.stringify(values),
            work: '',
            problems: '',
            plans: '',
            review_comment: null,
            reminded_at: null,
            overdue_noticed_at: null,
            submitted_at: null,
            submitted_by: null,
            reviewed_at: null,
            reviewed_by: null,
            created_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.columns(['department_id', 'period']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
        opened++;
        await this.evaluations.event(trx, ctx, 'report', id, 'open', null);
        await this.deps.audit.record(trx, ctx ?? {}, {
          action: 'supervision.report.open',
          category: 'admin',
          targetType: 'supervision_department_report',
          targetId: id,
          detail: { departmentId: d.id, period: period.period, due: period.due },
        });
      });
    }
    return opened;
  }

  /** Marks a report reminded (or its overdue told) once: false where another run already did. */
  private async mark(trx: Executor, id: string, column: 'reminded_at' | 'overdue_noticed_at', at: string) {
    const result = await tablesOf<EvaluationTables>(trx)
      .updateTable('supervision_department_report')
      .set({ [column]: at })
      .where('id', '=', id)
      .where(column, 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    const action = column === 'reminded_at' ? 'remind' : 'overdue';
    await this.evaluations.event(trx, undefined, 'report', id, action, null);
    await this.deps.audit.record(
      trx,
      {},
      {
        action: `supervision.report.${action}`,
        category: 'admin',
        targetType: 'supervision_department_report',
        targetId: id,
      },
    );
    return true;
  }

  private async change(
    ctx: RequestContext,
    id: string,
    kind: 'fill' | 'review',
    from: ReportState[],
    action: string,
    note: string | null,
    effect: (
      row: SupervisionDepartmentReportTable,
      trx: Executor,
    ) => Partial<SupervisionDepartmentReportTable> | Promise<Partial<SupervisionDepartmentReportTable>>,
  ) {
    await this.db.transaction().execute(async (trx) => {
      const row = await lockRow<SupervisionDepartmentReportTable>(
        trx,
        this.extra.dialect,
        'supervision_department_report',
        id,
      );
      if (!row || !this.visible(ctx.actor, row))
        throw EvaluationErrors.error('SUPERVISION_REPORT_NOT_FOUND', { id });
      authorize(
        ctx.actor,
        kind === 'fill'
          ? EvaluationActions['supervision.report.fill']
          : EvaluationActions['supervision.report.review'],
        { departmentId: row.department_id, jurisdictionPath: row.jurisdiction_path },
      );
      if (!from.includes(row.state))
        throw EvaluationErrors.error('SUPERVISION_REPORT_STATE', { state: STATE_WORDS[row.state] });
      const columns = await effect(row, trx);
      await tablesOf<EvaluationTables>(trx)
        .updateTable('supervision_department_report')
        .set({ ...columns, updated_at: this.deps.clock.now().toISOString() })
        .where('id', '=', id)
        .execute();
      await this.evaluations.event(trx, ctx, 'report', id, action, note);
      await this.deps.audit.record(trx, ctx, {
        action: `supervision.report.${action}`,
        category: kind === 'review' ? 'decision' : 'admin',
        targetType: 'supervision_department_report',
        targetId: id,
        detail: { from: row.state, to: columns.state ?? row.state },
      });
    });
  }

  private authorizeRead(actor: Actor) {
    const scope = scopeOf(actor, EvaluationActions['supervision.report.read']);
    if (scope.kind === 'none') authorize(actor, EvaluationActions['supervision.report.read']);
    return scope;
  }

  private visible(actor: Actor, row: SupervisionDepartmentReportTable): boolean {
    const scope = scopeOf(actor, EvaluationActions['supervision.report.read']);
    if (scope.kind === 'all') return true;
    if (scope.kind === 'none') return false;
    return (
      scope.departmentIds.includes(row.department_id) ||
      scope.jurisdictionPaths.some((p) => row.jurisdiction_path.startsWith(p))
    );
  }

  private async readable(actor: Actor, id: string) {
    this.authorizeRead(actor);
    const row = await this.db
      .selectFrom('supervision_department_report')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !this.visible(actor, row))
      throw EvaluationErrors.error('SUPERVISION_REPORT_NOT_FOUND', { id });
    return row;
  }

  private viewOf(r: SupervisionDepartmentReportTable, timeline: TimelineEvent[], today: string): ReportView {
    const figures = (JSON.parse(r.figures) as ReportFigure[])
      .filter((f) => f.indicator in INDICATORS)
      .map((f) => ({ ...f, unit: INDICATORS[f.indicator].unit, label: INDICATORS[f.indicator].label }));
    return {
      id: r.id,
      department: { id: r.department_id, name: r.department_name },
      period: r.period,
      from: r.period_from,
      to: r.period_to,
      due: r.due,
      state: r.state,
      overdue: (r.state === 'open' || r.state === 'returned') && r.due < today,
      figures,
      work: r.work,
      problems: r.problems,
      plans: r.plans,
      reviewComment: r.review_comment,
      submittedAt: r.submitted_at,
      submittedBy: r.submitted_by,
      reviewedAt: r.reviewed_at,
      reviewedBy: r.reviewed_by,
      basis: { article: this.scheme?.basis.article ?? null, text: this.scheme?.basis.text ?? '' },
      timeline,
    };
  }

  private requireScheme(): ReportScheme {
    if (!this.scheme) throw EvaluationErrors.error('SUPERVISION_REPORT_SCHEME_MISSING');
    return this.scheme;
  }

  /** A period of the scheme's cadence that has begun. */
  private schemePeriod(scheme: ReportScheme, text: string): ReportPeriod {
    const parsed = parsePeriod(text);
    const match = parsed
      ? reportPeriods(scheme, parsed.year).find((p) => p.period === parsed.period)
      : undefined;
    if (!match || match.from > chinaDay(this.deps.clock.now()))
      throw EvaluationErrors.error('SUPERVISION_PERIOD_INVALID', { period: text.slice(0, 20) });
    return match;
  }
}
