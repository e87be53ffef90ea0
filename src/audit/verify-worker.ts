/**
 * A verification worker thread: opens a read-only connection of its own to the audit store, and for
 * each range it is sent reads the entries and checks their hashes and links (verify-rows.ts).
 * Started by verify-pool.ts; answers `{ ready }` once connected, then one summary per job in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { StorageLocation } from '../platform/db/index.js';
import type { ChainHashAlgorithm } from './canonical.js';
import { type ChunkJob, checkChunk, type EntryRow, ROW_COLUMNS } from './verify-rows.js';

export interface VerifyWorkerData {
  location: StorageLocation;
  hashAlgorithm: ChainHashAlgorithm;
}

export type VerifyWorkerMessage =
  | { ready: true }
  | { failed: string }
  | { summary: ReturnType<typeof checkChunk> }
  | { job: number; error: string };

type ReadRange = (from: number, to: number) => EntryRow[] | Promise<EntryRow[]>;

const RANGE_SQL = `select ${ROW_COLUMNS.join(', ')} from audit_entry where seq >= $1 and seq <= $2 order by seq`;

async function openReader(location: StorageLocation): Promise<{ read: ReadRange; close(): Promise<void> }> {
  if (location.dialect === 'sqlite') {
    const { default: SQLite } = await import('better-sqlite3');
    const db = new SQLite(location.path, { readonly: true, fileMustExist: true });
    // Arrays instead of row objects: the check needs positions, and objects cost twice as much.
    const statement = db.prepare(RANGE_SQL.replace('$1', '?').replace('$2', '?')).raw(true);
    return {
      read: (from, to) => statement.all(from, to) as EntryRow[],
      close: async () => {
        db.close();
      },
    };
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: location.url,
    options: [
      '-c default_transaction_read_only=on',
      ...(location.schema ? [`-c search_path=${location.schema}`] : []),
    ].join(' '),
  });
  await client.connect();
  // bigint (seq) as a number, as the platform's pool parses it; everything else as pg does.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
  };
  return {
    read: async (from, to) =>
      (
        await client.query<EntryRow>({
          name: 'govshare_audit_verify_range',
          text: RANGE_SQL,
          values: [from, to],
          rowMode: 'array',
          types,
        })
      ).rows,
    close: () => client.end(),
  };
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('verify-worker runs as a worker thread');
  const data = workerData as VerifyWorkerData;
  const send = (message: VerifyWorkerMessage) => port.postMessage(message);
  let reader: Awaited<ReturnType<typeof openReader>>;
  try {
    reader = await openReader(data.location);
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
        send({ summary: checkChunk(data.hashAlgorithm, job, await reader.read(job.from, job.to)) });
      } catch (error) {
        send({ job: job.id, error: (error as Error).message });
      }
    });
  });
  send({ ready: true });
}

await main();
