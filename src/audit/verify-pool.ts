import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkJob, ChunkSummary } from './verify-rows.js';
import type { VerifyWorkerData, VerifyWorkerMessage } from './verify-worker.js';

/**
 * Starts a worker from the built JavaScript beside this file, or, when running from the
 * TypeScript source (tsx, vitest), from the .ts file through tsx's loader, which a worker does not
 * inherit from its parent.
 */
function spawn(workerData: VerifyWorkerData): Worker {
  const built = new URL('./verify-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return new Worker(built, { workerData });
  const source = new URL('./verify-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

interface Pending {
  resolve(summary: ChunkSummary): void;
  reject(error: Error): void;
}

/** Worker threads that check ranges of the chain in parallel, each on its own connection. */
export class VerifyPool {
  readonly #workers: Worker[];
  readonly #pending = new Map<number, Pending>();
  readonly #exited = new Set<Worker>();
  readonly #ready: Promise<unknown>;
  #failure: Error | undefined;
  #serial = 0;

  private constructor(workers: Worker[]) {
    this.#workers = workers;
    this.#ready = Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.on('message', (message: VerifyWorkerMessage) => {
              if ('summary' in message) this.#settle(message.summary.id, message.summary);
              else if ('job' in message) this.#settle(message.job, new Error(message.error));
              else if ('ready' in message) resolve();
              else reject(new Error(message.failed));
            });
            worker.on('error', (error) => {
              reject(error);
              this.#fail(error);
            });
            worker.on('exit', () => {
              this.#exited.add(worker);
              const error = new Error('a verification worker stopped');
              reject(error);
              this.#fail(error);
            });
          }),
      ),
    );
  }

  get size(): number {
    return this.#workers.length;
  }

  /** No worker has failed or stopped. */
  get healthy(): boolean {
    return this.#failure === undefined;
  }

  /** Whether an idle pool keeps the process alive. */
  hold(alive: boolean): void {
    for (const worker of this.#workers) alive ? worker.ref() : worker.unref();
  }

  /** Starts `count` workers and waits until each has its connection open. */
  static async start(data: VerifyWorkerData, count: number): Promise<VerifyPool> {
    const pool = new VerifyPool(Array.from({ length: count }, () => spawn(data)));
    try {
      await pool.#ready;
    } catch (error) {
      await Promise.all(pool.#workers.map((worker) => worker.terminate()));
      throw error;
    }
    return pool;
  }

  /**
   * Checks the jobs, keeping every worker two jobs ahead, and yields their summaries in job order
   * (so the caller can stop at the first range that is not clean).
   */
  async *check(jobs: ChunkJob[]): AsyncGenerator<ChunkSummary> {
    const results: Array<Promise<ChunkSummary>> = [];
    const window = this.#workers.length * 2;
    for (let next = 0; next < jobs.length; next++) {
      while (results.length < jobs.length && results.length < next + window) {
        const job = jobs[results.length] as ChunkJob;
        results.push(this.#submit(results.length % this.#workers.length, job));
      }
      yield await (results[next] as Promise<ChunkSummary>);
    }
  }

  #submit(worker: number, job: ChunkJob): Promise<ChunkSummary> {
    // Ids are the pool's own: a pool kept from a verification that stopped early may still answer
    // that verification's jobs.
    const id = this.#serial++;
    const result = new Promise<ChunkSummary>((resolve, reject) => {
      if (this.#failure) return reject(this.#failure);
      this.#pending.set(id, {
        resolve: (summary) =>
          summary.from === job.from && summary.to === job.to
            ? resolve({ ...summary, id: job.id })
            : reject(new Error('a verification worker answered the wrong range')),
        reject,
      });
      (this.#workers[worker] as Worker).postMessage({ ...job, id });
    });
    // Jobs still running when the caller stops early are never awaited.
    result.catch(() => undefined);
    return result;
  }

  #settle(id: number, outcome: ChunkSummary | Error): void {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (outcome instanceof Error) pending?.reject(outcome);
    else pending?.resolve(outcome);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  /** Asks the workers to close their connections and exit; stops any that do not within a second. */
  async close(): Promise<void> {
    this.#failure ??= new Error('the verification pool is closed');
    await Promise.all(
      this.#workers.map(async (worker) => {
        if (this.#exited.has(worker)) return;
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.postMessage('close');
        const timer = setTimeout(() => void worker.terminate(), 1000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}

/**
 * Worker threads kept from one verification to the next (starting them costs more than checking
 * a few hundred thousand entries under tsx, and some tens of milliseconds when built), closed
 * after `idleMs` without use or by `close()`. Each keeps its read-only connection meanwhile.
 */
export class VerifyWorkers {
  #idle: { pool: VerifyPool; key: string; timer: NodeJS.Timeout } | undefined;

  constructor(private readonly idleMs = 60_000) {}

  /** An idle pool started for the same data, or a new one. */
  async take(data: VerifyWorkerData, count: number): Promise<VerifyPool> {
    const key = JSON.stringify([data, count]);
    const idle = this.#idle;
    this.#idle = undefined;
    if (idle) {
      clearTimeout(idle.timer);
      if (idle.key === key && idle.pool.healthy) {
        idle.pool.hold(true);
        return idle.pool;
      }
      await idle.pool.close();
    }
    return VerifyPool.start(data, count);
  }

  /** Keeps a healthy pool for the next verification; closes it otherwise. */
  async give(pool: VerifyPool, data: VerifyWorkerData, count: number): Promise<void> {
    if (!pool.healthy || this.#idle) return pool.close();
    pool.hold(false);
    const timer = setTimeout(() => void this.close(), this.idleMs);
    timer.unref();
    this.#idle = { pool, key: JSON.stringify([data, count]), timer };
  }

  async close(): Promise<void> {
    const idle = this.#idle;
    this.#idle = undefined;
    if (!idle) return;
    clearTimeout(idle.timer);
    await idle.pool.close();
  }
}
