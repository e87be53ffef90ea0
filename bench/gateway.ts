/**
 * Key query benchmark: a real listening platform answering `POST /resources/{entryId}/query` for
 * concurrent API clients (bearer token, purpose header, grant check, masking, one durable access
 * entry per query), against a baseline in the same process: a bare Fastify server answering the
 * same lookup from the same hosted table with nothing but the SELECT.
 *
 *   npm run bench -- gateway [--dialect sqlite|postgres] [--rows 100000] [--clients 32] [--seconds 10]
 *
 * Rate limits are raised out of the way (the bench measures the read path, not the limiter's
 * refusals). The load comes from a worker thread over keep-alive connections. PostgreSQL:
 * GOVSHARE_BENCH_DATABASE_URL (or GOVSHARE_TEST_DATABASE_URL, DATABASE_URL), scratch schema.
 */
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import Fastify from 'fastify';
import { sql } from 'kysely';
import type { BenchOptions } from './index.js';

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
}

export interface LoadSpec {
  port: number;
  path: string;
  headers: Record<string, string>;
  /** Request bodies, sent round-robin. */
  bodies: string[];
  clients: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  rps: number;
  p50: number;
  p99: number;
}

// Plain JavaScript: a worker started under tsx does not inherit its loader.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, path, headers, bodies, clients, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const latencies = [];
const statuses = {};
let next = 0;
let errors = 0;
const end = performance.now() + seconds * 1000;
function once() {
  return new Promise((resolve) => {
    const body = bodies[next++ % bodies.length];
    const started = performance.now();
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path, agent,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(performance.now() - started);
        statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
        resolve();
      });
    });
    req.on('error', () => { errors++; resolve(); });
    req.end(body);
  });
}
async function client() { while (performance.now() < end) await once(); }
const started = performance.now();
Promise.all(Array.from({ length: clients }, client)).then(() => {
  const wall = (performance.now() - started) / 1000;
  agent.destroy();
  parentPort.postMessage({ latencies, statuses, errors, wall });
});
`;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

/** One load from a worker thread: N keep-alive clients, each sending as soon as answered. */
export async function load(spec: LoadSpec): Promise<LoadResult> {
  const worker = new Worker(WORKER, { eval: true, workerData: spec });
  const out = await new Promise<{
    latencies: number[];
    statuses: Record<string, number>;
    errors: number;
    wall: number;
  }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const sorted = out.latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    errors: out.errors,
    statuses: out.statuses,
    rps: sorted.length / out.wall,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
  };
}

/** Points the test storage at the bench database before the test support reads its URL. */
export function benchDatabaseFromEnv(dialect: BenchOptions['dialect']): void {
  if (dialect !== 'postgres') return;
  const url =
    process.env.GOVSHARE_BENCH_DATABASE_URL ||
    process.env.GOVSHARE_TEST_DATABASE_URL ||
    process.env.DATABASE_URL;
  if (!url) throw new Error('set GOVSHARE_BENCH_DATABASE_URL to a PostgreSQL database');
  process.env.GOVSHARE_TEST_DATABASE_URL = url;
}

/** Writes `rows` records through the batch API (5,000 a batch), keys from `residentId`. */
export async function fill(
  x: import('../src/exchange/test-support/index.js').ExchangeWorld,
  residentId: (birth: string, serial: number) => string,
  rows: number,
): Promise<string[]> {
  const keys: string[] = [];
  const day = Date.UTC(1940, 0, 1);
  const started = process.hrtime.bigint();
  for (let from = 0; from < rows; from += 5000) {
    const ops = Array.from({ length: Math.min(5000, rows - from) }, (_, n) => {
      const i = from + n;
      const birth = new Date(day + (i % 25_000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const key = residentId(birth, Math.floor(i / 25_000) + 1);
      keys.push(key);
      return {
        op: 'insert',
        record: {
          公民身份号码: key,
          姓名: `测试人员${i}`,
          出生日期: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
          参保状态: i % 3 ? '正常' : '暂停',
          缴费基数: `${5000 + (i % 997)}.50`,
          更新时间: '2026-09-01T08:00:00Z',
          是否有效: i % 4 !== 3,
        },
      };
    });
    const res = await x.w.police.request('POST', `/api/v1/exchange/resources/${x.entryId}/batches`, { ops });
    if (res.status !== 200) throw new Error(`batch: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  const s = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`loaded ${rows} rows through the batch API in ${s.toFixed(1)} s`);
  return keys;
}

export async function run(options: BenchOptions): Promise<void> {
  const rows = Number(option(options.args, 'rows', '100000'));
  const clients = Number(option(options.args, 'clients', '32'));
  const seconds = Number(option(options.args, 'seconds', '10'));
  benchDatabaseFromEnv(options.dialect);
  const { startExchangeWorld, residentId } = await import('../src/exchange/test-support/index.js');
  const x = await startExchangeWorld(options.dialect, {
    records: 0,
    exchange: { ratePerGrantPerMinute: 1_000_000_000, ratePerClientPerMinute: 1_000_000_000 },
  });
  const baseline = Fastify({ logger: false });
  try {
    const keys = await fill(x, residentId, rows);
    await x.grant(['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数'], ['online_query']);
    const client = await x.apiClient(x.w.departments.hrss);
    const resource = await x.hosted();
    await x.platform.http.listen({ port: 0, host: '127.0.0.1' });
    const port = (x.platform.http.server.address() as AddressInfo).port;

    // The baseline: the same lookup (by primary key, the same columns) with nothing around it.
    const columns = resource.columns.filter(
      (c) => c.active && c.item !== '更新时间' && c.item !== '是否有效',
    );
    const db = x.platform.storage.db;
    baseline.post<{ Body: { keys: string[] } }>('/baseline/query', async (request) => {
      const result = await sql`select ${sql.join([sql.id('_key'), ...columns.map((c) => sql.id(c.column))])}
        from ${sql.id(resource.table)} where _key in (${sql.join(request.body.keys)}) order by _key limit 2`.execute(
        db,
      );
      return { records: result.rows };
    });
    await baseline.listen({ port: 0, host: '127.0.0.1' });
    const basePort = (baseline.server.address() as AddressInfo).port;

    // Each request asks for one random existing key.
    const bodies = Array.from({ length: 5000 }, () =>
      JSON.stringify({ keys: [keys[Math.floor(Math.random() * keys.length)]] }),
    );
    const platformSpec: LoadSpec = {
      port,
      path: `/api/v1/exchange/resources/${x.entryId}/query`,
      headers: {
        authorization: `Bearer ${client.token}`,
        'x-govshare-purpose': 'data_verification',
        'x-govshare-case-number': 'BENCH-2026-001',
      },
      bodies,
      clients,
      seconds,
    };
    const baselineSpec: LoadSpec = {
      port: basePort,
      path: '/baseline/query',
      headers: {},
      bodies,
      clients,
      seconds,
    };
    console.log(`gateway bench on ${options.dialect}: ${rows} rows, ${clients} clients, ${seconds} s each`);
    await load({ ...platformSpec, seconds: 2 });
    await load({ ...baselineSpec, seconds: 2 });
    const gateway = await load(platformSpec);
    const bare = await load(baselineSpec);
    const show = (name: string, r: LoadResult) =>
      console.log(
        `${name}: ${Math.round(r.rps)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms (${r.requests} requests, statuses ${JSON.stringify(r.statuses)}, ${r.errors} errors)`,
      );
    show('gateway ', gateway);
    show('baseline', bare);
    if (!gateway.statuses['200'] || Object.keys(gateway.statuses).length !== 1)
      throw new Error(`gateway answered ${JSON.stringify(gateway.statuses)}`);
    const ratio = gateway.rps / bare.rps;
    console.log(`ratio ${ratio.toFixed(2)} (aim ≥ 0.6)`);
    console.log(
      JSON.stringify({
        bench: 'gateway',
        dialect: options.dialect,
        rows,
        clients,
        rps: Math.round(gateway.rps),
        baseline_rps: Math.round(bare.rps),
        ratio: Number(ratio.toFixed(3)),
        p50_ms: Number(gateway.p50.toFixed(2)),
        p99_ms: Number(gateway.p99.toFixed(2)),
        baseline_p50_ms: Number(bare.p50.toFixed(2)),
        baseline_p99_ms: Number(bare.p99.toFixed(2)),
      }),
    );
  } finally {
    await baseline.close();
    await x.close();
  }
}
