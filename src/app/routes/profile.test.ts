import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpServer } from '../../platform/http/index.js';
import { listProfiles, loadEffectiveProfile } from '../../platform/profiles/index.js';
import { createTestServer } from '../test-support/route-server.js';
import { profileRoutes } from './profile.js';

describe('profile routes (R133)', () => {
  let app: HttpServer;
  beforeAll(async () => {
    app = await createTestServer();
    await app.register(profileRoutes({ profileId: 'guangzhou' }));
  });
  afterAll(() => app.close());

  it('R123: serves the effective profile (local on top of national) to any signed-in user', async () => {
    const res = await app.inject({ url: '/api/v1/profile', headers: { 'x-test-roles': 'dept_user' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(loadEffectiveProfile('guangzhou'));
    expect(res.json().deadlines.supply).toMatchObject({ value: 20, source: 'national' });
    expect(res.json().effective.values.length).toBeGreaterThan(10);
  });

  it('R133: reports an expired profile (Feicheng ended 2020-04-30)', async () => {
    const other = await createTestServer();
    await other.register(
      profileRoutes({ profileId: 'feicheng', clock: { now: () => new Date('2026-12-06T02:00:00Z') } }),
    );
    const res = await other.inject({
      url: '/api/v1/profile/status',
      headers: { 'x-test-roles': 'dept_user' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: 'feicheng',
      today: '2026-12-06',
      expired: true,
      inForce: { until: '2020-04-30' },
      national: { id: 'national', expired: false },
    });
    expect(res.json().overrides).toBeGreaterThan(0);
    const current = await app.inject({
      url: '/api/v1/profile/status',
      headers: { 'x-test-roles': 'auditor' },
    });
    expect(current.json()).toMatchObject({ id: 'guangzhou', expired: false });
    await other.close();
  });

  it('lists every profile with its jurisdiction and in-force dates, marking the current one', async () => {
    const res = await app.inject({ url: '/api/v1/profiles', headers: { 'x-test-roles': 'auditor' } });
    expect(res.statusCode).toBe(200);
    const profiles = res.json().profiles as { id: string; current: boolean; inForce: unknown }[];
    expect(profiles.map((p) => p.id)).toEqual(listProfiles().map((p) => p.id));
    expect(profiles.filter((p) => p.current).map((p) => p.id)).toEqual(['guangzhou']);
    expect(profiles.find((p) => p.id === 'feicheng')?.inForce).toEqual({
      from: '2018-05-01',
      until: '2020-04-30',
    });
  });

  it('appears in the OpenAPI document', async () => {
    const res = await app.inject({ url: '/api/docs/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/profile', '/api/v1/profiles']),
    );
  });

  it('refuses anonymous callers', async () => {
    expect((await app.inject({ url: '/api/v1/profile' })).statusCode).toBe(401);
  });

  it('will not start with an unknown profile id', async () => {
    const other = await createTestServer();
    await expect(other.register(profileRoutes({ profileId: 'atlantis' }))).rejects.toMatchObject({
      code: 'PROFILE_NOT_FOUND',
    });
    await other.close().catch(() => undefined);
  });
});
