/**
 * Audit trail benchmark: durable appends per second with group commit from many concurrent writers
 * (each waiting for its own entry to be durable), against the ceiling measured in the same run —
 * the same rows chained and inserted by one writer in large batches, one transaction per batch —
 * and verification speed in entries per second.
 *
 *   npm run bench -- audit [--dialect sqlite|postgres] [--entries 20000] [--writers 256] [--suite sm|intl]
 *     [--verify-entries 200000] [--verify-runs 3]
 *
 * PostgreSQL: GOVSHARE_BENCH_DATABASE_URL (or GOVSHARE_TEST_DATABASE_URL, DATABASE_URL); a scratch
 * schema is created and dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { AuditTrail, auditMigrations, ephemeralAuditKeys } from '../src/audit/index.js';
import type { AuditTables } from '../src/audit/schema.js';
import { verifyTrailWithStats } from '../src/audit/verify.js';
import { VerifyWorkers } from '../src/audit/verify-pool.js';
import { systemClock } from '../src/platform/clock/index.js';
import { openStorage, type Storage } from '../src/platform/db/index.js';
import { migrateToLatest } from '../src/platform/db/migrations.js';
import type { BenchOptions } from './index.js';

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
}

const event = (n: number) => ({
  action: 'exchange.query',
  targetType: 'resource',
  targetId: 'res-1',
  access: {
    resourceId: 'res-1',
    items: ['姓名', '公民身份号码', '户籍地址'],
    method: 'query' as const,
    purpose: '行政依据',
    caseNumber: `AJ-2026-${n}`,
    grantId: 'grant-1',
    resultCount: 1,
    status: 200,
    recordKeys: [{ kind: 'resident_id' as const, value: '11010519491231002X' }],
  },
});
const context = {
  actor: {
    kind: 'client' as const,
    id: '0193a7b2-1c2d-7e3f-8a9b-0c1d2e3f4a5b',
    name: '社保业务系统',
    departmentId: 'dept-1',
  },
  requestId: 'req-bench',
  clientIp: '10.0.0.8',
};

async function open(
  dialect: BenchOptions['dialect'],
): Promise<{ storage: Storage<AuditTables>; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'govshare-bench-audit-'));
    const storage = await openStorage<AuditTables>({ sqlitePath: join(dir, 'bench.db') });
    return { storage, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url =
    process.env.GOVSHARE_BENCH_DATABASE_URL ||
    process.env.GOVSHARE_TEST_DATABASE_URL ||
    process.env.DATABASE_URL;
  if (!url) throw new Error('set GOVSHARE_BENCH_DATABASE_URL to a PostgreSQL database');
  const schema = `bench_audit_${process.pid}`;
  const storage = await openStorage<AuditTables>({ databaseUrl: url, pgSchema: schema, pgPoolSize: 4 });
  return {
    storage,
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Verification speed over a chain of --verify-entries (topped up through the ceiling's path, one
 * transaction per 2,000 entries): --verify-runs runs with worker threads kept between runs as the
 * platform keeps them (the first run starts them: under tsx that alone takes some tenths of a
 * second), best and median, then one run in this thread alone for comparison. CPU is this
 * process's, all threads; on PostgreSQL the server's share comes on top.
 */
async function measureVerification(trail: AuditTrail, args: string[]) {
  const target = Number(option(args, 'verify-entries', '200000'));
  const runs = Math.max(1, Number(option(args, 'verify-runs', '3')));
  const { chain, db, keys } = trail.internals;
  let start = process.hrtime.bigint();
  let head = (await chain.head(db)).seq;
  const topUp = Math.max(0, target - head);
  while (head < target) {
    const drafts = Array.from({ length: Math.min(2000, target - head) }, (_, i) =>
      trail.draft(context, event(head + i)),
    );
    await db.transaction().execute(async (trx) => {
      await chain.lock(trx);
      await chain.append(trx, drafts);
    });
    head += drafts.length;
  }
  if (topUp > 0) console.log(`verify: chain topped up by ${topUp} entries in ${seconds(start).toFixed(1)} s`);

  const keepWorkers = new VerifyWorkers();
  const once = async (workers?: number) => {
    const cpu = process.cpuUsage();
    start = process.hrtime.bigint();
    const { result, stats } = await verifyTrailWithStats({
      db,
      hashAlgorithm: keys.hashAlgorithm,
      publicKey: keys.signer.publicKey,
      keepWorkers,
      ...(workers === undefined ? {} : { workers }),
    });
    const wall = seconds(start);
    const used = process.cpuUsage(cpu);
    if (!result.ok) throw new Error(`verification failed: ${JSON.stringify(result.firstBreak)}`);
    const perSec = result.entriesChecked / wall;
    console.log(
      `verify (${stats.workers === 0 ? 'this thread' : `${stats.workers} workers`}): ${result.entriesChecked} entries in ${wall.toFixed(2)} s = ${Math.round(perSec)} entries/s, CPU ${((used.user + used.system) / result.entriesChecked).toFixed(2)} µs/entry (${stats.chunksAccepted} ranges from workers, ${stats.entriesWalked} entries walked here)`,
    );
    return { perSec, entries: result.entriesChecked, workers: stats.workers };
  };
  const parallel = [];
  for (let i = 0; i < runs; i++) parallel.push(await once());
  await keepWorkers.close();
  const alone = await once(0);
  const rates = parallel.map((r) => r.perSec);
  console.log(
    `verify: best ${Math.round(Math.max(...rates))}, median ${Math.round(median(rates))} entries/s with workers; ${Math.round(alone.perSec)} in this thread`,
  );
  return {
    verifyPerSec: Math.round(median(rates)),
    verifyBestPerSec: Math.round(Math.max(...rates)),
    verifyWorkers: parallel[0]?.workers ?? 0,
    verifyInThreadPerSec: Math.round(alone.perSec),
    verifiedEntries: alone.entries,
  };
}

export async function run(options: BenchOptions): Promise<void> {
  const entries = Number(option(options.args, 'entries', '20000'));
  const writers = Number(option(options.args, 'writers', '256'));
  const batch = Number(option(options.args, 'batch', '2000'));
  const suite = option(options.args, 'suite', 'sm') === 'intl' ? 'intl' : 'sm';
  const { storage, drop } = await open(options.dialect);
  try {
    await migrateToLatest(storage.db, storage.dialect, auditMigrations);
    const trail = await AuditTrail.open({
      db: storage.db,
      dialect: storage.dialect,
      clock: systemClock,
      keys: ephemeralAuditKeys(suite),
      checkpointTimer: false,
    });
    const { chain, db } = trail.internals;
    console.log(`audit bench on ${options.dialect} (${suite} suite): ${entries} entries, ${writers} writers`);

    // Warm-up: connections, prepared paths, partitions.
    await Promise.all(Array.from({ length: 200 }, (_, i) => trail.append(context, event(i))));

    let next = 0;
    const commitsBefore = trail.groupCommits();
    let start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < entries) await trail.append(context, event(next++));
      }),
    );
    const appendSeconds = seconds(start);
    const commits = trail.groupCommits() - commitsBefore;
    const appendsPerSec = entries / appendSeconds;
    console.log(
      `group commit: ${Math.round(appendsPerSec)} durable appends/s (${commits} commits, ${(entries / commits).toFixed(1)} entries each)`,
    );

    // The ceiling: the same rows through the same chain code, one writer, one transaction per batch.
    const drafts = Array.from({ length: entries }, (_, i) => trail.draft(context, event(i)));
    start = process.hrtime.bigint();
    for (let i = 0; i < entries; i += batch) {
      await db.transaction().execute(async (trx) => {
        await chain.lock(trx);
        await chain.append(trx, drafts.slice(i, i + batch));
      });
    }
    const ceilingPerSec = entries / seconds(start);
    console.log(`ceiling (one writer, ${batch} per transaction): ${Math.round(ceilingPerSec)} rows/s`);

    const verify = await measureVerification(trail, options.args);
    await trail.close();

    const figures = {
      bench: 'audit',
      dialect: options.dialect,
      suite,
      entries,
      writers,
      appendsPerSec: Math.round(appendsPerSec),
      entriesPerCommit: Number((entries / commits).toFixed(1)),
      ceilingPerSec: Math.round(ceilingPerSec),
      ratio: Number((appendsPerSec / ceilingPerSec).toFixed(3)),
      ...verify,
    };
    console.log(JSON.stringify(figures));
  } finally {
    await storage.close();
    await drop();
  }
}
