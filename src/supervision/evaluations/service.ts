import { authorize, scopeOf } from '../../org/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import { type Executor, lockRow, newId, tablesOf } from '../../platform/db/index.js';
import type { SupervisionDeps } from '../deps.js';
import { chinaDay } from '../indicators/compute.js';
import { INDICATORS, type IndicatorName, type IndicatorUnit } from '../indicators/definitions.js';
import { sealOf } from './canonical.js';
import type { EvaluationDeps } from './deps.js';
import { EvaluationErrors } from './errors.js';
import { ReportNotices } from './notices.js';
import { EvaluationActions } from './policies.js';
import type { EvaluationState, EvaluationTables, SupervisionEvaluationTable } from './schema.js';
import { type EvaluationScheme, evaluationScheme, parsePeriod, type SchemeBasis } from './scheme.js';
import { type EvaluationLine, type IndicatorAverage, scoreDepartments } from './scoring.js';
import { departmentsUnder, jurisdictionAt, periodFigures } from './subjects.js';

/** What an evaluation stores besides its columns (and what its seal covers). */
interface Content {
  scheme: { indicators: { indicator: IndicatorName; weight: number }[]; basis: EvaluationScheme['basis'] };
  averages: IndicatorAverage[];
  lines: EvaluationLine[];
}

export interface TimelineEvent {
  at: string;
  actor: string;
  action: string;
  note: string | null;
}

export interface EvaluationView {
  id: string;
  jurisdiction: { id: string; name: string };
  period: string;
  from: string;
  to: string;
  publication: 'public' | 'internal';
  state: EvaluationState;
  digest: string | null;
  scheme: {
    indicators: {
      indicator: IndicatorName;
      weight: number;
      unit: IndicatorUnit;
      label: { zh: string; en: string };
    }[];
    basis: { indicators: SchemeBasis; period: SchemeBasis; publication: SchemeBasis };
  };
  averages: IndicatorAverage[];
  lines: EvaluationLine[];
  /** True where the reader sees only its own department's line of an internal evaluation. */
  ownLineOnly: boolean;
  departments: number;
  createdAt: string;
  createdBy: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  timeline: TimelineEvent[];
}

export type EvaluationSummary = Omit<EvaluationView, 'scheme' | 'averages' | 'lines' | 'timeline'>;

const STATE_WORDS: Record<EvaluationState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' },
  reviewed: { zh: '已审核', en: 'reviewed' },
  published: { zh: '已发布', en: 'published' },
};

type View = 'full' | 'own';

/**
 * Evaluations of departments (issue 17; R111, R115): the authority runs one for a period over its
 * jurisdiction's subtree from the stored daily indicators, edits the drafted suggestions, reviews
 * and publishes it; the published evaluation is frozen and sealed by the SHA-256 digest of its
 * canonical JSON.
 */
export class EvaluationService {
  readonly db;
  readonly scheme: EvaluationScheme | null;

  constructor(
    private readonly deps: SupervisionDeps,
    private readonly extra: EvaluationDeps,
  ) {
    this.db = tablesOf<EvaluationTables>(deps.db);
    this.scheme = evaluationScheme(extra.profile);
  }

  /** The scheme in force, for the run form. */
  schemeView(actor: Actor) {
    const scope = scopeOf(actor, EvaluationActions['supervision.evaluation.read']);
    if (scope.kind === 'none') authorize(actor, EvaluationActions['supervision.evaluation.read']);
    const s = this.requireScheme();
    return {
      period: s.period,
      publication: s.publication,
      indicators: s.indicators.map((i) => ({
        ...i,
        unit: INDICATORS[i.indicator].unit,
        label: INDICATORS[i.indicator].label,
      })),
      basis: s.basis,
    };
  }

  /** Runs an evaluation for a period: a draft with scores, ranking and suggestions. */
  async run(
    ctx: RequestContext,
    input: {
      period: string;
      jurisdictionId?: string | undefined;
      publication?: 'public' | 'internal' | undefined;
    },
  ): Promise<EvaluationView> {
    authorize(ctx.actor, EvaluationActions['supervision.evaluation.manage'], {
      jurisdictionPath: ctx.actor.jurisdictionPath,
    });
    const scheme = this.requireScheme();
    const period = this.requirePeriod(input.period);
    const jurisdiction = input.jurisdictionId
      ? await this.deps.jurisdictions.get(input.jurisdictionId)
      : await jurisdictionAt(this.deps, ctx.actor.jurisdictionPath);
    if (!jurisdiction) throw EvaluationErrors.error('SUPERVISION_SCHEME_MISSING');
    authorize(ctx.actor, EvaluationActions['supervision.evaluation.manage'], {
      jurisdictionPath: jurisdiction.path,
    });
    const content = await this.compute(scheme, jurisdiction.path, period);
    const now = this.deps.clock.now().toISOString();
    const id = newId(this.deps.clock.now());
    await this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('supervision_evaluation')
        .select('id')
        .where('jurisdiction_id', '=', jurisdiction.id)
        .where('period', '=', period.period)
        .executeTakeFirst();
      if (existing)
        throw EvaluationErrors.error('SUPERVISION_EVALUATION_EXISTS', {
          jurisdiction: jurisdiction.name,
          period: period.period,
        });
      await trx
        .insertInto('supervision_evaluation')
        .values({
          id,
          jurisdiction_id: jurisdiction.id,
          jurisdiction_name: jurisdiction.name,
          jurisdiction_path: jurisdiction.path,
          period: period.period,
          period_from: period.from,
          period_to: period.to,
          publication: input.publication ?? scheme.publication,
          state: 'draft',
          content: JSON.stringify(content),
          digest: null,
          created_at: now,
          created_by: actedBy(ctx.actor).name,
          updated_at: now,
          reviewed_at: null,
          reviewed_by: null,
          published_at: null,
          published_by: null,
        })
        .execute();
      await this.event(trx, ctx, 'evaluation', id, 'run', null);
      await this.deps.audit.record(trx, ctx, {
        action: 'supervision.evaluation.run',
        category: 'admin',
        targetType: 'supervision_evaluation',
        targetId: id,
        detail: { period: period.period, jurisdictionId: jurisdiction.id, departments: content.lines.length },
      });
    });
    return this.get(ctx, id, { audited: false });
  }

  /** Recomputes a draft from the stored indicators; edited suggestions are kept. Refused once published. */
  async recompute(ctx: RequestContext, id: string): Promise<EvaluationView> {
    // Read before the step's transaction: SQLite has one connection, the transaction holds it.
    const current = await this.db
      .selectFrom('supervision_evaluation')
      .select(['period', 'jurisdiction_path'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!current) throw EvaluationErrors.error('SUPERVISION_EVALUATION_NOT_FOUND', { id });
    const fresh = await this.compute(
      this.requireScheme(),
      current.jurisdiction_path,
      this.requirePeriod(current.period),
    );
    await this.change(ctx, id, ['draft'], 'recompute', null, async (_row, content) => {
      const edited = new Map(
        content.lines.filter((l) => l.suggestion !== l.drafted).map((l) => [l.departmentId, l.suggestion]),
      );
      for (const line of fresh.lines) line.suggestion = edited.get(line.departmentId) ?? line.drafted;
      return { content: fresh };
    });
    return this.get(ctx, id, { audited: false });
  }

  /** The authority edits one department's suggestion of a draft. */
  async editSuggestion(ctx: RequestContext, id: string, departmentId: string, suggestion: string) {
    await this.change(ctx, id, ['draft'], 'suggestion', departmentId, async (_row, content) => {
      const line = content.lines.find((l) => l.departmentId === departmentId);
      if (!line) throw EvaluationErrors.error('SUPERVISION_EVALUATION_LINE_NOT_FOUND', { departmentId });
      line.suggestion = suggestion;
      return { content };
    });
    return this.get(ctx, id, { audited: false });
  }

  /** draft → reviewed. */
  async review(ctx: RequestContext, id: string) {
    const now = this.deps.clock.now().toISOString();
    await this.change(ctx, id, ['draft'], 'review', null, async () => ({
      state: 'reviewed',
      columns: { reviewed_at: now, reviewed_by: actedBy(ctx.actor).name },
    }));
    return this.get(ctx, id, { audited: false });
  }

  /** reviewed → draft: the authority takes it back to edit before publication. */
  async reopen(ctx: RequestContext, id: string) {
    await this.change(ctx, id, ['reviewed'], 'reopen', null, async () => ({
      state: 'draft',
      columns: { reviewed_at: null, reviewed_by: null },
    }));
    return this.get(ctx, id, { audited: false });
  }

  /** reviewed → published: frozen from now on, sealed by its digest. */
  async publish(ctx: RequestContext, id: string) {
    const now = this.deps.clock.now().toISOString();
    const by = actedBy(ctx.actor).name;
    await this.change(ctx, id, ['reviewed'], 'publish', null, async (row, content, trx) => {
      const sealed = { ...row, published_at: now, published_by: by };
      const digest = sealOf(sealedContent(sealed, content));
      const departments = content.lines.map((l) => l.departmentId);
      for (const departmentId of departments)
        await this.extra.notices.send(trx, {
          to: { departmentId },
          ...ReportNotices.notice('supervision.evaluation.published', {
            jurisdiction: row.jurisdiction_name,
            period: row.period,
            digest: digest.slice(0, 16),
          }),
          link: `/supervision/evaluations/${id}`,
        });
      return { state: 'published', columns: { published_at: now, published_by: by, digest } };
    });
    return this.get(ctx, id, { audited: false });
  }

  /** Recomputes the seal of a published evaluation from what is stored and compares it. */
  async verify(ctx: RequestContext, id: string) {
    const { row } = await this.readable(ctx.actor, id);
    if (row.state !== 'published' || row.digest === null)
      throw EvaluationErrors.error('SUPERVISION_EVALUATION_STATE', { state: STATE_WORDS[row.state] });
    const computed = sealOf(sealedContent(row, JSON.parse(row.content) as Content));
    await this.deps.db.transaction().execute((trx) =>
      this.deps.audit.record(trx, ctx, {
        action: 'supervision.evaluation.verify',
        category: 'admin',
        targetType: 'supervision_evaluation',
        targetId: id,
        detail: { valid: computed === row.digest },
      }),
    );
    return {
      id,
      algorithm: 'SHA-256' as const,
      digest: row.digest,
      computed,
      valid: computed === row.digest,
    };
  }

  /** Evaluations the reader may see, newest first: public published ones for everyone. */
  async list(actor: Actor): Promise<EvaluationSummary[]> {
    const scope = scopeOf(actor, EvaluationActions['supervision.evaluation.read']);
    const ancestors = ancestorsOf(actor.jurisdictionPath);
    const rows = await this.db
      .selectFrom('supervision_evaluation')
      .selectAll()
      .where((eb) => {
        const published = eb('state', '=', 'published');
        if (scope.kind === 'all') return eb.lit(true);
        const or = [eb.and([published, eb('publication', '=', 'public')])];
        if (scope.kind === 'within') {
          for (const p of scope.jurisdictionPaths) or.push(eb('jurisdiction_path', 'like', `${p}%`));
          if (scope.departmentIds.length > 0)
            or.push(eb.and([published, eb('jurisdiction_path', 'in', ancestors)]));
        }
        return eb.or(or);
      })
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute();
    return rows.map((row) => {
      const view = this.viewOf(actor, row) ?? 'own';
      const content = JSON.parse(row.content) as Content;
      return { ...summaryOf(row, content), ownLineOnly: view === 'own' };
    });
  }

  /** One evaluation; a department reading an internal one sees its own line only. */
  async get(
    ctx: RequestContext,
    id: string,
    options: { audited: boolean } = { audited: true },
  ): Promise<EvaluationView> {
    const { row, view } = await this.readable(ctx.actor, id);
    const content = JSON.parse(row.content) as Content;
    if (view === 'own')
      content.lines = content.lines.filter((l) => l.departmentId === ctx.actor.departmentId);
    const timeline =
      view === 'full'
        ? (
            await this.db
              .selectFrom('supervision_evaluation_event')
              .selectAll()
              .where('subject_id', '=', id)
              .orderBy('seq')
              .execute()
          ).map((e) => ({ at: e.at, actor: e.actor_name, action: e.action, note: e.note }))
        : [];
    if (options.audited)
      await this.deps.db.transaction().execute((trx) =>
        this.deps.audit.record(trx, ctx, {
          action: 'supervision.evaluation.read',
          category: 'admin',
          targetType: 'supervision_evaluation',
          targetId: id,
          detail: { ownLineOnly: view === 'own' },
        }),
      );
    return {
      ...summaryOf(row, content),
      ownLineOnly: view === 'own',
      scheme: {
        indicators: content.scheme.indicators.map((i) => ({
          ...i,
          unit: INDICATORS[i.indicator].unit,
          label: INDICATORS[i.indicator].label,
        })),
        basis: content.scheme.basis,
      },
      averages: content.averages,
      lines: content.lines,
      timeline,
    };
  }

  /** For the export: the evaluation as the reader may see it, with the export audited. */
  async forExport(ctx: RequestContext, id: string): Promise<EvaluationView> {
    const view = await this.get(ctx, id, { audited: false });
    await this.deps.db.transaction().execute((trx) =>
      this.deps.audit.record(trx, ctx, {
        action: 'supervision.evaluation.export',
        category: 'admin',
        targetType: 'supervision_evaluation',
        targetId: id,
        detail: { format: 'xlsx', lines: view.lines.length },
      }),
    );
    return view;
  }

  private async readable(actor: Actor, id: string) {
    const row = await this.db
      .selectFrom('supervision_evaluation')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw EvaluationErrors.error('SUPERVISION_EVALUATION_NOT_FOUND', { id });
    const view = this.viewOf(actor, row);
    // Not visible reads as not found: no one learns that another jurisdiction's evaluation exists.
    if (!view) throw EvaluationErrors.error('SUPERVISION_EVALUATION_NOT_FOUND', { id });
    return { row, view };
  }

  private viewOf(actor: Actor, row: SupervisionEvaluationTable): View | null {
    if (row.state === 'published' && row.publication === 'public') return 'full';
    const scope = scopeOf(actor, EvaluationActions['supervision.evaluation.read']);
    if (scope.kind === 'all') return 'full';
    if (scope.kind === 'none') return null;
    if (scope.jurisdictionPaths.some((p) => row.jurisdiction_path.startsWith(p))) return 'full';
    if (
      scope.departmentIds.length > 0 &&
      row.state === 'published' &&
      actor.jurisdictionPath.startsWith(row.jurisdiction_path)
    )
      return 'own';
    return null;
  }

  /** One change of an evaluation under a lock on its row, with its timeline event and audit entry. */
  private async change(
    ctx: RequestContext,
    id: string,
    from: EvaluationState[],
    action: string,
    note: string | null,
    effect: (
      row: SupervisionEvaluationTable,
      content: Content,
      trx: Executor,
    ) => Promise<{
      content?: Content;
      state?: EvaluationState;
      columns?: Partial<SupervisionEvaluationTable>;
    }>,
  ) {
    await this.db.transaction().execute(async (trx) => {
      const row = await lockRow<SupervisionEvaluationTable>(
        trx,
        this.extra.dialect,
        'supervision_evaluation',
        id,
      );
      if (!row) throw EvaluationErrors.error('SUPERVISION_EVALUATION_NOT_FOUND', { id });
      if (!this.viewOf(ctx.actor, row) && !canManage(ctx.actor, row))
        throw EvaluationErrors.error('SUPERVISION_EVALUATION_NOT_FOUND', { id });
      authorize(ctx.actor, EvaluationActions['supervision.evaluation.manage'], {
        jurisdictionPath: row.jurisdiction_path,
      });
      if (row.state === 'published') throw EvaluationErrors.error('SUPERVISION_EVALUATION_FROZEN');
      if (!from.includes(row.state))
        throw EvaluationErrors.error('SUPERVISION_EVALUATION_STATE', { state: STATE_WORDS[row.state] });
      const result = await effect(row, JSON.parse(row.content) as Content, trx);
      await trx
        .updateTable('supervision_evaluation')
        .set({
          ...(result.columns ?? {}),
          ...(result.content ? { content: JSON.stringify(result.content) } : {}),
          ...(result.state ? { state: result.state } : {}),
          updated_at: this.deps.clock.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
      await this.event(trx, ctx, 'evaluation', id, action, note);
      await this.deps.audit.record(trx, ctx, {
        action: `supervision.evaluation.${action}`,
        category: action === 'review' || action === 'publish' ? 'decision' : 'admin',
        targetType: 'supervision_evaluation',
        targetId: id,
        detail: { from: row.state, to: result.state ?? row.state, ...(note ? { departmentId: note } : {}) },
      });
    });
  }

  async event(
    trx: Executor,
    ctx: RequestContext | undefined,
    kind: 'evaluation' | 'report',
    subjectId: string,
    action: string,
    note: string | null,
  ) {
    const db = tablesOf<EvaluationTables>(trx);
    // The step's row is locked (or just inserted) by the caller: the next number is its own.
    const last = await db
      .selectFrom('supervision_evaluation_event')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('subject_id', '=', subjectId)
      .executeTakeFirst();
    await db
      .insertInto('supervision_evaluation_event')
      .values({
        id: newId(this.deps.clock.now()),
        seq: Number(last?.seq ?? 0) + 1,
        subject_kind: kind,
        subject_id: subjectId,
        at: this.deps.clock.now().toISOString(),
        actor_id: ctx?.actor.id ?? null,
        actor_name: ctx ? actedBy(ctx.actor).name : '系统',
        action,
        note,
      })
      .execute();
  }

  private async compute(
    scheme: EvaluationScheme,
    path: string,
    period: { from: string; to: string },
  ): Promise<Content> {
    const subjects = await departmentsUnder(this.deps, path);
    const figures = await periodFigures(
      this.deps.db,
      { path, ...period },
      scheme.indicators.map((i) => i.indicator),
    );
    const { lines, averages } = scoreDepartments(subjects, scheme.indicators, figures);
    return { scheme: { indicators: scheme.indicators, basis: scheme.basis }, averages, lines };
  }

  private requireScheme(): EvaluationScheme {
    if (!this.scheme) throw EvaluationErrors.error('SUPERVISION_SCHEME_MISSING');
    return this.scheme;
  }

  private requirePeriod(text: string) {
    const period = parsePeriod(text);
    if (!period || period.from > chinaDay(this.deps.clock.now()))
      throw EvaluationErrors.error('SUPERVISION_PERIOD_INVALID', { period: text.slice(0, 20) });
    return period;
  }
}

function canManage(actor: Actor, row: SupervisionEvaluationTable): boolean {
  const scope = scopeOf(actor, EvaluationActions['supervision.evaluation.manage']);
  return (
    scope.kind === 'all' ||
    (scope.kind === 'within' && scope.jurisdictionPaths.some((p) => row.jurisdiction_path.startsWith(p)))
  );
}

/** What the seal covers: everything a reader of the published evaluation is told. */
export function sealedContent(row: SupervisionEvaluationTable, content: Content) {
  return {
    id: row.id,
    jurisdiction: { id: row.jurisdiction_id, name: row.jurisdiction_name, path: row.jurisdiction_path },
    period: row.period,
    from: row.period_from,
    to: row.period_to,
    publication: row.publication,
    scheme: content.scheme,
    averages: content.averages,
    lines: content.lines,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}

function summaryOf(row: SupervisionEvaluationTable, content: Content): EvaluationSummary {
  return {
    id: row.id,
    jurisdiction: { id: row.jurisdiction_id, name: row.jurisdiction_name },
    period: row.period,
    from: row.period_from,
    to: row.period_to,
    publication: row.publication,
    state: row.state,
    digest: row.digest,
    ownLineOnly: false,
    departments: content.lines.length,
    createdAt: row.created_at,
    createdBy: row.created_by,
    reviewedAt: row.reviewed_at,
    reviewedBy: row.reviewed_by,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}

/** `/a/b/` → `['/', '/a/', '/a/b/']`: the jurisdictions whose evaluations cover a department there. */
function ancestorsOf(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const out = ['/'];
  for (let i = 1; i <= parts.length; i++) out.push(`/${parts.slice(0, i).join('/')}/`);
  return out;
}
