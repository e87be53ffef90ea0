import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { type GuardedServiceWorld, SERVICES, SPEC, startGuardedServiceWorld } from './test-support/index.js';

/** The DNS answers of the attacker's name, changed by the test; other names resolve as usual. */
const zone = vi.hoisted(() => ({ name: 'rebind.gov.example', answers: [] as string[] }));

vi.mock('node:dns', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns')>();
  const lookup = (hostname: string, options: unknown, callback: unknown) => {
    const [opts, done] = (typeof options === 'function' ? [{}, options] : [options, callback]) as [
      { all?: boolean },
      (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
    ];
    if (hostname !== zone.name) return (real.lookup as (...args: unknown[]) => void)(hostname, opts, done);
    const found = zone.answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    queueMicrotask(() => {
      if (found.length === 0) return done(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), []);
      if (opts.all) return done(null, found);
      done(null, found[0]?.address as string, found[0]?.family);
    });
  };
  return { ...real, default: { ...real, lookup }, lookup };
});

/**
 * Issue 12, SSRF through DNS: a provider's name resolves to a public address when the service is
 * registered and to the platform's own loopback when the gateway calls it (DNS rebinding). The
 * registration check and the call-time check each ask DNS themselves; the call connects only to
 * an address the guard let through.
 */
describe.each(DIALECTS)(
  'issue 12: a service whose DNS answer changes cannot reach inside, on %s',
  (dialect) => {
    let w: GuardedServiceWorld;
    const register = () =>
      w.police.request('POST', SERVICES, {
        entryId: w.entryId,
        methods: ['GET'],
        spec: SPEC,
        url: `http://${zone.name}:${w.port}/api`,
      });

    beforeAll(async () => {
      w = await startGuardedServiceWorld(dialect);
    });
    afterAll(() => w.close());

    it('registration resolves the name: a loopback answer, or a mixed one, is refused', async () => {
      for (const answers of [['127.0.0.1'], ['93.184.216.34', '127.0.0.1'], ['169.254.169.254'], ['::1']]) {
        zone.answers = answers;
        const res = await register();
        expect(res.status, answers.join()).toBe(422);
        expect(res.body.error.code).toBe('EXCHANGE_SERVICE_URL_INVALID');
      }
    });

    it('attack: public at registration, loopback at call time — the call is refused and nothing reaches the address', async () => {
      zone.answers = ['93.184.216.34'];
      expect((await register()).status).toBe(201);
      zone.answers = ['127.0.0.1'];
      const calls = w.upstream.received.length;
      const refused = await w.call(w.hrss, 'GET', '/persons/1');
      expect(refused.status).toBe(502);
      expect(refused.body.error.code).toBe('EXCHANGE_SERVICE_ADDRESS_REFUSED');
      expect(w.upstream.received.length).toBe(calls);
      // The same name and answer reach the upstream once the operator allows that network: the
      // refusal above was the guard's, not a broken route.
      w.allow(['127.0.0.1/32']);
      const allowed = await w.call(w.hrss, 'GET', '/persons/1');
      expect(allowed.status).toBe(200);
      expect(w.upstream.received.length).toBe(calls + 1);
      w.allow([]);
    });
  },
);
