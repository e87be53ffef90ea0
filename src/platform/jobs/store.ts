import type { Kysely } from 'kysely';
import type { DialectName, Executor } from '../db/index.js';
import { tryTransactionLock } from '../db/lock.js';
import type { ModuleMigrations } from '../db/migrations.js';

/** The stored state of a cluster job: its last run, its outcome and which node holds it now. */
export interface PlatformJobTable {
  name: string;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_success_at: string | null;
  last_outcome: 'success' | 'failure' | null;
  last_error: string | null;
  consecutive_failures: number;
  next_run_at: string | null;
  /** The runner running it now; with `lease_until`, the claim other nodes respect. */
  lease_holder: string | null;
  lease_until: string | null;
}

export interface JobTables {
  platform_job: PlatformJobTable;
}

export const jobMigrations: ModuleMigrations = {
  '2026_12_06_010_platform_job': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('platform_job')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('last_started_at', 'text')
        .addColumn('last_finished_at', 'text')
        .addColumn('last_success_at', 'text')
        .addColumn('last_outcome', 'text')
        .addColumn('last_error', 'text')
        .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_run_at', 'text')
        .addColumn('lease_holder', 'text')
        .addColumn('lease_until', 'text')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('platform_job').execute();
    },
  }),
};

export type Claim =
  | { claimed: true; row: PlatformJobTable }
  /** Not ours this time: not due yet (`next` is when it is), or held by another node. */
  | { claimed: false; next: Date | null };

export interface ClaimRequest {
  name: string;
  holder: string;
  now: Date;
  leaseMs: number;
  /**
   * When the job is next due given its stored row, as of `now` (the claim's own time: a later
   * reading of the clock would put "due now" just after it, and the job would never be due).
   * Ignored with `force`.
   */
  dueAt(row: PlatformJobTable, now: Date): Date;
  force: boolean;
}

export interface Finish {
  name: string;
  holder: string;
  startedAt: Date;
  finishedAt: Date;
  error: string | null;
  consecutiveFailures: number;
  nextRunAt: Date;
}

/**
 * The jobs' rows. A claim is a compare-and-set on the last start and the lease, so of nodes that
 * read the same row only one starts the run; on PostgreSQL it also runs under a transaction-scoped
 * advisory lock so that claimers do not even race (the lock is dropped when the claim commits:
 * while the job runs, the lease on the row is what other nodes respect, renewed as it runs).
 */
export class JobStore {
  readonly #db: Kysely<JobTables>;

  constructor(
    db: Executor,
    private readonly dialect: DialectName,
  ) {
    this.#db = db as unknown as Kysely<JobTables>;
  }

  /** Creates the rows of jobs not seen before; `db` is the claim's transaction when inside one. */
  async ensure(names: string[], db: Kysely<JobTables> = this.#db): Promise<void> {
    if (names.length === 0) return;
    await db
      .insertInto('platform_job')
      .values(names.map((name) => ({ name, consecutive_failures: 0 })))
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  async rows(names: string[]): Promise<Map<string, PlatformJobTable>> {
    if (names.length === 0) return new Map();
    const rows = await this.#db.selectFrom('platform_job').selectAll().where('name', 'in', names).execute();
    return new Map(rows.map((row) => [row.name, row]));
  }

  async claim(request: ClaimRequest): Promise<Claim> {
    if (this.dialect !== 'postgres') return this.#claim(this.#db, request);
    return this.#db.transaction().execute(async (trx) => {
      if (!(await tryTransactionLock(trx, this.dialect, `job.${request.name}`)))
        return { claimed: false, next: null };
      return this.#claim(trx, request);
    });
  }

  async #claim(db: Kysely<JobTables>, request: ClaimRequest): Promise<Claim> {
    const { name, now } = request;
    const at = now.toISOString();
    const row = await db.selectFrom('platform_job').selectAll().where('name', '=', name).executeTakeFirst();
    if (!row) {
      // Inside the claim's transaction: a second pool connection here could wait for ever while
      // every connection of the pool holds a claim transaction waiting for one.
      await this.ensure([name], db);
      return this.#claim(db, request);
    }
    if (row.lease_until && row.lease_until > at) return { claimed: false, next: new Date(row.lease_until) };
    const due = request.dueAt(row, now);
    if (!request.force && due > now) return { claimed: false, next: due };
    const until = new Date(now.getTime() + request.leaseMs).toISOString();
    const result = await db
      .updateTable('platform_job')
      .set({ lease_holder: request.holder, lease_until: until, last_started_at: at })
      .where('name', '=', name)
      .where((eb) =>
        eb.and([
          row.last_started_at === null
            ? eb('last_started_at', 'is', null)
            : eb('last_started_at', '=', row.last_started_at),
          eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', at)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { claimed: false, next: null };
    return {
      claimed: true,
      row: { ...row, lease_holder: request.holder, lease_until: until, last_started_at: at },
    };
  }

  /** Extends the lease of a run still going; false when the lease was lost. */
  async renew(name: string, holder: string, until: Date): Promise<boolean> {
    const result = await this.#db
      .updateTable('platform_job')
      .set({ lease_until: until.toISOString() })
      .where('name', '=', name)
      .where('lease_holder', '=', holder)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async finish(finish: Finish): Promise<void> {
    const finishedAt = finish.finishedAt.toISOString();
    await this.#db
      .updateTable('platform_job')
      .set({
        last_finished_at: finishedAt,
        last_outcome: finish.error === null ? 'success' : 'failure',
        last_error: finish.error,
        consecutive_failures: finish.consecutiveFailures,
        next_run_at: finish.nextRunAt.toISOString(),
        lease_holder: null,
        lease_until: null,
        ...(finish.error === null ? { last_success_at: finishedAt } : {}),
      })
      .where('name', '=', finish.name)
      .where('lease_holder', '=', finish.holder)
      .execute();
  }
}
