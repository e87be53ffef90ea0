import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../clock/index.js';
import type { DialectName, Executor } from '../db/index.js';
import { AppError } from '../errors/index.js';
import { JobErrors } from './errors.js';
import {
  type Backoff,
  backoffDelay,
  dailyMinutes,
  defaultBackoff,
  type JobSchedule,
  nextAfter,
} from './schedule.js';
import { JobStore, type PlatformJobTable } from './store.js';

/**
 * - `cluster`: one node of those sharing the database runs it per period; its last run is stored,
 *   so a restarted node knows whether it is due.
 * - `node`: every node runs it (frequent polls whose work is already claimed row by row); its
 *   status is kept in memory, so a no-op run every second writes nothing.
 */
export type JobScope = 'cluster' | 'node';

export interface JobDefinition {
  /** Stable, dotted (`audit.retention`): the key of the stored row, the log and the metrics. */
  name: string;
  /** What the operator reads in the portal. */
  label: { zh: string; en: string };
  every?: number;
  /** `HH:MM` China Standard Time (UTC+8). */
  dailyAt?: string;
  scope?: JobScope;
  backoff?: Backoff;
  /** The work; `signal` aborts when the runner stops. A rejection is a failure: logged, counted, retried. */
  run(signal: AbortSignal): Promise<void>;
}

export interface JobStatus {
  name: string;
  label: { zh: string; en: string };
  scope: JobScope;
  every: number | null;
  dailyAt: string | null;
  /** Running on this node now. */
  running: boolean;
  /** The node running a cluster job now (from its lease). */
  runningOn: string | null;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastSuccessAt: string | null;
  lastOutcome: 'success' | 'failure' | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextRunAt: string | null;
}

/** A pino-compatible logger. */
export interface JobLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface JobRunnerOptions {
  db: Executor;
  dialect: DialectName;
  clock: Clock;
  log: JobLog;
  /** How long a cluster job's claim holds without renewal (renewed every third of it while running). */
  leaseMs?: number;
  /** The longest the loop sleeps before looking again (other nodes may have run a cluster job). */
  maxSleepMs?: number;
}

interface Job {
  def: JobDefinition;
  schedule: JobSchedule;
  scope: JobScope;
  backoff: Backoff;
  /** When the loop next looks at it (ms since epoch, by the runner's clock). */
  checkAt: number;
  running: Promise<void> | undefined;
  controller: AbortController | undefined;
  /** This node's view; for cluster jobs the stored row is the truth. */
  local: Omit<JobStatus, 'name' | 'label' | 'scope' | 'every' | 'dailyAt' | 'running' | 'runningOn'>;
  /** Failures on this node since start (a Prometheus counter). */
  failures: number;
}

const MAX_ERROR_LENGTH = 1000;

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = error instanceof AppError ? `${error.code}: ${message}` : message;
  return text.slice(0, MAX_ERROR_LENGTH);
}

/**
 * Runs the platform's background work: each job on its schedule, never overlapping itself,
 * cluster jobs once per period across the nodes sharing the database, failures logged with the
 * job's name and retried with exponential backoff, and a status list for the operator.
 *
 * @example
 * const jobs = new JobRunner({ db, dialect, clock, log });
 * jobs.register({ name: 'audit.retention', label, dailyAt: '03:00', run: () => retention() });
 * jobs.start(); … await jobs.stop();
 */
export class JobRunner {
  readonly #jobs = new Map<string, Job>();
  readonly #store: JobStore;
  readonly #clock: Clock;
  readonly #log: JobLog;
  readonly #leaseMs: number;
  readonly #maxSleepMs: number;
  readonly #holder = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #stopping = false;

  constructor(options: JobRunnerOptions) {
    this.#store = new JobStore(options.db, options.dialect);
    this.#clock = options.clock;
    this.#log = options.log;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#maxSleepMs = options.maxSleepMs ?? 30_000;
  }

  /** This runner's name in leases (`host/pid/random`). */
  get holder(): string {
    return this.#holder;
  }

  register(def: JobDefinition): void {
    if (this.#jobs.has(def.name)) throw new Error(`job ${def.name} registered twice`);
    if ((def.every === undefined) === (def.dailyAt === undefined))
      throw new Error(`job ${def.name} needs exactly one of every and dailyAt`);
    if (def.every !== undefined && !(def.every >= 1))
      throw new Error(`job ${def.name}: every must be ≥ 1 ms`);
    if (def.dailyAt !== undefined) dailyMinutes(def.dailyAt);
    const schedule: JobSchedule =
      def.every !== undefined ? { every: def.every } : { dailyAt: def.dailyAt ?? '' };
    this.#jobs.set(def.name, {
      def,
      schedule,
      scope: def.scope ?? 'cluster',
      backoff: def.backoff ?? defaultBackoff(schedule),
      checkAt: this.#clock.now().getTime(),
      running: undefined,
      controller: undefined,
      local: {
        lastStartedAt: null,
        lastFinishedAt: null,
        lastSuccessAt: null,
        lastOutcome: null,
        lastError: null,
        consecutiveFailures: 0,
        nextRunAt: null,
      },
      failures: 0,
    });
    if (this.#started) this.#arm(0);
  }

  /** Starts the loop; due jobs (an overdue daily job after a restart among them) start at once. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#stopping = false;
    this.#arm(0);
  }

  /** Stops the loop, tells running jobs to stop (their signal aborts) and waits for them. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const job of this.#jobs.values()) job.controller?.abort();
    await Promise.all([...this.#jobs.values()].map((job) => job.running));
  }

  /**
   * One pass: starts every job due by the clock that is not running and waits for those and the
   * ones already running. For tests (with a manual clock) and the CLI.
   */
  async runDue(): Promise<void> {
    const now = this.#clock.now().getTime();
    for (const job of this.#jobs.values()) if (!job.running && job.checkAt <= now) this.#launch(job, false);
    await Promise.all([...this.#jobs.values()].map((job) => job.running));
  }

  /**
   * Runs a job now whatever its schedule (still never beside a run of itself, here or on another
   * node) and answers its status afterwards.
   */
  async runNow(name: string): Promise<JobStatus> {
    const job = this.#job(name);
    if (job.running) await job.running;
    else {
      this.#launch(job, true);
      await job.running;
    }
    return (await this.status()).find((s) => s.name === name) as JobStatus;
  }

  /** Every registered job: schedule, last run, outcome and next run (cluster jobs as stored). */
  async status(): Promise<JobStatus[]> {
    const jobs = [...this.#jobs.values()];
    const rows = await this.#store.rows(jobs.filter((j) => j.scope === 'cluster').map((j) => j.def.name));
    const now = this.#clock.now();
    return jobs.map((job) => {
      const row = rows.get(job.def.name);
      const base = {
        name: job.def.name,
        label: job.def.label,
        scope: job.scope,
        every: job.def.every ?? null,
        dailyAt: job.def.dailyAt ?? null,
        running: job.running !== undefined,
      };
      if (job.scope === 'node') return { ...base, runningOn: null, ...job.local };
      const leased = row?.lease_until && row.lease_until > now.toISOString();
      return {
        ...base,
        runningOn: leased ? row.lease_holder : null,
        lastStartedAt: row?.last_started_at ?? null,
        lastFinishedAt: row?.last_finished_at ?? null,
        lastSuccessAt: row?.last_success_at ?? null,
        lastOutcome: row?.last_outcome ?? null,
        lastError: row?.last_error ?? null,
        consecutiveFailures: row?.consecutive_failures ?? 0,
        nextRunAt: (row ? this.#dueAt(job, row) : now).toISOString(),
      };
    });
  }

  /** Failures on this node since start, per job (including jobs that never failed). */
  failureCounts(): Map<string, number> {
    return new Map([...this.#jobs.values()].map((job) => [job.def.name, job.failures]));
  }

  /** Jobs running on this node now. */
  runningNames(): Set<string> {
    return new Set([...this.#jobs.values()].filter((j) => j.running).map((j) => j.def.name));
  }

  #job(name: string): Job {
    const job = this.#jobs.get(name);
    if (!job) throw JobErrors.error('JOB_UNKNOWN', { name });
    return job;
  }

  #arm(delayMs: number): void {
    if (!this.#started || this.#stopping) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#tick(), Math.max(0, Math.min(delayMs, this.#maxSleepMs)));
    this.#timer.unref();
  }

  #tick(): void {
    const now = this.#clock.now().getTime();
    let next = Number.POSITIVE_INFINITY;
    for (const job of this.#jobs.values()) {
      if (job.running) continue;
      if (job.checkAt <= now) this.#launch(job, false);
      else next = Math.min(next, job.checkAt);
    }
    this.#arm(next - now);
  }

  #launch(job: Job, force: boolean): void {
    const run = job.scope === 'cluster' ? this.#runCluster(job, force) : this.#runNode(job);
    job.running = run
      .catch((err: unknown) => {
        // Bookkeeping failed (the database is away): look again after a backoff, never silently.
        job.failures += 1;
        job.checkAt = this.#clock.now().getTime() + backoffDelay(job.backoff, 1);
        this.#log.error({ job: job.def.name, err }, 'background job bookkeeping failed');
      })
      .finally(() => {
        job.running = undefined;
        job.controller = undefined;
        if (this.#started && !this.#stopping) this.#tick();
      });
  }

  async #runNode(job: Job): Promise<void> {
    const started = this.#clock.now();
    job.local.lastStartedAt = started.toISOString();
    const error = await this.#invoke(job);
    const finished = this.#clock.now();
    const failures = error === null ? 0 : job.local.consecutiveFailures + 1;
    const next =
      error === null
        ? nextAfter(job.schedule, started, finished)
        : new Date(finished.getTime() + backoffDelay(job.backoff, failures));
    job.local = {
      lastStartedAt: started.toISOString(),
      lastFinishedAt: finished.toISOString(),
      lastSuccessAt: error === null ? finished.toISOString() : job.local.lastSuccessAt,
      lastOutcome: error === null ? 'success' : 'failure',
      lastError: error,
      consecutiveFailures: failures,
      nextRunAt: next.toISOString(),
    };
    job.checkAt = next.getTime();
  }

  async #runCluster(job: Job, force: boolean): Promise<void> {
    const started = this.#clock.now();
    const claim = await this.#store.claim({
      name: job.def.name,
      holder: this.#holder,
      now: started,
      leaseMs: this.#leaseMs,
      dueAt: (row, now) => this.#dueAt(job, row, now),
      force,
    });
    if (!claim.claimed) {
      // Not due, or another node holds it: look again then (or shortly, if it is held).
      job.checkAt = claim.next ? claim.next.getTime() : started.getTime() + this.#leaseMs / 3;
      return;
    }
    const renewal = setInterval(() => {
      const until = new Date(this.#clock.now().getTime() + this.#leaseMs);
      this.#store.renew(job.def.name, this.#holder, until).then(
        (held) => {
          if (!held) this.#log.warn({ job: job.def.name }, 'background job lease lost while running');
        },
        (err: unknown) => this.#log.error({ job: job.def.name, err }, 'background job lease renewal failed'),
      );
    }, this.#leaseMs / 3);
    renewal.unref();
    let error: string | null;
    try {
      error = await this.#invoke(job);
    } finally {
      clearInterval(renewal);
    }
    const finished = this.#clock.now();
    const failures = error === null ? 0 : claim.row.consecutive_failures + 1;
    const next =
      error === null
        ? nextAfter(job.schedule, started, finished)
        : new Date(finished.getTime() + backoffDelay(job.backoff, failures));
    await this.#store.finish({
      name: job.def.name,
      holder: this.#holder,
      startedAt: started,
      finishedAt: finished,
      error,
      consecutiveFailures: failures,
      nextRunAt: next,
    });
    job.checkAt = next.getTime();
  }

  /** Runs the job's work; answers its error text, or null when it succeeded. */
  async #invoke(job: Job): Promise<string | null> {
    const controller = new AbortController();
    job.controller = controller;
    try {
      await job.def.run(controller.signal);
      return null;
    } catch (err) {
      job.failures += 1;
      this.#log.error({ job: job.def.name, err }, 'background job failed');
      return describeError(err);
    }
  }

  /** When a cluster job is due by its stored row: after a failure the backoff, else its schedule. */
  #dueAt(job: Job, row: PlatformJobTable, now = this.#clock.now()): Date {
    // A run that started and never finished (its node died; the lease has run out): due again now.
    if (row.last_started_at && (!row.last_finished_at || row.last_finished_at < row.last_started_at))
      return now;
    if (row.last_outcome === 'failure' && row.last_finished_at && row.consecutive_failures > 0)
      return new Date(Date.parse(row.last_finished_at) + backoffDelay(job.backoff, row.consecutive_failures));
    return nextAfter(job.schedule, row.last_started_at ? new Date(row.last_started_at) : null, now);
  }
}
