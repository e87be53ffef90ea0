import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  createUser,
  type OrgClient,
  type OrgWorld,
  PASSWORD,
  signedIn,
  startOrgWorld,
} from '../test-support/index.js';

/** What a page on another site can make a browser send with the session cookie (no preflight). */
const CROSS_SITE: Array<[string, Record<string, string>]> = [
  [
    'a cross-site text/plain POST',
    { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
  ],
  [
    'a form POST from a same-site subdomain',
    {
      origin: 'https://portal.evil.gov.example',
      'sec-fetch-site': 'same-site',
      'content-type': 'application/x-www-form-urlencoded',
    },
  ],
  ['an old browser sending only Origin', { origin: 'https://evil.example', 'content-type': 'text/plain' }],
  ['a sandboxed frame (Origin: null)', { origin: 'null', 'content-type': 'text/plain' }],
  ['a browser sending only Sec-Fetch-Site', { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }],
];

/**
 * Issue 12: cookie-authenticated state-changing requests are refused when a browser says another
 * site made them (Origin / Sec-Fetch-Site), for every kind of state change the issue found open:
 * rotating and revoking API clients, compiling a catalog edition, account changes, signing out.
 * Each is refused before its handler runs, so nothing changes.
 */
describe.each(DIALECTS)(
  'issue 12: cross-site requests with the session cookie change nothing, on %s',
  (dialect) => {
    let w: OrgWorld;
    let ra: OrgClient;
    let clientId: string;
    let plainId: string;

    const send = (
      as: OrgClient,
      method: 'POST' | 'PUT' | 'PATCH',
      url: string,
      headers: Record<string, string>,
    ) =>
      w.platform.http.inject({
        method,
        url,
        remoteAddress: as.ip,
        headers: { cookie: as.cookie, ...headers },
        payload:
          headers['content-type'] === 'text/plain' ? '{"roles":["authority"],"status":"disabled"}' : 'a=b',
      });

    beforeAll(async () => {
      w = await startOrgWorld(dialect);
      await createUser(w.platform, 'cs_ra', w.cityDepartmentId, ['resource_admin']);
      ra = await signedIn(w.platform, 'cs_ra');
      const created = await ra.request('POST', '/api/v1/api-clients', {
        name: '跨站核验',
        departmentId: w.cityDepartmentId,
      });
      expect(created.status).toBe(201);
      clientId = created.body.client.id as string;
      plainId = await createUser(w.platform, 'cs_plain', w.cityDepartmentId, ['dept_user']);
    });
    afterAll(() => w.t.close());

    it.each(CROSS_SITE)(
      '%s is refused on every state-changing route, and nothing changes',
      async (_name, headers) => {
        const editions = async () => (await w.sysadmin.request('GET', '/api/v1/catalog/editions')).body;
        const editionsBefore = await editions();
        const userBefore = (await w.sysadmin.request('GET', `/api/v1/users/${plainId}`)).body;
        const clientBefore = (await ra.request('GET', '/api/v1/api-clients')).body;
        for (const [as, method, url] of [
          [ra, 'POST', `/api/v1/api-clients/${clientId}/rotate`],
          [ra, 'POST', `/api/v1/api-clients/${clientId}/revoke`],
          [w.sysadmin, 'POST', `/api/v1/api-clients/${clientId}/revoke`],
          [w.sysadmin, 'POST', '/api/v1/catalog/editions'],
          [w.sysadmin, 'PATCH', `/api/v1/users/${plainId}`],
          [w.secadmin, 'PUT', `/api/v1/users/${plainId}/roles`],
          [w.secadmin, 'POST', `/api/v1/users/${plainId}/reset-password`],
          [ra, 'POST', '/api/v1/auth/password'],
          [ra, 'POST', '/api/v1/auth/logout'],
        ] as const) {
          const res = await send(as, method, url, headers);
          expect(res.statusCode, `${method} ${url}`).toBe(403);
          expect(res.json().error.code, `${method} ${url}`).toBe('AUTH_CROSS_SITE_REFUSED');
        }
        expect(await editions()).toEqual(editionsBefore);
        expect((await w.sysadmin.request('GET', `/api/v1/users/${plainId}`)).body).toEqual(userBefore);
        expect((await ra.request('GET', '/api/v1/api-clients')).body).toEqual(clientBefore);
        // The sessions were not ended either.
        expect((await ra.request('GET', '/api/v1/auth/me')).status).toBe(200);
        // Nor can another site sign a browser in under the attacker's account (login CSRF).
        const login = await w.platform.http.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers,
          payload: JSON.stringify({ username: 'cs_plain', password: PASSWORD }),
        });
        expect(login.statusCode).toBe(403);
        expect(login.headers['set-cookie']).toBeUndefined();
      },
    );

    it('the portal’s own requests still pass: same-origin, and clients that are not browsers', async () => {
      const publicOrigin = new URL(w.platform.config.publicUrl).origin;
      for (const headers of [{ origin: publicOrigin, 'sec-fetch-site': 'same-origin' }, {}] as Record<
        string,
        string
      >[]) {
        const res = await w.platform.http.inject({
          method: 'POST',
          url: `/api/v1/api-clients/${clientId}/rotate`,
          remoteAddress: ra.ip,
          headers: { cookie: ra.cookie, ...headers },
        });
        expect(res.statusCode, JSON.stringify(headers)).toBe(200);
      }
    });
  },
);
