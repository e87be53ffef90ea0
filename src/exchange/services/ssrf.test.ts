import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { type GuardedServiceWorld, SERVICES, SPEC, startGuardedServiceWorld } from './test-support/index.js';

describe.each(DIALECTS)(
  'issue 12 a registered service cannot point the gateway inward (SSRF) on %s',
  (dialect) => {
    let w: GuardedServiceWorld;
    const register = (url: string) =>
      w.police.request('POST', SERVICES, { entryId: w.entryId, methods: ['GET'], spec: SPEC, url });
    const callPersons = () => w.call(w.hrss, 'GET', '/persons/1');

    beforeAll(async () => {
      w = await startGuardedServiceWorld(dialect);
    });
    afterAll(() => w.close());

    it('attack: registering loopback, metadata, private, IPv4-mapped or localhost addresses is refused', async () => {
      for (const url of [
        `http://127.0.0.1:${w.port}/api`,
        'http://[::1]/',
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.1/',
        'http://192.168.1.1/',
        'http://[::ffff:127.0.0.1]/',
        'http://[fd00::1]/',
        'http://0.0.0.0/',
        // The URL parser reads 2130706433 as 127.0.0.1.
        'http://2130706433/',
        `http://localhost:${w.port}/api`,
      ]) {
        const res = await register(url);
        expect(res.status, url).toBe(422);
        expect(res.body.error, url).toMatchObject({
          code: 'EXCHANGE_SERVICE_URL_INVALID',
          field: '/body/url',
        });
      }
      expect(
        await w.platform.storage.db
          .selectFrom('exchange_service')
          .select('id')
          .where('entry_id', '=', w.entryId)
          .execute(),
      ).toEqual([]);
    });

    it('attack: a service moved to a loopback address by a change is refused; in an allowed network it is accepted', async () => {
      // A name that does not resolve yet is accepted: the call checks again.
      const registered = await register('https://rk.gov.example/api');
      expect(registered.status).toBe(201);
      const id = registered.body.id as string;
      const moved = await w.police.request('PATCH', `${SERVICES}/${id}`, {
        url: `http://localhost:${w.port}/api`,
      });
      expect(moved.status).toBe(422);
      expect(moved.body.error.code).toBe('EXCHANGE_SERVICE_URL_INVALID');

      w.allow(['127.0.0.0/8']);
      const allowed = await w.police.request('PATCH', `${SERVICES}/${id}`, {
        url: `http://localhost:${w.port}/api`,
      });
      expect(allowed.status).toBe(200);
      const call = await callPersons();
      expect(call.status).toBe(200);
      expect(w.upstream.received.at(-1)?.url).toBe('/api/persons/1');
    });

    it('attack: at call time the gateway refuses an address no longer allowed (changed list, DNS rebinding), for names and literals', async () => {
      const [row] = await w.platform.storage.db
        .selectFrom('exchange_service')
        .select('id')
        .where('entry_id', '=', w.entryId)
        .execute();
      const id = row?.id as string;
      for (const url of [`http://localhost:${w.port}/api`, `http://127.0.0.1:${w.port}/api`]) {
        w.allow(['127.0.0.0/8']);
        expect((await w.police.request('PATCH', `${SERVICES}/${id}`, { url })).status, url).toBe(200);
        expect((await callPersons()).status, url).toBe(200);
        const calls = w.upstream.received.length;
        // The name now resolves to an address outside the allowed networks.
        w.allow([]);
        const refused = await callPersons();
        expect(refused.status, url).toBe(502);
        expect(refused.body.error.code, url).toBe('EXCHANGE_SERVICE_ADDRESS_REFUSED');
        expect(w.upstream.received.length, 'nothing reached the address').toBe(calls);
      }
    });
  },
);
