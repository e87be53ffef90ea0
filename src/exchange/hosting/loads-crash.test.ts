import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../../app/index.js';
import { DIALECTS, TEST_PG_URL } from '../../platform/db/test-support/index.js';
import type { RecordValues } from '../model.js';
import {
  type ApiRequester,
  type ExchangeWorld,
  residentId,
  sampleRecords,
  startExchangeWorld,
} from '../test-support/index.js';
import { stageTable } from './loads/stage.js';
import { spawnUpload } from './test-support/upload.js';

const CHILD = fileURLToPath(new URL('./loads/test-support/crash-child.ts', import.meta.url));
const HEADER = ['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数', '更新时间', '是否有效'];
const ROWS = 100_000;

function csvOf(records: RecordValues[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return `${[HEADER.join(','), ...records.map((r) => HEADER.map((h) => cell(r[h])).join(','))].join('\n')}\n`;
}

/** `count` records with distinct keys (sample records repeat theirs every 21,000). */
function distinctRecords(count: number): RecordValues[] {
  return sampleRecords(count, 500_000).map((r, n) => ({
    ...r,
    公民身份号码: residentId(
      String(r.出生日期).replaceAll('-', ''),
      n,
      String(110101 + Math.floor(n / 1000)),
    ),
  }));
}

interface Killed {
  /** The progress line the child was killed after. */
  at: { phase: string; rows: number };
}

/** Runs the uploading child and SIGKILLs it once it reports `killAt` rows checked or written. */
function uploadAndKill(args: string[], killAt: number): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let stderr = '';
    let at: Killed['at'] | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{') || at) continue;
        const progress = JSON.parse(line) as { type: string; phase: string; rows: number };
        if (progress.type === 'progress' && progress.phase !== 'upload' && progress.rows >= killAt) {
          at = { phase: progress.phase, rows: progress.rows };
          child.kill('SIGKILL');
        }
      }
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL' && at) resolve({ at });
      else reject(new Error(`the load ended before it was killed: ${buffer} ${stderr}`));
    });
  });
}

describe.each(DIALECTS)('a load killed mid-way on %s (issue 15)', (dialect) => {
  let x: ExchangeWorld;
  let node: ApiRequester;
  let dir: string;
  const db = () => x.platform.storage.db;
  const changes = async () =>
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*) as n from exchange_change where resource_id = ${x.resource.id}`.execute(db())
      ).rows[0]?.n,
    );
  const stored = async () =>
    Number(
      (await sql<{ n: number }>`select count(*) as n from ${sql.id(x.resource.table)}`.execute(db())).rows[0]
        ?.n,
    );
  const loadAudits = async (loadId: string) =>
    (
      await db()
        .selectFrom('audit_entry')
        .select(['detail', 'outcome'])
        .where('action', '=', 'exchange.load')
        .orderBy('seq')
        .execute()
    )
      .map((e) => ({ ...(JSON.parse(e.detail) as { loadId?: string; status?: string }), outcome: e.outcome }))
      .filter((d) => d.loadId === loadId);

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { exchange: { uploadLimitBytes: 64 * 1024 * 1024 } });
    node = await x.apiClient(x.w.departments.police);
    dir = mkdtempSync(join(tmpdir(), 'govshare-load-crash-'));
  }, 120_000);
  afterAll(async () => {
    await x?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('SIGKILL mid-load (all or nothing): nothing visible, the load interrupted and audited, its files gone, a retry succeeds', async () => {
    const file = join(dir, 'big.csv');
    writeFileSync(file, csvOf(distinctRecords(ROWS)));
    const before = { rows: await stored(), changes: await changes(), resource: await x.hosted() };
    const storage = x.platform.storage as unknown as { sqlitePath?: string; pgSchema?: string };
    const target =
      dialect === 'postgres'
        ? [TEST_PG_URL as string, storage.pgSchema as string]
        : [storage.sqlitePath as string, '-'];
    const { at } = await uploadAndKill(
      [
        dialect,
        ...target,
        x.platform.config.dataDir,
        x.clock.now().toISOString(),
        node.token,
        x.entryId,
        file,
        'csv',
      ],
      30_000,
    );
    expect(at.rows).toBeGreaterThanOrEqual(30_000);
    const load = await db()
      .selectFrom('exchange_load')
      .selectAll()
      .where('entry_id', '=', x.entryId)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(load.status).toBe('running');
    const loadsDir = join(x.platform.config.dataDir, 'exchange', 'loads');
    expect(readdirSync(loadsDir).some((n) => n.startsWith(load.id))).toBe(true);

    // A platform starting on the same storage finds the dead load.
    const restarted = await createPlatform(x.platform.config, {
      storage: x.platform.storage,
      clock: x.clock,
      jobs: false,
    });
    try {
      let status = load.status as string;
      for (let i = 0; i < 100 && status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (
          await db()
            .selectFrom('exchange_load')
            .select('status')
            .where('id', '=', load.id)
            .executeTakeFirstOrThrow()
        ).status;
      }
      expect(status).toBe('interrupted');
    } finally {
      await restarted.close();
    }

    expect(await stored()).toBe(before.rows);
    expect(await changes()).toBe(before.changes);
    expect(await x.hosted()).toMatchObject({
      lastSeq: before.resource.lastSeq,
      rowCount: before.resource.rowCount,
    });
    const audits = await loadAudits(load.id);
    expect(audits.map((a) => [a.status, a.outcome])).toEqual([
      ['running', 'success'],
      ['interrupted', 'failure'],
    ]);
    expect(readdirSync(loadsDir).filter((n) => n.startsWith(load.id))).toEqual([]);
    if (dialect === 'sqlite') {
      const { rows } = await sql`select name from sqlite_master where name = ${stageTable(load.id)}`.execute(
        db(),
      );
      expect(rows).toEqual([]);
    }

    // The same file again: the whole of it, once.
    const retry = await x.upload(readFileSync(file), { format: 'csv', client: node });
    const end = retry.lines.at(-1) as { type: string; load: { applied: number; id: string } };
    expect(end.type).toBe('done');
    expect(end.load.applied).toBe(ROWS);
    expect(await stored()).toBe(before.rows + ROWS);
    expect(await changes()).toBe(before.changes + ROWS);
    expect((await loadAudits(end.load.id)).map((a) => a.status)).toEqual(['running', 'done']);
  }, 240_000);

  it('the recovery job takes a load silent past 120 s on another node for dead, and leaves live ones alone', async () => {
    const now = x.clock.now().getTime();
    const at = (msAgo: number) => new Date(now - msAgo).toISOString();
    const row = (id: string, runner: string, heartbeat: string) => ({
      id,
      resource_id: x.resource.id,
      entry_id: x.entryId,
      provider_department_id: x.w.departments.police,
      format: 'csv' as const,
      mode: 'all_or_nothing' as const,
      status: 'running' as const,
      total_bytes: null,
      bytes_read: 0,
      rows_read: 0,
      applied: 0,
      unchanged: 0,
      rejected: 0,
      first_seq: null,
      last_seq: null,
      reject_file: null,
      error: null,
      created_by: null,
      created_by_name: 'node',
      started_at: at(600_000),
      finished_at: null,
      duration_ms: null,
      runner,
      heartbeat_at: heartbeat,
    });
    const silent = 'f0000000-0000-7000-8000-000000000001';
    const recent = 'f0000000-0000-7000-8000-000000000002';
    const here = 'f0000000-0000-7000-8000-000000000003';
    const { hostname } = await import('node:os');
    await db()
      .insertInto('exchange_load')
      .values([
        row(silent, 'other-node/4242/aaaa', at(121_000)),
        row(recent, 'other-node/4243/bbbb', at(10_000)),
        // This very process, however silent: alive, so not taken for dead by its own host's check.
        row(here, `${hostname()}/${process.pid}/cccc`, at(60_000)),
      ])
      .execute();
    const loadsDir = join(x.platform.config.dataDir, 'exchange', 'loads');
    mkdirSync(loadsDir, { recursive: true });
    writeFileSync(join(loadsDir, `${silent}.csv`), 'left over');
    writeFileSync(join(loadsDir, `${silent}.csv.checked`), 'left over');
    const swept = await x.platform.services.exchange.hosting.loads.recovery.sweep();
    expect(swept).toEqual([silent]);
    const statuses = await db()
      .selectFrom('exchange_load')
      .select(['id', 'status'])
      .where('id', 'in', [silent, recent, here])
      .orderBy('id')
      .execute();
    expect(statuses.map((r) => r.status)).toEqual(['interrupted', 'running', 'running']);
    expect(readdirSync(loadsDir).filter((n) => n.startsWith(silent))).toEqual([]);
    expect((await loadAudits(silent)).map((a) => [a.status, a.outcome])).toEqual([
      ['interrupted', 'failure'],
    ]);
    await db().deleteFrom('exchange_load').where('id', 'in', [recent, here]).execute();
  });

  it('every load is audited when it starts and when it ends, a refused one too', async () => {
    const bad = `${HEADER.join(',')}\n不是身份证号,张三,1990-01-01,正常,1,2026-01-01 00:00:00,true\n`;
    const res = await x.upload(bad, { format: 'csv', client: node });
    const end = res.lines.at(-1) as { type: string; load: { id: string; status: string } };
    expect(end.load.status).toBe('rejected');
    expect((await loadAudits(end.load.id)).map((a) => a.status)).toEqual(['running', 'rejected']);
  });
});

/**
 * A TCP relay to the platform that cuts both sides once a connection has carried `cutAfter`
 * bytes from the client and the platform has begun to answer: the network dropping mid-upload.
 */
function cuttingRelay(port: number, cutAfter: number): Promise<Server> {
  const relay = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    let sent = 0;
    let answered = false;
    let held = false;
    const cut = () => {
      client.resetAndDestroy();
      upstream.destroy();
    };
    client.on('data', (data) => {
      sent += data.length;
      if (sent <= cutAfter) upstream.write(data);
      else if (answered) cut();
      else {
        held = true;
        client.pause();
      }
    });
    upstream.on('data', (data) => {
      answered = true;
      client.write(data);
      // Let the first answer reach the client before the line goes.
      if (held) setTimeout(cut, 50);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => relay.listen(0, '127.0.0.1', () => resolve(relay)));
}

describe.each(DIALECTS)('govshare exchange upload when the connection drops on %s (issue 15)', (dialect) => {
  let x: ExchangeWorld;
  let node: ApiRequester;
  let dir: string;
  let relay: Server;

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { exchange: { uploadLimitBytes: 64 * 1024 * 1024 } });
    await x.platform.http.listen({ port: 0, host: '127.0.0.1' });
    node = await x.apiClient(x.w.departments.police);
    dir = mkdtempSync(join(tmpdir(), 'govshare-upload-drop-'));
    relay = await cuttingRelay((x.platform.http.server.address() as AddressInfo).port, 2 * 1024 * 1024);
  }, 120_000);
  afterAll(async () => {
    relay?.close();
    await x?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a dropped connection mid-upload: the load id, what happened and how to retry, exit 1, no stack trace', async () => {
    const file = join(dir, 'drop.csv');
    writeFileSync(file, csvOf(distinctRecords(60_000)));
    const url = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
    const child = spawnUpload({ url, entry: x.entryId, file, node });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    const id = /load id: (\S+)/.exec(out)?.[1];
    expect(id).toBeDefined();
    expect(out).toContain('connection to the platform was lost');
    expect(out).toContain(`govshare exchange upload --url ${url} --entry ${x.entryId}`);
    expect(`${out}${err}`).not.toMatch(/\n\s+at .+:\d+:\d+/);

    // The platform saw its body break off: the load failed, audited, nothing written.
    const db = x.platform.storage.db;
    let status = 'running';
    for (let i = 0; i < 100 && status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (
        await db
          .selectFrom('exchange_load')
          .select('status')
          .where('id', '=', id as string)
          .executeTakeFirstOrThrow()
      ).status;
    }
    expect(status).toBe('failed');
    const audits = (
      await db
        .selectFrom('audit_entry')
        .select('detail')
        .where('action', '=', 'exchange.load')
        .orderBy('seq')
        .execute()
    )
      .map((e) => JSON.parse(e.detail) as { loadId?: string; status?: string })
      .filter((d) => d.loadId === id);
    expect(audits.map((a) => a.status)).toEqual(['running', 'failed']);
  }, 120_000);
});
