import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from '../../../test/support/platform.js';
import { bootstrapIfEmpty, bootstrapOptionsFrom } from '../../app/bootstrap.js';
import type { Database } from '../../app/database.js';
import { createPlatform, type Platform } from '../../app/index.js';
import { loadConfig } from '../config/index.js';
import { DIALECTS, openTestStorage, type TestStorage } from '../db/test-support/index.js';

const RESIDENT_ID = '11010519491231002X';

// Issue 15: Fastify's two info lines a request (about 530 bytes) filled 64 MB in ten minutes at
// 200 req/s. One compact line, for failures and slow requests by default.
describe.each(DIALECTS)('request logging as a setting on %s (issue 15)', (dialect) => {
  let storage: TestStorage<Database> | undefined;
  let platform: Platform | undefined;
  let dataDir: string | undefined;
  let raw: string[] = [];

  async function boot(env: NodeJS.ProcessEnv): Promise<Platform> {
    raw = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n')) if (line) raw.push(line);
        done();
      },
    });
    storage = await openTestStorage<Database>(dialect);
    dataDir = mkdtempSync(join(tmpdir(), 'govshare-reqlog-'));
    const config = loadConfig(env, { dataDir, port: 0 });
    platform = await createPlatform(config, {
      storage,
      webDist: '/nonexistent',
      logger: { level: config.logLevel, stream },
    });
    return platform;
  }
  const lines = () => raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  const requestLines = (id: string) => lines().filter((l) => l.reqId === id && l.msg === 'request');

  afterEach(async () => {
    await platform?.close();
    await storage?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    platform = undefined;
    storage = undefined;
  });

  it('all: one compact line a request, with the route pattern and never the query', async () => {
    const p = await boot({ GOVSHARE_REQUEST_LOG: 'all' });
    const ok = await p.http.inject({ method: 'GET', url: '/api/health' });
    expect(ok.statusCode).toBe(200);
    const id = ok.headers['x-request-id'] as string;
    const forId = lines().filter((l) => l.reqId === id);
    expect(forId).toHaveLength(1);
    expect(forId[0]).toMatchObject({ msg: 'request', method: 'GET', route: '/api/health', status: 200 });
    expect(typeof forId[0]?.ms).toBe('number');
    expect(raw.find((line) => line.includes(id))?.length).toBeLessThan(250);
    expect(raw.join('\n')).not.toMatch(/incoming request|request completed/);

    const second = await p.http.inject({ method: 'GET', url: `/api/health?resident=${RESIDENT_ID}` });
    expect(requestLines(second.headers['x-request-id'] as string)).toHaveLength(1);
    expect(raw.join('\n')).not.toContain(RESIDENT_ID);
  });

  it('errors (the default): a 200 logs nothing, a 404 logs one compact line without its query', async () => {
    const p = await boot({});
    expect(p.config.requestLog).toEqual({ mode: 'errors', slowMs: 1000 });
    const ok = await p.http.inject({ method: 'GET', url: '/api/health' });
    expect(ok.statusCode).toBe(200);
    expect(raw.filter((line) => line.includes(ok.headers['x-request-id'] as string))).toEqual([]);

    const missing = await p.http.inject({
      method: 'GET',
      url: `/no-such-file.js?resident=${RESIDENT_ID}`,
    });
    expect(missing.statusCode).toBe(404);
    const found = lines().filter((l) => l.reqId === missing.headers['x-request-id']);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 40, method: 'GET', route: '/no-such-file.js', status: 404 });
    expect(raw.join('\n')).not.toContain(RESIDENT_ID);
  });

  it('attack: a failed sign-in and a refused request by a signed-in user log the actor id, never the password or the session cookie', async () => {
    const p = await boot({});
    const bootstrap = (await bootstrapIfEmpty(p, bootstrapOptionsFrom({}))) ?? [];
    const account = bootstrap.find((a) => a.role === 'operator');
    if (!account) throw new Error('no bootstrap operator');
    const wrongPassword = 'Wr0ng!Secret#Passw0rd';
    const failed = await p.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: account.username, password: wrongPassword },
    });
    expect(failed.statusCode).toBe(401);
    expect(requestLines(failed.headers['x-request-id'] as string)).toMatchObject([
      { route: '/api/v1/auth/login', status: 401 },
    ]);

    const client = new TestClient(p);
    await client.signIn(account.username, account.password);
    const me = await client.request('GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    const refused = await client.request('GET', '/api/v1/audit/entries?limit=1');
    expect(refused.status).toBe(403);
    const [line] = requestLines(refused.headers['x-request-id'] as string);
    expect(line).toMatchObject({ status: 403, route: '/api/v1/audit/entries', actor: me.body.me.id });
    const text = raw.join('\n');
    expect(text).not.toContain(wrongPassword);
    expect(text).not.toContain(account.password);
    expect(text).not.toContain(client.cookie.split('=')[1]);
  });

  it('errors: a slow request is logged even when it succeeds', async () => {
    const p = await boot({ GOVSHARE_REQUEST_LOG_SLOW_MS: '0' });
    const ok = await p.http.inject({ method: 'GET', url: '/api/health' });
    expect(ok.statusCode).toBe(200);
    expect(requestLines(ok.headers['x-request-id'] as string)).toMatchObject([
      { level: 40, route: '/api/health', status: 200 },
    ]);
  });

  it('off: not even a 404 is logged; an unknown setting is refused at start', async () => {
    const p = await boot({ GOVSHARE_REQUEST_LOG: 'off' });
    const missing = await p.http.inject({ method: 'GET', url: '/no-such-file.js' });
    expect(missing.statusCode).toBe(404);
    expect(requestLines(missing.headers['x-request-id'] as string)).toEqual([]);
    expect(() => loadConfig({ GOVSHARE_REQUEST_LOG: 'verbose' })).toThrow(/GOVSHARE_REQUEST_LOG/);
    expect(() => loadConfig({ GOVSHARE_LOG_LEVEL: 'loud' })).toThrow(/GOVSHARE_LOG_LEVEL/);
  });
});
