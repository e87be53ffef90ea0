/**
 * A verification worker thread: opens a read-only connection of its own to the audit store
 * (verify-reader.ts) and checks each range it is sent. Started by verify-pool.ts; answers
 * `{ ready }` once connected, then one summary per job, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { StorageLocation } from '../platform/db/index.js';
import type { ChainHashAlgorithm } from './canonical.js';
import { openReader, type Reader } from './verify-reader.js';
import type { ChunkJob, ChunkSummary } from './verify-rows.js';

export interface VerifyWorkerData {
  location: StorageLocation;
  hashAlgorithm: ChainHashAlgorithm;
  /** SQLite: let the database build the hash input (default); false builds it here from columns. */
  render?: boolean;
}

export type VerifyWorkerMessage =
  | { ready: true }
  | { failed: string }
  | { summary: ChunkSummary }
  | { job: number; error: string };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('verify-worker runs as a worker thread');
  const data = workerData as VerifyWorkerData;
  const send = (message: VerifyWorkerMessage) => port.postMessage(message);
  let reader: Reader;
  try {
    reader = await openReader(data.location, data.hashAlgorithm, data.render ?? true);
  } catch (error) {
    send({ failed: (error as Error).message });
    return;
  }
  // Jobs run one after another, in the order they came.
  let queue = Promise.resolve();
  port.on('message', (job: ChunkJob | 'close') => {
    if (job === 'close') {
      queue = queue.then(async () => {
        await reader.close();
        port.close();
      });
      return;
    }
    queue = queue.then(async () => {
      try {
        send({ summary: await reader.check(job) });
      } catch (error) {
        send({ job: job.id, error: (error as Error).message });
      }
    });
  });
  send({ ready: true });
}

await main();
