import type { StorageLocation } from '../platform/db/index.js';
import type { ChainHashAlgorithm } from './canonical.js';
import {
  ChunkChecker,
  type ChunkJob,
  type ChunkSummary,
  COLUMN_ROWS,
  checkChunk,
  type EntryRow,
  RENDERED_ROWS,
  ROW_COLUMNS,
} from './verify-rows.js';

export interface Reader {
  /** Checks one range, streaming its rows so that none outlives its check. */
  check(job: ChunkJob): ChunkSummary | Promise<ChunkSummary>;
  close(): Promise<void>;
}

const RANGE = 'from audit_entry where seq >= $1 and seq <= $2 order by seq';

/**
 * SQLite builds each entry's hash input itself (`prev_hash`, a newline, `json_array` of the
 * canonical columns) and hands it over as bytes: one value per row instead of 26 strings, and no
 * JSON work in JavaScript. A range is taken only if every such hash matches, so a difference
 * between SQLite's JSON and JSON.stringify can send a range to the row-by-row walk but never pass
 * a changed entry, as long as equal text means equal values: SQLite writes text (escaped as
 * JSON.stringify escapes it; verify-parallel.test.ts checks every code point), integers and null
 * as JSON.stringify does; invalid UTF-8 stays invalid and matches nothing the trail wrote; a blob
 * makes json_array fail and the walk takes over. A real result_count (the trail stores whatever
 * number a caller gives) is left to JavaScript, because how SQLite prints a real's digits differs
 * by version; elsewhere the trail writes integers and text, which a real never prints as.
 */
const SQLITE_RENDERED = `select seq, prev_hash, hash,
  case when typeof(result_count) = 'real' then null
  else cast(prev_hash || char(10) || json_array(${ROW_COLUMNS.slice(0, 24).join(', ')}) as blob) end
  ${RANGE}`;

/** A read-only connection to the audit store that checks ranges of the chain. */
export async function openReader(
  location: StorageLocation,
  hashAlgorithm: ChainHashAlgorithm,
  render: boolean,
): Promise<Reader> {
  if (location.dialect === 'sqlite') {
    const { default: SQLite } = await import('better-sqlite3');
    const db = new SQLite(location.path, { readonly: true, fileMustExist: true });
    // Arrays instead of row objects: the check needs positions, and objects cost twice as much.
    const sqlText = render ? SQLITE_RENDERED : `select ${ROW_COLUMNS.join(', ')} ${RANGE}`;
    const statement = db.prepare(sqlText.replace('$1', '?').replace('$2', '?')).raw(true);
    const layout = render ? RENDERED_ROWS : COLUMN_ROWS;
    return {
      check: (job) =>
        checkChunk(hashAlgorithm, layout, job, statement.iterate(job.from, job.to) as Iterable<EntryRow>),
      close: async () => {
        db.close();
      },
    };
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: location.url,
    application_name: 'govshare-audit-verify',
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
  const text = `select ${ROW_COLUMNS.join(', ')} ${RANGE}`;
  return {
    check: (job) =>
      new Promise<ChunkSummary>((resolve, reject) => {
        const checker = new ChunkChecker(hashAlgorithm, COLUMN_ROWS, job);
        // Row events instead of a result array: rows die young, which halves the time spent in GC.
        const query = new pg.Query({
          name: 'govshare_audit_verify_range',
          text,
          values: [job.from, job.to],
          rowMode: 'array',
          types,
        } as ConstructorParameters<typeof pg.Query>[0]);
        query.on('row', (row: EntryRow) => checker.add(row));
        query.on('end', () => resolve(checker.finish()));
        query.on('error', reject);
        client.query(query);
      }),
    close: () => client.end(),
  };
}
