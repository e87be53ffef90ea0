import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMasterKey } from '../app/master-key.js';
import { ManualClock } from '../platform/clock/index.js';
import { SecretBox } from '../platform/crypto/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { ApiClientService } from './api-clients.js';
import {
  createDepartment,
  createUser,
  OrgClient,
  type OrgWorld,
  signedIn,
  startOrgWorld,
  USCCS,
} from './test-support/index.js';

/**
 * Issue 12: a department's API clients are issued by its own resource administrators. Platform
 * staff may list them (no secrets) and revoke one in an emergency, never mint or rotate one — a
 * secret in the operator's hands would read the department's granted data. A rotation or a
 * revocation refuses the tokens issued before it, on every node.
 */
describe.each(DIALECTS)('issue 12: who holds an API client secret, on %s', (dialect) => {
  const clock = new ManualClock(new Date('2026-11-02T02:00:00Z'));
  let w: OrgWorld;
  let police: string;
  let admin: OrgClient;

  const create = (as: OrgClient, name: string, departmentId = police) =>
    as.request('POST', '/api/v1/api-clients', { name, departmentId });
  const token = async (clientId: string, secret: string) => {
    const res = await new OrgClient(w.platform).request('POST', '/api/v1/auth/token', {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
    });
    return res;
  };
  /** What a bearer of `accessToken` gets from a call that any department system may make. */
  const bearerStatus = async (accessToken: string) =>
    (
      await new OrgClient(w.platform).request('GET', '/api/v1/api-clients', undefined, {
        authorization: `Bearer ${accessToken}`,
      })
    ).status;
  const newClient = async (name: string) => {
    const res = await create(admin, name);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const issued = await token(res.body.client.clientId, res.body.clientSecret);
    expect(issued.status).toBe(200);
    return {
      id: res.body.client.id as string,
      clientId: res.body.client.clientId as string,
      accessToken: issued.body.access_token as string,
    };
  };
  /** A second platform node: its own token cache, the same database and signing key. */
  const secondNode = () =>
    new ApiClientService(
      w.platform.storage.db as unknown as ConstructorParameters<typeof ApiClientService>[0],
      w.platform.services.audit,
      clock,
      w.platform.services.settings,
      new SecretBox(loadMasterKey(w.platform.config.dataDir), w.platform.config.cryptoSuite),
      { issuer: w.platform.config.publicUrl, ttlSeconds: w.platform.config.apiToken.ttlSeconds },
    );
  const audited = (action: string, targetId: string) =>
    w.platform.storage.db
      .selectFrom('audit_entry')
      .select(['actor_id', 'outcome'])
      .where('action', '=', action)
      .where('target_id', '=', targetId)
      .execute();

  beforeAll(async () => {
    w = await startOrgWorld(dialect, { clock });
    police = await createDepartment(w.platform, '示范市公安局', USCCS[0], w.city.id);
    await createUser(w.platform, 'ra_police', police, ['resource_admin']);
    admin = await signedIn(w.platform, 'ra_police');
  });
  afterAll(() => w.t.close());

  it('operator-mints-a-client attack: the operator cannot create a client for a department, nor rotate one to learn its secret', async () => {
    const minted = await create(w.sysadmin, '运维代建系统');
    expect(minted.status).toBe(403);
    expect(minted.body.error.code).toBe('FORBIDDEN');
    expect(minted.body).not.toHaveProperty('clientSecret');
    const own = await create(w.sysadmin, '平台自用系统', w.cityDepartmentId);
    expect(own.status).toBe(403);
    const c = await newClient('户籍系统');
    const rotated = await w.sysadmin.request('POST', `/api/v1/api-clients/${c.id}/rotate`);
    expect(rotated.status).toBe(403);
    expect(rotated.body).not.toHaveProperty('clientSecret');
    // The client's token still works: the refused rotation changed nothing.
    expect(await bearerStatus(c.accessToken)).toBe(200);
    const made = await w.platform.storage.db
      .selectFrom('api_client')
      .select('id')
      .where('name', 'in', ['运维代建系统', '平台自用系统'])
      .execute();
    expect(made).toEqual([]);
  });

  it('security-admin-mints-a-client attack: the security administrator cannot create or rotate a client either', async () => {
    expect((await create(w.secadmin, '安全代建系统')).status).toBe(403);
    const c = await newClient('出入境系统');
    expect((await w.secadmin.request('POST', `/api/v1/api-clients/${c.id}/rotate`)).status).toBe(403);
  });

  it('the operator lists clients without secrets and revokes one in an emergency, audited; its tokens stop at once', async () => {
    const c = await newClient('交管系统');
    const listed = await w.sysadmin.request('GET', `/api/v1/api-clients?departmentId=${police}`);
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((x: { id: string }) => x.id === c.id);
    expect(item).toMatchObject({ status: 'active', departmentId: police });
    expect(Object.keys(item)).not.toContain('clientSecret');
    expect(JSON.stringify(listed.body)).not.toMatch(/secret_hash|\$argon2/);
    const revoked = await w.sysadmin.request('POST', `/api/v1/api-clients/${c.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.client.status).toBe('revoked');
    expect(await audited('apiClient.revoke', c.id)).toHaveLength(1);
    expect(await bearerStatus(c.accessToken)).toBe(401);
  });

  it('stale-token attack: a token issued before a rotation is refused at once, on this node and on a second node', async () => {
    const c = await newClient('社保核验系统');
    const other = secondNode();
    // Both nodes have checked the token, so both remember its verified signature.
    expect(await bearerStatus(c.accessToken)).toBe(200);
    expect((await other.actorForToken(c.accessToken)).id).toBe(c.id);

    const rotated = await admin.request('POST', `/api/v1/api-clients/${c.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(await audited('apiClient.rotate', c.id)).toHaveLength(1);
    // The old token is refused at once, on the rotating node and on the other, with no clock moved.
    expect(await bearerStatus(c.accessToken)).toBe(401);
    await expect(other.actorForToken(c.accessToken)).rejects.toMatchObject({ code: 'AUTH_TOKEN_INVALID' });
    // A token issued under the new secret works on both nodes.
    const fresh = await token(c.clientId, rotated.body.clientSecret);
    expect(fresh.status).toBe(200);
    expect(await bearerStatus(fresh.body.access_token)).toBe(200);
    expect((await other.actorForToken(fresh.body.access_token)).id).toBe(c.id);
  });

  it('revoked-client attack: a revoked client’s token is refused on a second node too', async () => {
    const c = await newClient('医保结算系统');
    const other = secondNode();
    expect((await other.actorForToken(c.accessToken)).id).toBe(c.id);
    expect((await admin.request('POST', `/api/v1/api-clients/${c.id}/revoke`)).status).toBe(200);
    await expect(other.actorForToken(c.accessToken)).rejects.toMatchObject({ code: 'AUTH_TOKEN_INVALID' });
  });
});
