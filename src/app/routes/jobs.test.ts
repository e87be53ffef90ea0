import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser, signedIn } from '../../org/test-support/index.js';
import { ManualClock } from '../../platform/clock/index.js';
import { loadConfig, type PlatformConfig } from '../../platform/config/index.js';
import { DIALECTS, openTestStorage, type TestStorage } from '../../platform/db/test-support/index.js';
import type { JobStatus } from '../../platform/jobs/index.js';
import { bootstrapIfEmpty, bootstrapOptionsFrom } from '../bootstrap.js';
import type { Database } from '../database.js';
import { createPlatform, type Platform } from '../index.js';

describe.each(DIALECTS)('background jobs of the platform on %s (issue 14)', (dialect) => {
  let storage: TestStorage<Database>;
  let dataDir: string;
  let config: PlatformConfig;
  let platform: Platform | undefined;
  const clock = new ManualClock('2026-12-01T00:00:00Z');
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });

  /** Starts a node of the platform on the shared database at the given time (a restart, when one ran before). */
  async function boot(at: string): Promise<Platform> {
    await platform?.close();
    clock.set(at);
    platform = await createPlatform(config, { storage, clock, logger: { level: 'info', stream } });
    return platform;
  }

  const retention = async (p: Platform) =>
    (await p.services.jobs.status()).find((s) => s.name === 'audit.retention') as JobStatus;

  beforeAll(async () => {
    storage = await openTestStorage<Database>(dialect);
    dataDir = mkdtempSync(join(tmpdir(), 'govshare-jobs-'));
    config = loadConfig({ GOVSHARE_AUDIT_RETENTION_MONTHS: '36' }, { dataDir, port: 0 });
  });
  afterAll(async () => {
    await platform?.close();
    await storage?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a restarted node runs retention when it is due, not 24 hours after it started', async () => {
    const first = await boot('2026-12-01T00:00:00Z'); // 08:00 China time; never ran: runs at start
    await bootstrapIfEmpty(first, bootstrapOptionsFrom({}));
    await vi.waitFor(async () =>
      expect(await retention(first)).toMatchObject({
        lastStartedAt: '2026-12-01T00:00:00.000Z',
        lastFinishedAt: '2026-12-01T00:00:00.000Z',
        lastOutcome: 'success',
      }),
    );

    // Restarted two hours later: retention ran today after 03:00, so it waits for tomorrow's 03:00.
    const second = await boot('2026-12-01T02:00:00Z');
    await second.services.jobs.runDue();
    expect(await retention(second)).toMatchObject({
      lastStartedAt: '2026-12-01T00:00:00.000Z',
      nextRunAt: '2026-12-01T19:00:00.000Z',
    });

    // Down over the next 03:00 and restarted: it runs at once, started by the node itself.
    const third = await boot('2026-12-02T20:00:00Z');
    await vi.waitFor(async () =>
      // Finished, not only started: the clock moves on in the next test.
      expect(await retention(third)).toMatchObject({
        lastStartedAt: '2026-12-02T20:00:00.000Z',
        lastFinishedAt: '2026-12-02T20:00:00.000Z',
        lastOutcome: 'success',
        runningOn: null,
      }),
    );
  });

  it('a failing retention shows in the status list with its error and in the log with the job name', async () => {
    const node = platform as Platform;
    // The archive cannot be written; three years and a month on, December's entries are past the
    // 36-month period (政务数据共享条例第二十九条: at least three years) (the node's own loop may be the one that finds retention due: either way it fails once).
    const archive = join(dataDir, 'audit-archive');
    rmSync(archive, { recursive: true, force: true });
    writeFileSync(archive, 'not a directory');
    lines.length = 0;
    clock.set('2030-01-01T00:00:00Z');
    await node.services.jobs.runDue();
    rmSync(archive, { force: true });

    const status = await retention(node);
    expect(status).toMatchObject({
      lastStartedAt: '2030-01-01T00:00:00.000Z',
      lastOutcome: 'failure',
      consecutiveFailures: 1,
      lastSuccessAt: '2026-12-02T20:00:00.000Z',
    });
    expect(status.lastError).toMatch(/ENOTDIR|EEXIST|not a directory/);
    // Retried after a backoff (10 s), not at the next daily run.
    expect(status.nextRunAt).toBe('2030-01-01T00:00:10.000Z');
    const logged = lines.find((l) => l.job === 'audit.retention' && l.msg === 'background job failed');
    expect(logged?.level).toBe(50);
    expect(JSON.stringify(logged?.err)).toMatch(/ENOTDIR|EEXIST|not a directory/);
    // Nothing was removed: the entries wait for an archive that can be written.
    expect(
      (await storage.db.selectFrom('audit_entry').select('seq').where('at', '<', '2027-01-01').execute())
        .length,
    ).toBeGreaterThan(0);
  });

  it('the status list answers operators and auditors, refuses a department user; metrics carry the jobs', async () => {
    const node = platform as Platform;
    const department = await storage.db.selectFrom('department').select('id').executeTakeFirstOrThrow();
    await createUser(node, 'job_operator', department.id, ['operator']);
    await createUser(node, 'job_auditor', department.id, ['auditor']);
    await createUser(node, 'job_user', department.id, ['dept_user']);
    const operator = await signedIn(node, 'job_operator');
    const auditor = await signedIn(node, 'job_auditor');
    const user = await signedIn(node, 'job_user');

    const listed = await operator.request('GET', '/api/v1/platform/jobs');
    expect(listed.status).toBe(200);
    expect(listed.body.jobs.map((j: JobStatus) => j.name).sort()).toEqual([
      'audit.checkpoint',
      'audit.retention',
      'catalog.review-sweep',
      'exchange.load-recovery',
      'exchange.node-watch',
      'exchange.subscription-push',
      'quality.correction-sweep',
      'quality.freshness',
      'quality.scores',
      'quality.source-comparison',
      'quality.source-duplicates',
      'sharing.deadline-sweep',
      'sharing.notice-delivery',
      'supervision.alerts',
      'supervision.indicators',
      'supervision.reports',
      'supervision.violations',
    ]);
    expect(listed.body.jobs.find((j: JobStatus) => j.name === 'audit.retention')).toMatchObject({
      scope: 'cluster',
      dailyAt: '03:00',
      lastOutcome: 'failure',
      consecutiveFailures: 1,
      label: { zh: '审计日志到期归档与清理' },
    });
    expect((await auditor.request('GET', '/api/v1/platform/jobs')).status).toBe(200);
    const refused = await user.request('GET', '/api/v1/platform/jobs');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await node.http.inject({ url: '/api/v1/platform/jobs' })).statusCode).toBe(401);

    const metrics = await node.http.inject({
      url: '/api/metrics',
      headers: { cookie: operator.cookie },
    });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('govshare_job_failures_total{job="audit.retention"} 1');
    expect(metrics.body).toContain(
      `govshare_job_last_success_timestamp_seconds{job="audit.retention"} ${Date.parse('2026-12-02T20:00:00Z') / 1000}`,
    );
    expect(metrics.body).toContain('govshare_job_running{job="audit.retention"} 0');
    expect(metrics.body).toContain('govshare_job_failures_total{job="sharing.deadline-sweep"} 0');
  });
});
