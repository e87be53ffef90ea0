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
 */
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
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

    await x.grant(
      ['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数', '是否有效'],
      ['batch_download'],
    );
    const client = await x.apiClient(x.w.departments.hrss);
    await x.platform.http.listen({ port: 0, host: '127.0.0.1' });
    const port = (x.platform.http.server.address() as AddressInfo).port;
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
    const worker = new Worker(CONSUMER, {
      eval: true,
      workerData: {
        port,
        path: `/api/v1/exchange/resources/${x.entryId}/download?format=${format}`,
        headers: { authorization: `Bearer ${client.token}`, 'x-govshare-purpose': 'data_verification' },
        slowMs: Number(option(options.args, 'slow-ms', '0')),
      },
    });
    const got = await new Promise<{
      status: number;
      bytes: number;
      lines: number;
      firstByteMs: number;
      seconds: number;
    }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    clearInterval(sampler);
    await worker.terminate();
    if (got.status !== 200) throw new Error(`download answered ${got.status}`);
    const dataLines = got.lines - 1; // the NDJSON manifest line, or the CSV header
    if (dataLines !== rows) throw new Error(`expected ${rows} rows, got ${dataLines}`);
    const rowsPerSec = rows / got.seconds;
    console.log(
      `download (${format}) of ${rows} rows: ${got.seconds.toFixed(2)} s = ${Math.round(rowsPerSec)} rows/s, ${(got.bytes / MB / got.seconds).toFixed(1)} MB/s (${(got.bytes / MB).toFixed(0)} MB, first byte after ${got.firstByteMs.toFixed(0)} ms)`,
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
      }),
    );
  } finally {
    await x.close();
  }
}
