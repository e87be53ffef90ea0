import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../app/database.js';
import { createPlatform, type Platform } from '../app/index.js';
import { openStorage, type Storage } from '../platform/db/index.js';
import { DIALECTS, TEST_PG_URL, type TestStorage } from '../platform/db/test-support/index.js';
import {
  createUser,
  OrgClient,
  type OrgWorld,
  PASSWORD,
  signedInUser,
  startOrgWorld,
} from './test-support/index.js';

/**
 * Issue 12: rotating or revoking an API client refuses the tokens issued before it at once on
 * every node. Two whole platforms share one database (one PostgreSQL schema, or one SQLite file)
 * and the master key; a token issued by one is used on the other, with no clock moved in between.
 */
describe.each(DIALECTS)(
  'issue 12: an old API client token or a spent TOTP code is refused at once on every node, on %s',
  (dialect) => {
    let w: OrgWorld;
    let secondStorage: Storage<Database>;
    let second: Platform;
    let admin: OrgClient;
    /** The same resource administrator, signed in on the second node. */
    let adminOnSecond: OrgClient;

    const token = async (platform: Platform, clientId: string, secret: string) => {
      const res = await new OrgClient(platform).request('POST', '/api/v1/auth/token', {
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: secret,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.access_token as string;
    };
    const bearerStatus = async (platform: Platform, accessToken: string) =>
      (
        await new OrgClient(platform).request('GET', '/api/v1/api-clients', undefined, {
          authorization: `Bearer ${accessToken}`,
        })
      ).status;
    const newClient = async (name: string) => {
      const res = await admin.request('POST', '/api/v1/api-clients', {
        name,
        departmentId: w.cityDepartmentId,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return {
        id: res.body.client.id as string,
        clientId: res.body.client.clientId as string,
        secret: res.body.clientSecret as string,
      };
    };

    beforeAll(async () => {
      w = await startOrgWorld(dialect);
      const first = w.platform.storage as unknown as TestStorage<Database>;
      secondStorage =
        dialect === 'postgres'
          ? await openStorage<Database>({ databaseUrl: TEST_PG_URL, pgSchema: first.pgSchema as string })
          : await openStorage<Database>({ sqlitePath: first.sqlitePath as string });
      second = await createPlatform(w.platform.config, { storage: secondStorage });
      admin = await signedInUser(w.platform, 'ra_nodes', w.cityDepartmentId, ['resource_admin']);
      adminOnSecond = new OrgClient(second);
      await adminOnSecond.signIn('ra_nodes', PASSWORD);
    });
    afterAll(async () => {
      await second?.close();
      await secondStorage?.close();
      await w?.t.close();
    });

    it('a rotation on one node refuses the old token on the other at once; the new secret works on both', async () => {
      const c = await newClient('两节点核验系统');
      const old = await token(w.platform, c.clientId, c.secret);
      // Both nodes have accepted the old token (and may remember its signature).
      expect(await bearerStatus(w.platform, old)).toBe(200);
      expect(await bearerStatus(second, old)).toBe(200);

      const rotated = await admin.request('POST', `/api/v1/api-clients/${c.id}/rotate`);
      expect(rotated.status).toBe(200);
      expect(await bearerStatus(second, old)).toBe(401);
      expect(await bearerStatus(w.platform, old)).toBe(401);
      const fresh = await token(second, c.clientId, rotated.body.clientSecret);
      expect(await bearerStatus(w.platform, fresh)).toBe(200);
      expect(await bearerStatus(second, fresh)).toBe(200);

      // And the other way round: rotated on the second node, refused on the first at once.
      const again = await adminOnSecond.request('POST', `/api/v1/api-clients/${c.id}/rotate`);
      expect(again.status).toBe(200);
      expect(await bearerStatus(w.platform, fresh)).toBe(401);
      expect(await bearerStatus(second, fresh)).toBe(401);
    });

    it('a revocation on one node refuses the client’s tokens on the other at once', async () => {
      const c = await newClient('两节点撤销系统');
      const issued = await token(second, c.clientId, c.secret);
      expect(await bearerStatus(w.platform, issued)).toBe(200);
      expect(await bearerStatus(second, issued)).toBe(200);
      expect((await w.sysadmin.request('POST', `/api/v1/api-clients/${c.id}/revoke`)).status).toBe(200);
      expect(await bearerStatus(second, issued)).toBe(401);
      expect(await bearerStatus(w.platform, issued)).toBe(401);
    });

    it('a TOTP code taken on one node is refused on the other (the replay store is the database)', async () => {
      await createUser(w.platform, 'nodes_op', w.cityDepartmentId, ['operator']);
      const { totpSecret } = await new OrgClient(w.platform).signIn('nodes_op', PASSWORD);
      // The next step's code: the enrolment spent the current one.
      const code = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(totpSecret as string);
      const atTotp = async (platform: Platform) => {
        const client = new OrgClient(platform);
        const login = await client.request('POST', '/api/v1/auth/login', {
          username: 'nodes_op',
          password: PASSWORD,
        });
        expect(login.body.stage).toBe('totp_verify');
        return client;
      };
      const onFirst = await atTotp(w.platform);
      const onSecond = await atTotp(second);
      expect((await onFirst.request('POST', '/api/v1/auth/totp/verify', { code })).body.stage).toBe('done');
      const replayed = await onSecond.request('POST', '/api/v1/auth/totp/verify', { code });
      expect(replayed.status).toBe(401);
      expect(replayed.body.error.code).toBe('AUTH_TOTP_INVALID');
      expect((await onSecond.request('GET', '/api/v1/auth/me')).body.stage).toBe('totp_verify');
    });
  },
);
