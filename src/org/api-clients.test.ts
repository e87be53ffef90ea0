import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import {
  createDepartment,
  createUser,
  OrgClient,
  type OrgWorld,
  signedIn,
  startOrgWorld,
  USCCS,
} from './test-support/index.js';

/** The token endpoint's limit per address, as configured on the route in routes/auth.ts. */
const TOKEN_RATE_LIMIT = 60;

describe.each(DIALECTS)('R90 API clients of department systems on %s', (dialect) => {
  const clock = new ManualClock(new Date());
  let w: OrgWorld;
  let ownDepartment: string;
  let otherDepartment: string;
  let admin: OrgClient;

  const fresh = () => new OrgClient(w.platform);
  const token = (clientId: string, secret: string, client = fresh()) =>
    client.request('POST', '/api/v1/auth/token', {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
    });
  const asBearer = (accessToken: string, method: string, url: string, body?: unknown) =>
    fresh().request(method, url, body, { authorization: `Bearer ${accessToken}` });
  const newClient = async (name: string) => {
    const res = await admin.request('POST', '/api/v1/api-clients', { name, departmentId: ownDepartment });
    expect(res.status).toBe(201);
    return {
      id: res.body.client.id as string,
      clientId: res.body.client.clientId as string,
      secret: res.body.clientSecret as string,
    };
  };

  beforeAll(async () => {
    w = await startOrgWorld(dialect, { clock });
    ownDepartment = await createDepartment(w.platform, '示范市公安局', USCCS[0], w.city.id);
    otherDepartment = await createDepartment(w.platform, '示范市民政局', USCCS[1], w.city.id);
    await createUser(w.platform, 'ra_police', ownDepartment, ['resource_admin']);
    admin = await signedIn(w.platform, 'ra_police');
  });
  afterAll(() => w.t.close());

  it('R90 a resource administrator creates a client for its own department only; the secret is shown once', async () => {
    const created = await admin.request('POST', '/api/v1/api-clients', {
      name: '户籍系统',
      departmentId: ownDepartment,
    });
    expect(created.status).toBe(201);
    expect(created.body.client).toMatchObject({
      name: '户籍系统',
      departmentId: ownDepartment,
      status: 'active',
    });
    expect(created.body.client.clientId).toMatch(/^gs_/);
    expect(created.body.clientSecret.length).toBeGreaterThanOrEqual(32);
    const elsewhere = await admin.request('POST', '/api/v1/api-clients', {
      name: '低保系统',
      departmentId: otherDepartment,
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('FORBIDDEN');
    const listed = await admin.request('GET', '/api/v1/api-clients');
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(created.body.client.id);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.clientSecret);
    const row = await w.platform.storage.db
      .selectFrom('api_client')
      .select('secret_hash')
      .where('id', '=', created.body.client.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).toMatch(/^\$argon2id\$/);
  });

  it('R90 client credentials buy an EdDSA-signed bearer token that lives config.apiToken.ttlSeconds', async () => {
    const c = await newClient('不动产系统');
    const res = await token(c.clientId, c.secret);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: w.platform.config.apiToken.ttlSeconds,
    });
    expect(decodeProtectedHeader(res.body.access_token).alg).toBe('EdDSA');
    const claims = decodeJwt(res.body.access_token);
    expect((claims.exp as number) - (claims.iat as number)).toBe(w.platform.config.apiToken.ttlSeconds);
    expect(claims.sub).toBe(c.id);
  });

  it('R91 the token acts as a department user of the client’s department', async () => {
    const c = await newClient('社保系统');
    const { access_token } = (await token(c.clientId, c.secret)).body;
    expect((await asBearer(access_token, 'GET', '/api/v1/departments')).status).toBe(200);
    const users = await asBearer(access_token, 'GET', '/api/v1/users');
    expect(users.body).toMatchObject({ items: [], total: 0 });
    const create = await asBearer(access_token, 'POST', '/api/v1/users', {
      username: 'by_client',
      displayName: 'x',
      departmentId: ownDepartment,
    });
    expect(create.status).toBe(403);
    expect((await asBearer(access_token, 'GET', '/api/v1/api-clients')).body.items).toEqual([]);
  });

  it('R90 a wrong secret or an unknown client id is refused with AUTH_CLIENT_INVALID and audited', async () => {
    const c = await newClient('公积金系统');
    for (const [clientId, secret] of [
      [c.clientId, `${c.secret}x`],
      ['gs_unknown', c.secret],
    ] as const) {
      const res = await token(clientId, secret);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH_CLIENT_INVALID');
    }
    const failures = await w.platform.storage.db
      .selectFrom('audit_entry')
      .select('target_id')
      .where('action', '=', 'auth.token')
      .where('outcome', '=', 'failure')
      .execute();
    expect(failures.map((f) => f.target_id)).toEqual(expect.arrayContaining([c.id, 'gs_unknown']));
  });

  it('R90 rotating the secret stops the old one at once; the new one works', async () => {
    const c = await newClient('交通系统');
    const rotated = await admin.request('POST', `/api/v1/api-clients/${c.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.client.rotatedAt).not.toBeNull();
    expect((await token(c.clientId, c.secret)).body.error.code).toBe('AUTH_CLIENT_INVALID');
    expect((await token(c.clientId, rotated.body.clientSecret)).status).toBe(200);
  });

  it('R90 revoking a client ends its live tokens at once and refuses new ones', async () => {
    const c = await newClient('医保系统');
    const { access_token } = (await token(c.clientId, c.secret)).body;
    expect((await asBearer(access_token, 'GET', '/api/v1/departments')).status).toBe(200);
    const revoked = await admin.request('POST', `/api/v1/api-clients/${c.id}/revoke`);
    expect(revoked.body.client.status).toBe('revoked');
    const refused = await asBearer(access_token, 'GET', '/api/v1/departments');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('AUTH_TOKEN_INVALID');
    expect((await token(c.clientId, c.secret)).body.error.code).toBe('AUTH_CLIENT_INVALID');
    expect((await admin.request('POST', `/api/v1/api-clients/${c.id}/rotate`)).body.error.code).toBe(
      'ORG_API_CLIENT_REVOKED',
    );
  });

  it('R90 an expired token is refused', async () => {
    const c = await newClient('税务系统');
    const { access_token } = (await token(c.clientId, c.secret)).body;
    const ttl = w.platform.config.apiToken.ttlSeconds;
    clock.advance((ttl - 5) * 1000);
    expect((await asBearer(access_token, 'GET', '/api/v1/departments')).status).toBe(200);
    clock.advance(10_000);
    const expired = await asBearer(access_token, 'GET', '/api/v1/departments');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('AUTH_TOKEN_INVALID');
  });

  it('R90 a token signed with another key, tampered with, or unsigned is refused', async () => {
    const c = await newClient('市场监管系统');
    const genuine = (await token(c.clientId, c.secret)).body.access_token as string;
    const claims = decodeJwt(genuine);
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt' })
      .sign(privateKey);
    const [header, payload, signature] = genuine.split('.') as [string, string, string];
    const otherPayload = Buffer.from(JSON.stringify({ ...claims, dept: otherDepartment })).toString(
      'base64url',
    );
    const tampered = `${header}.${otherPayload}.${signature}`;
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    for (const bad of [forged, tampered, none, 'not-a-jwt']) {
      const res = await asBearer(bad, 'GET', '/api/v1/departments');
      expect(res.status, bad.slice(0, 20)).toBe(401);
      expect(res.body.error.code).toBe('AUTH_TOKEN_INVALID');
    }
    expect((await asBearer(genuine, 'GET', '/api/v1/departments')).status).toBe(200);
  });

  // Runs last: it spends the token endpoint's budget for one address.
  it('R90 the token endpoint is rate limited per address (RATE_LIMITED after the limit)', async () => {
    const c = await newClient('限流测试系统');
    const caller = fresh();
    for (let i = 0; i < TOKEN_RATE_LIMIT; i++) {
      expect((await token(c.clientId, 'wrong-secret', caller)).status).toBe(401);
    }
    const limited = await token(c.clientId, c.secret, caller);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect((await token(c.clientId, c.secret)).status).toBe(200);
  });
});
