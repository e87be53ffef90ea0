/**
 * Batch download benchmark: rows per second and peak resident memory of one download of a hosted
 * resource over real HTTP, with masking, the digest and the manifest, as a consumer receives it.
 *
 *   npm run bench -- download [--dialect sqlite|postgres] [--rows 1000000] [--format ndjson|csv] [--slow-ms 0]
 *
 * `--slow-ms N` makes the consumer pause N ms after every chunk it receives: memory must stay flat
 * however slowly the consumer reads (backpressure).
 *
 * The rows are inserted straight into the hosted table (multi-row INSERTs): the bench measures
 * reading them out, not loading them (`bench load` does that). The consumer runs in a worker thread
 * and only counts bytes and lines; RSS is the whole process's, sampled every 20 ms.
 *
 * The baseline, measured in the same run before and after the download (the faster counts): the
 * same rows read by a plain keyset-paged SELECT and written as JSON lines by a bare Node HTTP server
 * in the same process to the same consumer — no authentication, grant, masking, digest or audit.
 * **ratio** = baseline seconds ÷ download seconds (aim ≥ 0.5).
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { type Kysely, sql } from 'kysely';
import { benchDatabaseFromEnv } from './gateway.js';
import { fillHostedTable } from './hosted-rows.js';
import type { BenchOptions } from './index.js';

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
}

const CONSUMER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const started = performance.now();
let bytes = 0;
let lines = 0;
let firstByteMs = 0;
http.get({ host: '127.0.0.1', port: workerData.port, path: workerData.path, headers: workerData.headers }, (res) => {
  res.on('data', (chunk) => {
    if (workerData.slowMs) { res.pause(); setTimeout(() => res.resume(), workerData.slowMs); }
    if (bytes === 0) firstByteMs = performance.now() - started;
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  });
  res.on('end', () => parentPort.postMessage({ status: res.statusCode, bytes, lines, firstByteMs, seconds: (performance.now() - started) / 1000 }));
});
`;

const MB = 1024 * 1024;

interface Consumed {
  status: number;
  bytes: number;
  lines: number;
  firstByteMs: number;
  seconds: number;
}

/** Runs the consumer in a worker thread against `path` on `port` and answers what it received. */
async function consume(port: number, path: string, headers: Record<string, string>, slowMs: number) {
  const worker = new Worker(CONSUMER, { eval: true, workerData: { port, path, headers, slowMs } });
  try {
    return await new Promise<Consumed>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

/**
 * The baseline server: a bare Node HTTP server streaming the table's rows, keyset pages of 5,000,
 * one JSON line each after a first line (as the download's manifest), waiting for the consumer
 * whenever the socket's buffer is full.
 */
async function rawServer(
  // biome-ignore lint/suspicious/noExplicitAny: the bench reads a hosted table by name.
  db: Kysely<any>,
  table: string,
  columns: string[],
): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer(async (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.write('{}\n');
    let after = '';
    for (;;) {
      const page = await sql<
        Record<string, unknown>
      >`select ${sql.join([sql.id('_key'), ...columns.map((c) => sql.id(c))])}
        from ${sql.id(table)} where _key > ${after} order by _key limit 5000`.execute(db);
      if (page.rows.length === 0) break;
      let text = '';
      for (const row of page.rows) text += `${JSON.stringify(row)}\n`;
      after = String(page.rows[page.rows.length - 1]?._key);
      if (!res.write(text)) await once(res, 'drain');
    }
    res.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function run(options: BenchOptions): Promise<void> {
  const rows = Number(option(options.args, 'rows', '1000000'));
  const format = option(options.args, 'format', 'ndjson') === 'csv' ? 'csv' : 'ndjson';
  benchDatabaseFromEnv(options.dialect);
  const { startExchangeWorld } = await import('../src/exchange/test-support/index.js');
  const x = await startExchangeWorld(options.dialect, { records: 0 });
  try {
    const resource = await x.hosted();
    const seconds = await fillHostedTable(x, rows, options.dialect);
    console.log(`inserted ${rows} rows into ${resource.table} in ${seconds.toFixed(1)} s`);

    const granted = ['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数', '是否有效'];
    await x.grant(granted, ['batch_download']);
    const client = await x.apiClient(x.w.departments.hrss);
    await x.platform.http.listen({ port: 0, host: '127.0.0.1' });
    const port = (x.platform.http.server.address() as AddressInfo).port;
    const slowMs = Number(option(options.args, 'slow-ms', '0'));
    const raw = await rawServer(
      x.platform.storage.db,
      resource.table,
      // The same items the download sends.
      resource.columns.filter((c) => c.active && granted.includes(c.item)).map((c) => c.column),
    );
    const baseline = async () => {
      const b = await consume(raw.port, '/', {}, slowMs);
      if (b.lines - 1 !== rows) throw new Error(`the baseline sent ${b.lines - 1} rows, not ${rows}`);
      return b.seconds;
    };
    await baseline(); // warms the caches
    let baselineSeconds = await baseline();
    global.gc?.();
    const startRss = process.memoryUsage().rss;
    const startHeap = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    let peakRss = startRss;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const memory = process.memoryUsage();
      peakRss = Math.max(peakRss, memory.rss);
      peakHeap = Math.max(peakHeap, memory.heapUsed + memory.arrayBuffers);
    }, 20);
    const got = await consume(
      port,
      `/api/v1/exchange/resources/${x.entryId}/download?format=${format}`,
      { authorization: `Bearer ${client.token}`, 'x-govshare-purpose': 'data_verification' },
      slowMs,
    );
    clearInterval(sampler);
    baselineSeconds = Math.min(baselineSeconds, await baseline());
    await raw.close();
    if (got.status !== 200) throw new Error(`download answered ${got.status}`);
    const dataLines = got.lines - 1; // the NDJSON manifest line, or the CSV header
    if (dataLines !== rows) throw new Error(`expected ${rows} rows, got ${dataLines}`);
    const rowsPerSec = rows / got.seconds;
    const ratio = baselineSeconds / got.seconds;
    console.log(
      `download (${format}) of ${rows} rows: ${got.seconds.toFixed(2)} s = ${Math.round(rowsPerSec)} rows/s, ${(got.bytes / MB / got.seconds).toFixed(1)} MB/s (${(got.bytes / MB).toFixed(0)} MB, first byte after ${got.firstByteMs.toFixed(0)} ms)`,
    );
    console.log(
      `baseline (plain SELECT as JSON lines over bare HTTP): ${baselineSeconds.toFixed(2)} s = ${Math.round(rows / baselineSeconds)} rows/s; the download is ${ratio.toFixed(2)} of it (aim ≥ 0.5)`,
    );
    console.log(
      `RSS: ${(startRss / MB).toFixed(0)} MB before, peak ${(peakRss / MB).toFixed(0)} MB during (+${((peakRss - startRss) / MB).toFixed(0)} MB); JS heap + buffers ${(startHeap / MB).toFixed(0)} MB before, peak ${(peakHeap / MB).toFixed(0)} MB`,
    );
    console.log(
      JSON.stringify({
        bench: 'download',
        dialect: options.dialect,
        format,
        rows,
        seconds: Number(got.seconds.toFixed(2)),
        rowsPerSec: Math.round(rowsPerSec),
        mbPerSec: Number((got.bytes / MB / got.seconds).toFixed(1)),
        startRssMb: Math.round(startRss / MB),
        peakRssMb: Math.round(peakRss / MB),
        startHeapMb: Math.round(startHeap / MB),
        peakHeapMb: Math.round(peakHeap / MB),
        baselineSeconds: Number(baselineSeconds.toFixed(2)),
        ratio: Number(ratio.toFixed(2)),
      }),
    );
  } finally {
    await x.close();
  }
}
