/**
 * Data quality scan benchmark (issue 16): a full quality scan of a hosted resource (every record read
 * in keyset pages, decoded, checked against its items' rules, the counts and flags written) against
 * a plain SELECT streaming the same rows in the same run; then the incremental path following the
 * change log after batches written through the write path, against the rate those batches were written.
 *
 *   npm run bench -- quality [--dialect sqlite|postgres] [--rows 1000000] [--changes 50000]
 *
 * Aims: the scan at least 0.25 of the plain SELECT; the incremental path at least as fast as the
 * writes it follows (ratio ≥ 1: it keeps pace).
 */
import { sql } from 'kysely';
import { benchDatabaseFromEnv } from './gateway.js';
import { fillHostedTable } from './hosted-rows.js';
import type { BenchOptions } from './index.js';

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
}

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

export async function run(options: BenchOptions): Promise<void> {
  const rows = Number(option(options.args, 'rows', '1000000'));
  const changes = Number(option(options.args, 'changes', '50000'));
  benchDatabaseFromEnv(options.dialect);
  const { startExchangeWorld, sampleRecords } = await import('../src/exchange/test-support/index.js');
  const x = await startExchangeWorld(options.dialect, { records: 0 });
  try {
    const resource = await x.hosted();
    const filled = await fillHostedTable(x, rows, options.dialect);
    console.log(`inserted ${rows} rows into ${resource.table} in ${filled.toFixed(1)} s`);
    const db = x.platform.storage.db;
    const columns = resource.columns.filter((c) => c.active).map((c) => sql.id(c.column));

    // Baseline: the same rows streamed by a plain keyset-paged SELECT, nothing done with them. Run
    // once to warm the caches, then timed before and after the scan; the faster run is the baseline.
    const plainSelect = async (): Promise<number> => {
      const from = process.hrtime.bigint();
      let read = 0;
      let after = '';
      for (;;) {
        const page = await sql<{ _key: string }>`select ${sql.join([sql.id('_key'), ...columns])}
          from ${sql.id(resource.table)} where _key > ${after} order by _key limit 5000`.execute(db);
        if (page.rows.length === 0) break;
        read += page.rows.length;
        after = page.rows[page.rows.length - 1]?._key ?? after;
      }
      if (read !== rows) throw new Error(`the plain SELECT read ${read} rows, not ${rows}`);
      return seconds(from);
    };
    await plainSelect();
    let selectSeconds = await plainSelect();

    const quality = (
      x.platform.services as unknown as { quality: import('../src/quality/index.js').QualityServices }
    ).quality;
    let started = process.hrtime.bigint();
    const scan = await quality.scores.scanner.full(x.entryId);
    const scanSeconds = seconds(started);
    if (scan.records !== rows) throw new Error(`the scan read ${scan.records} rows, not ${rows}`);
    selectSeconds = Math.min(selectSeconds, await plainSelect());
    const scanRatio = selectSeconds / scanSeconds;
    console.log(
      `plain SELECT: ${Math.round(rows / selectSeconds)} rows/s; full quality scan: ${Math.round(rows / scanSeconds)} rows/s = ${scanRatio.toFixed(2)} of the SELECT (aim ≥ 0.25)`,
    );

    // The incremental path: batches through the write path, then the scanner follows the change log.
    const BATCH = 5_000;
    started = process.hrtime.bigint();
    for (let from = 0; from < changes; from += BATCH) {
      const batch = sampleRecords(Math.min(BATCH, changes - from), 2_000_000 + from).map((record, i) =>
        i % 10 === 0 ? { ...record, 姓名: null } : record,
      );
      const res = await x.write(batch);
      if (res.status !== 200) throw new Error(`batch answered ${res.status}`);
    }
    const writeSeconds = seconds(started);
    const state = await db
      .selectFrom('quality_score_state')
      .selectAll()
      .where('entry_id', '=', x.entryId)
      .executeTakeFirstOrThrow();
    started = process.hrtime.bigint();
    const followed = await quality.scores.scanner.catchUp(await x.hosted(), state);
    const followSeconds = seconds(started);
    const paceRatio = writeSeconds / followSeconds;
    console.log(
      `${changes} changes written through the batch API at ${Math.round(changes / writeSeconds)} records/s; followed by the incremental path at ${Math.round(followed.records / followSeconds)} records/s = ${paceRatio.toFixed(2)} of the write rate (aim ≥ 1)`,
    );
    console.log(
      JSON.stringify({
        bench: 'quality',
        dialect: options.dialect,
        rows,
        selectRowsPerSec: Math.round(rows / selectSeconds),
        scanRowsPerSec: Math.round(rows / scanSeconds),
        scanRatio: Number(scanRatio.toFixed(2)),
        changes,
        writeRecordsPerSec: Math.round(changes / writeSeconds),
        followRecordsPerSec: Math.round(followed.records / followSeconds),
        paceRatio: Number(paceRatio.toFixed(2)),
      }),
    );
  } finally {
    await x.close();
  }
}
