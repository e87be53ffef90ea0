import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StorageLocation } from '../platform/db/index.js';
import type { ChainHashAlgorithm } from './canonical.js';
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
  #failure: Error | undefined;

  private constructor(workers: Worker[]) {
    this.#workers = workers;
    for (const worker of workers) {
      worker.on('message', (message: VerifyWorkerMessage) => {
        if ('summary' in message) this.#settle(message.summary.id, message.summary);
        else if ('job' in message) this.#settle(message.job, new Error(message.error));
      });
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', () => {
        this.#exited.add(worker);
        this.#fail(new Error('a verification worker stopped'));
      });
    }
  }

  get size(): number {
    return this.#workers.length;
  }

  /** Starts `count` workers and waits until each has its connection open. */
  static async start(
    location: StorageLocation,
    hashAlgorithm: ChainHashAlgorithm,
    count: number,
  ): Promise<VerifyPool> {
    const workers = Array.from({ length: count }, () => spawn({ location, hashAlgorithm }));
    const ready = workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('exit', () => reject(new Error('a verification worker stopped while starting')));
          worker.once('message', (message: VerifyWorkerMessage) =>
            'ready' in message ? resolve() : reject(new Error('failed' in message ? message.failed : 'no ready')),
          );
        }),
    );
    try {
      await Promise.all(ready);
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    for (const worker of workers) worker.removeAllListeners();
    return new VerifyPool(workers);
  }

  /**
   * Checks the jobs, keeping every worker two jobs ahead, and yields their summaries in job order
   * (so the caller can stop at the first range that is not clean).
   */
  async *check(jobs: ChunkJob[]): AsyncGenerator<ChunkSummary> {
    const results = new Map<number, Promise<ChunkSummary>>();
    let sent = 0;
    const window = this.#workers.length * 2;
    for (let next = 0; next < jobs.length; next++) {
      for (; sent < jobs.length && sent < next + window; sent++) {
        const job = jobs[sent] as ChunkJob;
        results.set(job.id, this.#submit(sent % this.#workers.length, job));
      }
      const id = (jobs[next] as ChunkJob).id;
      const summary = await (results.get(id) as Promise<ChunkSummary>);
      results.delete(id);
      yield summary;
    }
  }

  #submit(worker: number, job: ChunkJob): Promise<ChunkSummary> {
    const result = new Promise<ChunkSummary>((resolve, reject) => {
      if (this.#failure) return reject(this.#failure);
      this.#pending.set(job.id, { resolve, reject });
      (this.#workers[worker] as Worker).postMessage(job);
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
