import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createUser,
  type OrgClient,
  type OrgWorld,
  signedIn,
  startOrgWorld,
} from '../org/test-support/index.js';
import { loadConfig } from '../platform/config/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';

const TOKEN = 'scrape-0123456789abcdef';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text exposition format strictly: every line a comment or a sample of a typed family. */
function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1] as string, type[2] as string);
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/.test(line)) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) throw new Error(`not exposition format: ${line}`);
    const labels: Record<string, string> = {};
    for (const m of (sample[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[m[1] as string] = m[2] as string;
    const name = sample[1] as string;
    const family = name.replace(/_(bucket|sum|count)$/, '');
    if (!types.has(name) && !types.has(family)) throw new Error(`sample without TYPE: ${name}`);
    samples.push({ name, labels, value: Number(sample[3]) });
  }
  return { types, samples };
}

const sampleValue = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((n, s) => n + s.value, 0);

describe('the scrape token setting', () => {
  it('is optional, and refused when too short to be a secret', () => {
    const token = (env: NodeJS.ProcessEnv) => loadConfig(env).metricsToken;
    expect(token({})).toBeUndefined();
    expect(token({ GOVSHARE_METRICS_TOKEN: '  ' })).toBeUndefined();
    expect(token({ GOVSHARE_METRICS_TOKEN: TOKEN })).toBe(TOKEN);
    expect(() => token({ GOVSHARE_METRICS_TOKEN: 'short' })).toThrow(/16/);
  });
});

describe.each(DIALECTS)('R102 operations metrics in Prometheus format on %s', (dialect) => {
  let w: OrgWorld;
  let operator: OrgClient;
  let deptUser: OrgClient;

  const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
    w.platform.http.inject({ method: 'GET', url: '/api/metrics', headers });

  beforeAll(async () => {
    w = await startOrgWorld(dialect, { config: { metricsToken: TOKEN } });
    await createUser(w.platform, 'm_operator', w.cityDepartmentId, ['operator']);
    await createUser(w.platform, 'm_user', w.cityDepartmentId, ['dept_user']);
    operator = await signedIn(w.platform, 'm_operator');
    deptUser = await signedIn(w.platform, 'm_user');
  }, 120_000);
  afterAll(() => w?.t.close());

  it('is never anonymous: no credentials, a wrong token or a department user are refused', async () => {
    expect((await scrape({})).statusCode).toBe(401);
    expect((await scrape({ authorization: 'Bearer wrong-token-0123456789' })).statusCode).toBe(401);
    expect((await deptUser.request('GET', '/api/metrics')).status).toBe(403);
    expect((await operator.request('GET', '/api/metrics')).status).toBe(200);
    expect((await w.auditadmin.request('GET', '/api/metrics')).status).toBe(200);
  });

  it('answers in the exposition format with HTTP, audit and process metrics', async () => {
    const res = await scrape();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const { types } = parseExposition(res.body);
    expect(types.get('govshare_http_requests_total')).toBe('counter');
    expect(types.get('govshare_http_errors_total')).toBe('counter');
    expect(types.get('govshare_http_request_duration_seconds')).toBe('histogram');
    expect(types.get('govshare_audit_queue_depth')).toBe('gauge');
    expect(types.get('govshare_audit_last_checkpoint_age_seconds')).toBe('gauge');
    expect(types.get('govshare_process_cpu_seconds_total')).toBe('counter');
  });

  it('counts requests, errors and durations as they happen', async () => {
    const before = parseExposition((await scrape()).body).samples;
    const route = { method: 'GET', route: '/api/v1/users' };
    await operator.request('GET', '/api/v1/users');
    await operator.request('GET', '/api/v1/users');
    await deptUser.request('POST', '/api/v1/departments', {});
    const after = parseExposition((await scrape()).body).samples;
    const delta = (name: string, labels: Record<string, string>) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta('govshare_http_requests_total', { ...route, status: '200' })).toBe(2);
    expect(delta('govshare_http_request_duration_seconds_count', route)).toBe(2);
    expect(delta('govshare_http_errors_total', { route: '/api/v1/departments' })).toBe(1);
    expect(
      sampleValue(after, 'govshare_http_requests_total', { route: '/api/metrics', status: '401' }),
    ).toBeGreaterThan(0);
  });

  it('reports the audit queue depth and the age of the last checkpoint', async () => {
    await w.platform.services.audit.checkpointNow();
    const { samples } = parseExposition((await scrape()).body);
    expect(sampleValue(samples, 'govshare_audit_queue_depth')).toBe(0);
    const age = sampleValue(samples, 'govshare_audit_last_checkpoint_age_seconds');
    expect(Number.isFinite(age)).toBe(true);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(3600);
  });
});
