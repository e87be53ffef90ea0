import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { HostedResource } from '../../exchange/index.js';
import { authorize, scopeOf, scopeWhere } from '../../org/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import type { Actor, RequestContext } from '../../platform/context/index.js';
import { tablesOf } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { QualityDeps } from '../deps.js';
import { agreementOf, type SourceTables } from '../sources/index.js';
import { type Measures, measure } from './measure.js';
import { ScoreActions } from './policies.js';
import { type ColumnCounts, QualityScanner, type ScanOutcome } from './scanner.js';
import type { QualityScoreStateTable, ScoreTables } from './schema.js';

/** The provider columns both score tables have, which the reader's scope tests. */
type ScopeBuilder = ExpressionBuilder<ScoreTables, 'quality_score_state'>;

/** A resource's counts as kept, the resource, and the scores measured from them. */
interface Current {
  state: QualityScoreStateTable;
  resource: HostedResource;
  measures: Measures;
}

/** How often the scores follow the change logs. */
export const SCORE_EVERY_MS = 5 * 60_000;
/** Days of history a detail answers. */
const HISTORY_DAYS = 90;

export interface ResourceScore extends Omit<Measures, 'items'> {
  entry: { id: string; code: string; name: string };
  provider: { id: string; name: string | null };
  checkedAt: string;
  scannedAt: string | null;
}

export interface ScorePoint {
  day: string;
  rows: number;
  completeness: number | null;
  validity: number | null;
  agreement: number | null;
  score: number | null;
}

export interface DepartmentScore {
  department: { id: string; name: string | null };
  resources: number;
  rows: number;
  /** Rows-weighted mean of the department's resources' scores. */
  score: number | null;
  history: { day: string; score: number | null }[];
}

/**
 * Quality scores (issue 16): completeness and validity per hosted resource, kept current from the
 * change log by a job, a score per resource and per department with a daily history, for the
 * resource's page and the supervision indicators (issue 17).
 */
export class ScoreService {
  readonly scanner: QualityScanner;
  readonly #db: Kysely<ScoreTables>;

  constructor(private readonly deps: QualityDeps) {
    this.#db = tablesOf<ScoreTables>(deps.db);
    this.scanner = new QualityScanner({ ...deps, db: this.#db });
  }

  /** Follows every hosted resource's change log and records today's scores. */
  async refreshAll(): Promise<ScanOutcome[]> {
    const outcomes: ScanOutcome[] = [];
    for (const entryId of await this.deps.exchange.records.entryIds()) {
      const outcome = await this.scanner.refresh(entryId);
      await this.recordDay(entryId);
      outcomes.push(outcome);
    }
    return outcomes;
  }

  /** Reads every record of one resource again (after a rule or a catalog version changed). */
  async rescan(ctx: RequestContext, entryId: string): Promise<ResourceScore> {
    const resource = await this.deps.exchange.hosting.resource(entryId);
    if (!resource) throw new AppError('NOT_FOUND', { path: entryId });
    authorize(ctx.actor, ScoreActions['quality.score.scan'], {
      departmentId: resource.provider.departmentId,
      jurisdictionPath: resource.provider.jurisdictionPath,
    });
    await this.scanner.full(entryId);
    await this.recordDay(entryId);
    return this.get(ctx.actor, entryId).then(({ history: _h, items: _i, ...score }) => score);
  }

  /** Today's scores of one resource, from its counts (upserted: the last run of the day stands). */
  async recordDay(entryId: string): Promise<void> {
    const current = await this.#current(entryId);
    if (!current) return;
    const { state, measures } = current;
    const row = {
      entry_id: entryId,
      day: chinaDate(this.deps.clock.now()),
      provider_department_id: state.provider_department_id,
      provider_jurisdiction_path: state.provider_jurisdiction_path,
      rows: measures.rows,
      completeness: measures.completeness,
      validity: measures.validity,
      agreement: measures.agreement,
      score: measures.score,
    };
    const { entry_id: _e, day: _d, ...update } = row;
    await this.#db
      .insertInto('quality_score_day')
      .values(row)
      .onConflict((oc) => oc.columns(['entry_id', 'day']).doUpdateSet(update))
      .execute();
    await this.#db
      .updateTable('quality_score_state')
      .set({ score: measures.score })
      .where('entry_id', '=', entryId)
      .execute();
  }

  /**
   * The scores of the resources the actor may see, lowest first (what needs attention), unscored
   * last: ordered and paged in SQL by the score last recorded, the page's figures measured afresh.
   */
  async list(
    actor: Actor,
    filter: { departmentId?: string | undefined; page: number; pageSize: number },
  ): Promise<{ items: ResourceScore[]; total: number }> {
    let query = this.#scoped(actor);
    if (filter.departmentId) query = query.where('provider_department_id', '=', filter.departmentId);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const page = await query
      .select('entry_id')
      .orderBy(sql`case when score is null then 1 else 0 end`)
      .orderBy('score')
      .orderBy('entry_id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    const items: ResourceScore[] = [];
    for (const { entry_id } of page) {
      const score = await this.#score(entry_id);
      if (score) items.push(score);
    }
    return { items, total: Number(total.n) };
  }

  /** One resource's scores, per item, with its daily history. */
  async get(
    actor: Actor,
    entryId: string,
  ): Promise<ResourceScore & { items: Measures['items']; history: ScorePoint[] }> {
    const visible = await this.#scoped(actor)
      .select('entry_id')
      .where('entry_id', '=', entryId)
      .executeTakeFirst();
    const current = visible ? await this.#current(entryId) : undefined;
    const score = current ? await this.#score(entryId, current) : undefined;
    if (!current || !score) throw new AppError('NOT_FOUND', { path: `/quality/scores/${entryId}` });
    const history = await this.#db
      .selectFrom('quality_score_day')
      .select(['day', 'rows', 'completeness', 'validity', 'agreement', 'score'])
      .where('entry_id', '=', entryId)
      .orderBy('day', 'desc')
      .limit(HISTORY_DAYS)
      .execute();
    return {
      ...score,
      items: current.measures.items,
      history: history.reverse().map((h) => ({ ...h, rows: Number(h.rows) })),
    };
  }

  /** Each department's score (rows-weighted over its resources) and its daily history. */
  async departments(actor: Actor): Promise<DepartmentScore[]> {
    const scope = this.#scope(actor);
    const rows = await this.#db
      .selectFrom('quality_score_day')
      .select((eb) => [
        'provider_department_id as departmentId',
        'day',
        eb.fn.count<number>('entry_id').as('resources'),
        eb.fn.sum<number>('rows').as('rows'),
        sql<
          number | null
        >`sum(score * rows) / nullif(sum(case when score is null then 0 else rows end), 0)`.as('score'),
      ])
      .where((eb) => scope(eb as unknown as ScopeBuilder))
      .where('day', '>=', this.#since())
      .groupBy(['provider_department_id', 'day'])
      .orderBy('day')
      .execute();
    const byDepartment = new Map<string, DepartmentScore>();
    for (const row of rows) {
      let department = byDepartment.get(row.departmentId);
      if (!department) {
        const name = (await this.deps.departments(this.deps.db, row.departmentId))?.name ?? null;
        department = {
          department: { id: row.departmentId, name },
          resources: 0,
          rows: 0,
          score: null,
          history: [],
        };
        byDepartment.set(row.departmentId, department);
      }
      const score = row.score === null ? null : Math.round(Number(row.score) * 10) / 10;
      department.history.push({ day: row.day, score });
      department.resources = Number(row.resources);
      department.rows = Number(row.rows);
      department.score = score;
    }
    return [...byDepartment.values()].sort((a, b) => (a.score ?? 101) - (b.score ?? 101));
  }

  /** Registers the scores job: follow every change log, then record the day's scores. */
  registerJobs(jobs: JobRunner): void {
    jobs.register({
      name: 'quality.scores',
      label: { zh: '数据质量评分（完整性、有效性）', en: 'Data quality scores (completeness, validity)' },
      every: SCORE_EVERY_MS,
      scope: 'cluster',
      run: async () => {
        await this.refreshAll();
      },
    });
  }

  async #current(entryId: string): Promise<Current | undefined> {
    const state = await this.#db
      .selectFrom('quality_score_state')
      .selectAll()
      .where('entry_id', '=', entryId)
      .executeTakeFirst();
    const resource = await this.deps.exchange.hosting.resource(entryId);
    if (!state || !resource) return undefined;
    const columns = resource.columns.filter((c) => c.active);
    const measures = measure(
      columns,
      JSON.parse(state.counts) as ColumnCounts,
      Number(state.rows),
      chinaDate(this.deps.clock.now()),
      await agreementOf(tablesOf<SourceTables>(this.deps.db), entryId),
    );
    return { state, resource, measures };
  }

  async #score(entryId: string, known?: Current): Promise<ResourceScore | undefined> {
    const current = known ?? (await this.#current(entryId));
    if (!current) return undefined;
    const { state, resource, measures } = current;
    const { items: _items, ...figures } = measures;
    return {
      ...figures,
      entry: { id: entryId, code: resource.entry.code, name: resource.entry.name },
      provider: {
        id: resource.provider.departmentId,
        name: (await this.deps.departments(this.deps.db, resource.provider.departmentId))?.name ?? null,
      },
      checkedAt: state.updated_at,
      scannedAt: state.scanned_at,
    };
  }

  /** Which providers' rows the actor may see, as a SQL test (lists never filter after paging). */
  #scope(actor: Actor): (eb: ScopeBuilder) => Expression<SqlBool> {
    const scope = scopeOf(actor, ScoreActions['quality.score.read']);
    if (scope.kind === 'none') authorize(actor, ScoreActions['quality.score.read']);
    return (eb) =>
      scopeWhere(eb, scope, { department: 'provider_department_id', path: 'provider_jurisdiction_path' });
  }

  #scoped(actor: Actor) {
    const scope = this.#scope(actor);
    return this.#db.selectFrom('quality_score_state').where((eb) => scope(eb as unknown as ScopeBuilder));
  }

  #since(): string {
    const from = new Date(this.deps.clock.now().getTime() - HISTORY_DAYS * 86_400_000);
    return chinaDate(from);
  }
}
