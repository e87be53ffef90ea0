import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDepartment, signedInUser, USCCS } from '../org/test-support/index.js';
import { ManualClock } from '../platform/clock/index.js';
import { loadConfig } from '../platform/config/index.js';
import { DIALECTS, openTestStorage, type TestStorage } from '../platform/db/test-support/index.js';
import { API } from '../sharing/test-support/index.js';
import { bootstrapIfEmpty, bootstrapOptionsFrom } from './bootstrap.js';
import type { Database } from './database.js';
import { createPlatform, type Platform } from './index.js';

type Line = Record<string, unknown>;

describe.each(DIALECTS)('the platform log on %s (issue 14)', (dialect) => {
  let storage: TestStorage<Database>;
  let dataDir: string;
  let platform: Platform;
  let receiver: Server;
  let hookUrl: string;
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });

  beforeAll(async () => {
    // A department's webhook that is down: every delivery attempt is answered 503.
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.statusCode = 503;
        res.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    storage = await openTestStorage<Database>(dialect);
    dataDir = mkdtempSync(join(tmpdir(), 'govshare-log-'));
    const config = loadConfig({ GOVSHARE_REQUEST_LOG: 'all' }, { dataDir, port: 0 });
    platform = await createPlatform(
      // The receiver listens on loopback, which only an allowed network reaches.
      { ...config, exchange: { ...config.exchange, serviceAllowedNetworks: ['127.0.0.0/8'] } },
      {
        storage,
        clock: new ManualClock('2026-12-01T02:00:00Z'),
        // The jobs are run below, one by one, through the runner.
        jobs: false,
        webDist: '/nonexistent',
        logger: { level: 'info', stream },
      },
    );
    await bootstrapIfEmpty(platform, bootstrapOptionsFrom({}));
  }, 120_000);
  afterAll(async () => {
    await platform?.close();
    await storage?.dispose();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a failed notice delivery the worker retries is logged with its module, job and delivery', async () => {
    const city = await platform.storage.db
      .selectFrom('jurisdiction')
      .select('id')
      .where('code', '=', '990100')
      .executeTakeFirstOrThrow();
    const police = await createDepartment(platform, '示范市公安局', USCCS[0] as string, city.id);
    const admin = await signedInUser(platform, 'police.admin', police, ['resource_admin']);
    const added = await admin.request('POST', `${API}/channels`, { kind: 'webhook', target: hookUrl });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    await platform.storage.db.transaction().execute((trx) =>
      platform.services.sharing.notices.send(trx, {
        to: { departmentId: police },
        kind: 'test.log',
        title: { zh: '日志测试', en: 'Log test' },
        body: { zh: '日志测试', en: 'Log test' },
      }),
    );

    const status = await platform.services.jobs.runNow('sharing.notice-delivery');
    // The worker continued past the failure: the job succeeded, the failure is on the row and in the log.
    expect(status.lastOutcome).toBe('success');
    const failures = lines.filter((l) => l.msg === 'notice delivery failed; it will be retried');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      level: 40,
      module: 'sharing',
      job: 'sharing.notice-delivery',
      kind: 'webhook',
      attempt: 1,
      error: 'HTTP 503',
      statusCode: 503,
    });
    expect(typeof failures[0]?.delivery).toBe('string');
  });

  it('a failing background job is logged by the runner with its module, job name and error', async () => {
    platform.services.jobs.register({
      name: 'test.failing',
      label: { zh: '必然失败的任务', en: 'A job that fails' },
      every: 60_000,
      scope: 'node',
      run: async () => {
        throw new Error('disk on fire');
      },
    });
    const status = await platform.services.jobs.runNow('test.failing');
    expect(status.lastOutcome).toBe('failure');
    const failed = lines.find((l) => l.job === 'test.failing' && l.msg === 'background job failed');
    expect(failed).toMatchObject({ level: 50, module: 'jobs', err: { message: 'disk on fire' } });
  });

  it('requests are logged through the same logger, to the same stream', async () => {
    const res = await platform.http.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const request = lines.find((l) => l.msg === 'request' && l.reqId === res.headers['x-request-id']);
    expect(request).toMatchObject({ level: 30, route: '/api/health', status: 200 });
    // A request's line carries no module; a service's line carries no request id.
    expect(request?.module).toBeUndefined();
    expect(lines.filter((l) => l.module !== undefined).every((l) => l.reqId === undefined)).toBe(true);
  });
});
