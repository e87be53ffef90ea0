import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/index.js';
import { openStorage, type Storage } from '../db/index.js';
import { migrateToLatest } from '../db/migrations.js';
import { DIALECTS, openTestStorage, TEST_PG_URL, type TestStorage } from '../db/test-support/index.js';
import { type JobDefinition, JobRunner, type JobTables, jobMigrations } from './index.js';

const HOUR = 60 * 60_000;
const label = { zh: '测试任务', en: 'test job' };

/** A pino logger writing JSON lines into `lines`, as the platform's log does. */
function capturedLog() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

/** A promise opened from outside: a job that runs until the test lets it finish. */
function gate() {
  let open!: () => void;
  const closed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, closed };
}

describe.each(DIALECTS)('jobs kernel on %s', (dialect) => {
  let storage: TestStorage<JobTables>;
  /** A second connection to the same database: another node. */
  let other: Storage<JobTables>;
  let clock: ManualClock;
  const runners: JobRunner[] = [];

  function runner(db = storage.db, log = capturedLog().log): JobRunner {
    const r = new JobRunner({ db, dialect, clock, log, leaseMs: 60_000 });
    runners.push(r);
    return r;
  }

  beforeEach(async () => {
    clock = new ManualClock('2026-12-01T00:00:00Z');
    storage = await openTestStorage<JobTables>(dialect);
    await migrateToLatest(storage.db, dialect, jobMigrations);
    other =
      dialect === 'sqlite'
        ? await openStorage<JobTables>({ sqlitePath: storage.sqlitePath as string })
        : await openStorage<JobTables>({ databaseUrl: TEST_PG_URL, pgSchema: storage.pgSchema as string });
  });

  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await other.close();
    await storage.dispose();
  });

  it('two nodes sharing the database run a cluster job once per period, not once per node', async () => {
    const runs: string[] = [];
    const job = (node: string): JobDefinition => ({
      name: 'test.sweep',
      label,
      every: HOUR,
      async run() {
        runs.push(node);
        // Long enough for the other node's claim to arrive while this one runs.
        await new Promise((resolve) => setTimeout(resolve, 30));
      },
    });
    const a = runner(storage.db);
    const b = runner(other.db);
    a.register(job('a'));
    b.register(job('b'));
    for (let period = 0; period < 4; period++) {
      await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
      expect(runs).toHaveLength(period + 1);
      // Within the period neither node runs it again.
      clock.advance(HOUR / 2);
      await Promise.all([a.runDue(), b.runDue()]);
      expect(runs).toHaveLength(period + 1);
      clock.advance(HOUR / 2);
    }
    const [status] = await b.status();
    expect(status).toMatchObject({ lastOutcome: 'success', consecutiveFailures: 0, runningOn: null });
    expect(status?.nextRunAt).toBe(new Date(Date.parse(status?.lastStartedAt ?? '') + HOUR).toISOString());
  });

  it('a restarted node runs an overdue daily job at start instead of a day later, and a recent one waits', async () => {
    let runs = 0;
    const retention: JobDefinition = {
      name: 'test.retention',
      label,
      dailyAt: '03:00',
      async run() {
        runs += 1;
      },
    };
    // 2026-12-01T00:00Z is 08:00 China time: the job never ran, so it runs now.
    const first = runner();
    first.register(retention);
    await first.runDue();
    expect(runs).toBe(1);
    await first.stop();

    // Restarted two hours later: the last run is after today's 03:00, so it waits for tomorrow's.
    clock.advance(2 * HOUR);
    const second = runner();
    second.register({ ...retention });
    await second.runDue();
    expect(runs).toBe(1);
    const [waiting] = await second.status();
    expect(waiting?.nextRunAt).toBe('2026-12-01T19:00:00.000Z'); // 03:00 on 12-02, China time
    await second.stop();

    // Restarted after a day away: the stored last run is older than its period — it runs at once,
    // started by the loop itself, without anyone calling it.
    clock.set('2026-12-03T01:00:00Z');
    const third = runner();
    const started = gate();
    third.register({
      ...retention,
      async run() {
        runs += 1;
        started.open();
      },
    });
    third.start();
    await started.closed;
    expect(runs).toBe(2);
  });

  it('a failing job is logged with its name, shows its error in the status list and backs off', async () => {
    const { log, lines } = capturedLog();
    const r = runner(storage.db, log);
    let attempts = 0;
    r.register({
      name: 'test.broken',
      label,
      every: HOUR,
      backoff: { initialMs: 10_000, maxMs: 40_000 },
      async run() {
        attempts += 1;
        throw new Error('archive directory is not writable');
      },
    });
    r.register({
      name: 'test.broken-node',
      label,
      every: 1000,
      scope: 'node',
      async run() {
        throw new Error('poll failed');
      },
    });
    await r.runDue();
    expect(attempts).toBe(1);
    const failed = lines.filter((l) => l.msg === 'background job failed');
    expect(failed.map((l) => l.job).sort()).toEqual(['test.broken', 'test.broken-node']);
    expect(failed.find((l) => l.job === 'test.broken')?.err).toMatchObject({
      message: 'archive directory is not writable',
    });
    expect(failed[0]?.level).toBe(50);

    // Not retried at once: the first wait is 10 s, then 20 s, then capped at 40 s.
    await r.runDue();
    expect(attempts).toBe(1);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const status = (await r.status()).find((s) => s.name === 'test.broken');
      const wait = Date.parse(status?.nextRunAt ?? '') - clock.now().getTime();
      waits.push(wait);
      clock.advance(wait);
      await r.runDue();
    }
    expect(waits).toEqual([10_000, 20_000, 40_000, 40_000]);
    expect(attempts).toBe(5);
    const statuses = await r.status();
    expect(statuses.find((s) => s.name === 'test.broken')).toMatchObject({
      scope: 'cluster',
      lastOutcome: 'failure',
      lastError: 'archive directory is not writable',
      consecutiveFailures: 5,
      lastSuccessAt: null,
    });
    expect(statuses.find((s) => s.name === 'test.broken-node')).toMatchObject({
      scope: 'node',
      lastOutcome: 'failure',
      lastError: 'poll failed',
    });
    expect(r.failureCounts().get('test.broken')).toBe(5);
  });

  it('a slow job is never started beside itself: not by the loop, runNow nor another node', async () => {
    const slow = gate();
    const running = gate();
    let started = 0;
    const def: JobDefinition = {
      name: 'test.slow',
      label,
      every: 1000,
      async run() {
        started += 1;
        running.open();
        await slow.closed;
      },
    };
    const a = runner(storage.db);
    const b = runner(other.db);
    a.register(def);
    b.register({ ...def });
    const first = a.runNow('test.slow');
    await running.closed;
    expect(started).toBe(1);
    // Its period has passed several times over while it runs.
    clock.advance(10_000);
    const loop = a.runDue();
    await b.runDue();
    const again = a.runNow('test.slow');
    expect(started).toBe(1);
    const [status] = await b.status();
    expect(status?.runningOn).toBe(a.holder);
    expect(a.runningNames()).toEqual(new Set(['test.slow']));
    slow.open();
    // Everything still waiting settles before the storage closes after the test.
    await Promise.all([first, again, loop]);
    expect(started).toBe(1);
    expect(a.runningNames().size).toBe(0);
  });

  it('a node that died holding a lease blocks the job only until the lease runs out', async () => {
    const a = runner(storage.db);
    let runs = 0;
    a.register({
      name: 'test.lease',
      label,
      every: HOUR,
      async run() {
        runs += 1;
      },
    });
    // A dead node's claim: started, never finished, lease until one minute from now.
    await storage.db
      .insertInto('platform_job')
      .values({
        name: 'test.lease',
        consecutive_failures: 0,
        last_started_at: clock.now().toISOString(),
        lease_holder: 'dead-node',
        lease_until: new Date(clock.now().getTime() + 60_000).toISOString(),
      })
      .execute();
    await a.runDue();
    expect(runs).toBe(0);
    clock.advance(61_000);
    await a.runDue();
    expect(runs).toBe(1);
  });

  it('a job never run, and a run left unfinished by a dead node, start at once while the clock moves between reads', async () => {
    // Real time passes between the claim's reading of the clock and the row's: as on PostgreSQL,
    // where a round trip lies between them. "Due now" must not land just after the claim's time.
    let ticks = 0;
    const ticking = {
      now: () => {
        ticks += 3;
        return new Date(clock.now().getTime() + ticks);
      },
    };
    const a = new JobRunner({ db: storage.db, dialect, clock: ticking, log: capturedLog().log });
    runners.push(a);
    let runs = 0;
    let fresh = 0;
    a.register({
      name: 'test.unfinished',
      label,
      every: HOUR,
      async run() {
        runs += 1;
      },
    });
    a.register({
      name: 'test.fresh',
      label,
      dailyAt: '03:00',
      async run() {
        fresh += 1;
      },
    });
    await storage.db
      .insertInto('platform_job')
      .values({
        name: 'test.unfinished',
        consecutive_failures: 0,
        last_started_at: new Date(clock.now().getTime() - 10 * 60_000).toISOString(),
        lease_holder: 'dead-node',
        lease_until: new Date(clock.now().getTime() - 60_000).toISOString(),
      })
      .execute();
    await a.runDue();
    expect([runs, fresh]).toEqual([1, 1]);
    const [status] = await a.status();
    expect(status).toMatchObject({ name: 'test.unfinished', lastOutcome: 'success', runningOn: null });
    // Not due again for an hour (and a day): another pass claims nothing and runs nothing.
    await a.runDue();
    expect([runs, fresh]).toEqual([1, 1]);
  });

  it('refuses to run a job that is not registered', async () => {
    await expect(runner().runNow('nope')).rejects.toThrow(/JOB_UNKNOWN|nope/);
  });
});
