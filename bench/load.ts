/**
 * Upload benchmark: rows per second of a file of records through the platform's loader — the
 * code path of `POST /resources/{entryId}/loads` after the file is spooled: streamed parsing,
 * every value checked against its item, classification against the stored rows, the hosted table
 * and the change log written, the load recorded and audited — against the database's own bulk
 * path into an equivalent table (same columns, types and indexes): SQLite one prepared INSERT in
 * one transaction fed by the same CSV parser, PostgreSQL COPY … FROM STDIN (CSV) of the same file.
 *
 *   npm run bench -- load [--dialect sqlite|postgres] [--rows 1000000] [--format csv|ndjson]
 *     [--mode all_or_nothing|keep_good]
 *
 * PostgreSQL: GOVSHARE_BENCH_DATABASE_URL (or GOVSHARE_TEST_DATABASE_URL, DATABASE_URL).
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntryContent } from '../src/catalog/model.js';
import { rawHandleOf } from '../src/platform/db/index.js';
import { completeResidentId } from '../src/platform/identifiers/index.js';
import { resourceAdminContext } from './hosted-rows.js';
import type { BenchOptions } from './index.js';

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Ten items of every common type, keyed by the resident ID number. */
const ITEMS = [
  ['公民身份号码', 'C', 18],
  ['姓名', 'C', 50],
  ['性别', 'C', 2],
  ['出生日期', 'D', undefined],
  ['参保状态', 'C', 10],
  ['缴费基数', 'N', 12],
  ['缴费年限', 'I', undefined],
  ['缴费比例', 'F', undefined],
  ['更新时间', 'T', undefined],
  ['是否有效', 'L', undefined],
] as const;

/** A valid resident ID number (GB 11643 check character) for row `i`: one per birth day and serial. */
function residentIdOf(i: number): { id: string; birth: string } {
  const birth = new Date(Date.UTC(1940, 0, 1) + (i % 25_000) * 86_400_000).toISOString().slice(0, 10);
  const body = `110105${birth.replaceAll('-', '')}${String(Math.floor(i / 25_000) % 1000).padStart(3, '0')}`;
  return { id: completeResidentId(body), birth };
}

function record(i: number): (string | number | boolean)[] {
  const { id, birth } = residentIdOf(i);
  return [
    id,
    `测试人员${i}`,
    i % 2 ? '男' : '女',
    birth,
    i % 3 ? '正常' : '暂停',
    `${5000 + (i % 997)}.5`,
    i % 40,
    0.08 + (i % 5) / 100,
    '2026-09-01T08:00:00Z',
    i % 2 === 1,
  ];
}

async function writeFile(path: string, rows: number, format: 'csv' | 'ndjson'): Promise<void> {
  const out = createWriteStream(path);
  if (format === 'csv') out.write(`${ITEMS.map(([name]) => name).join(',')}\n`);
  for (let from = 0; from < rows; from += 10_000) {
    let chunk = '';
    for (let i = from; i < Math.min(rows, from + 10_000); i++) {
      const values = record(i);
      chunk +=
        format === 'csv'
          ? `${values.join(',')}\n`
          : `${JSON.stringify(Object.fromEntries(ITEMS.map(([name], c) => [name, values[c]])))}\n`;
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

function benchDatabaseFromEnv(dialect: BenchOptions['dialect']): void {
  if (dialect !== 'postgres') return;
  const url =
    process.env.GOVSHARE_BENCH_DATABASE_URL ||
    process.env.GOVSHARE_TEST_DATABASE_URL ||
    process.env.DATABASE_URL;
  if (!url) throw new Error('set GOVSHARE_BENCH_DATABASE_URL to a PostgreSQL database');
  process.env.GOVSHARE_TEST_DATABASE_URL = url;
}

export async function run(options: BenchOptions): Promise<void> {
  const rows = Number(option(options.args, 'rows', '1000000'));
  const format = option(options.args, 'format', 'csv') === 'ndjson' ? 'ndjson' : 'csv';
  const mode =
    option(options.args, 'mode', 'all_or_nothing') === 'keep_good' ? 'keep_good' : 'all_or_nothing';
  benchDatabaseFromEnv(options.dialect);
  const { startExchangeWorld, exchangeContent } = await import('../src/exchange/test-support/index.js');
  const { item } = await import('../src/catalog/test-support/content.js');
  const { createHostedTable } = await import('../src/exchange/hosting/store.js');
  const { sqlTypeOf } = await import('../src/exchange/hosting/columns.js');
  const content: EntryContent = exchangeContent({
    name: '参保人员基本信息（基准）',
    items: ITEMS.map(([name, dataType, length], i) =>
      item({
        name,
        dataType,
        ...(length ? { length } : {}),
        isKey: i === 0,
        ...(i === 0 ? { keyKind: 'resident_id' as const } : {}),
        personal: i < 4,
      }),
    ),
  });
  const x = await startExchangeWorld(options.dialect, { records: 0, content });
  const dir = mkdtempSync(join(tmpdir(), 'govshare-bench-load-'));
  try {
    const file = join(dir, `rows.${format}`);
    let started = process.hrtime.bigint();
    await writeFile(file, rows, format);
    const bytes = statSync(file).size;
    console.log(
      `load: ${rows} rows × ${ITEMS.length} items, ${(bytes / 1024 / 1024).toFixed(1)} MiB ${format} written in ${seconds(started).toFixed(1)} s`,
    );
    const db = x.platform.storage.db;
    const resource = await x.hosted();
    const ctx = await resourceAdminContext(x, resource, 'bench-load');
    const { loads } = x.platform.services.exchange.hosting;

    started = process.hrtime.bigint();
    const load = await loads.start(ctx, x.entryId, { format, mode, totalBytes: bytes });
    const outcome = await loads.process(ctx, load, file);
    const loaderSeconds = seconds(started);
    if (outcome.load.applied !== rows)
      throw new Error(`loader applied ${outcome.load.applied} of ${rows}: ${JSON.stringify(outcome.load)}`);
    const rowsPerSec = rows / loaderSeconds;
    console.log(
      `loader:   ${Math.round(rowsPerSec).toLocaleString('en')} rows/s (${loaderSeconds.toFixed(1)} s; seqs ${outcome.load.firstSeq}–${outcome.load.lastSeq}, ${mode})`,
    );

    // The same layout under another name: the database's own bulk path into it.
    const baselineTable = 'xb_bench_load';
    const names = resource.columns.map((c) => c.column);
    const csvFile = join(dir, 'baseline.csv');
    if (format !== 'csv') await writeFile(csvFile, rows, 'csv');
    const source = format === 'csv' ? file : csvFile;
    const raw = rawHandleOf(db);
    if (raw?.dialect === 'sqlite') {
      await createHostedTable(db, options.dialect, baselineTable, resource.columns);
      started = process.hrtime.bigint();
      const insert = raw.database.prepare(
        `insert into ${baselineTable} (_key, _seq, _updated_at, ${names.join(', ')}) values (${new Array(names.length + 3).fill('?').join(', ')})`,
      );
      const at = new Date().toISOString();
      raw.database.exec('begin');
      let seq = 0;
      let header = true;
      for await (const cells of createReadStream(source).pipe(parseCsv()) as AsyncIterable<string[]>) {
        if (header) {
          header = false;
          continue;
        }
        seq += 1;
        insert.run(cells[0], seq, at, ...cells);
      }
      raw.database.exec('commit');
    } else if (raw?.dialect === 'postgres') {
      // COPY cannot feed one file column to two table columns: the key is generated from c1.
      const key = resource.columns.find((c) => c.isKey)?.column ?? 'c1';
      await sql
        .raw(
          `create table ${baselineTable} (_key text generated always as (${key}) stored primary key, _seq bigint not null default 0, _updated_at text not null default '', ${resource.columns
            .map((c) => `${c.column} ${sqlTypeOf(c.dataType, 'postgres')}`)
            .join(', ')})`,
        )
        .execute(db);
      await sql.raw(`create index ${baselineTable}_${key} on ${baselineTable} (${key})`).execute(db);
      const client = await raw.pool.connect();
      try {
        started = process.hrtime.bigint();
        await pipeline(
          createReadStream(source),
          client.query(
            copyFrom(`copy ${baselineTable} (${names.join(', ')}) from stdin with (format csv, header true)`),
          ),
        );
      } finally {
        client.release();
      }
    }
    const baselineSeconds = seconds(started);
    const baselineRowsPerSec = rows / baselineSeconds;
    console.log(
      `baseline: ${Math.round(baselineRowsPerSec).toLocaleString('en')} rows/s (${baselineSeconds.toFixed(1)} s)`,
    );
    const ratio = rowsPerSec / baselineRowsPerSec;
    console.log(`ratio:    ${ratio.toFixed(2)} (aim ≥ 0.33)`);
    console.log(
      JSON.stringify({
        bench: 'load',
        dialect: options.dialect,
        rows,
        format,
        mode,
        rowsPerSec: Math.round(rowsPerSec),
        baselineRowsPerSec: Math.round(baselineRowsPerSec),
        ratio: Number(ratio.toFixed(3)),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await x.close();
  }
}
