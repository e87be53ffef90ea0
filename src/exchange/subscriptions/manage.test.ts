import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesOf } from '../../platform/db/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  sampleRecords,
  startExchangeWorld,
} from '../test-support/index.js';
import { FeedPseudonyms } from './pseudonyms.js';
import type { SubscriptionTables } from './schema.js';
import { ChangeSignal } from './signal.js';
import { startWebhookReceiver, type WebhookReceiver } from './test-support/webhook.js';
import { PushWorker } from './worker.js';

const SUBS = `${EXCHANGE_API}/subscriptions`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DIALECTS)('subscription management on %s', (dialect) => {
  let x: ExchangeWorld;
  let receiver: WebhookReceiver;
  const create = (body: Record<string, unknown>, client = x.w.hrss) =>
    client.request('POST', SUBS, { entryId: x.entryId, purpose: 'data_verification', ...body });

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { records: 3 });
    await x.grant(['公民身份号码', '参保状态'], ['subscription']);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await x?.close();
    await receiver?.close();
  });

  it('needs a grant of method subscription for the purpose, and a hosted resource', async () => {
    const county = await create({ mode: 'pull' }, x.w.countyAdmin);
    expect(county.status).toBe(403);
    expect(county.body.error.code).toBe('GRANT_MISSING');
    const purpose = await create({ mode: 'pull', purpose: 'work_reference' });
    expect(purpose.status).toBe(403);
    expect(purpose.body.error.code).toMatch(/^GRANT_/);
    const unhosted = await create({ mode: 'pull', entryId: 'no-such-entry' });
    expect(unhosted.status).toBe(404);
    expect(unhosted.body.error.code).toBe('EXCHANGE_NOT_HOSTED');
  });

  it('checks the push URL and the start sequence', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ mode: 'push' }, 'EXCHANGE_SUBSCRIPTION_URL_INVALID'],
      [{ mode: 'push', url: 'ftp://example.cn/x' }, 'EXCHANGE_SUBSCRIPTION_URL_INVALID'],
      [{ mode: 'push', url: 'http://user:pw@example.cn/x' }, 'EXCHANGE_SUBSCRIPTION_URL_INVALID'],
      [{ mode: 'pull', url: receiver.url }, 'EXCHANGE_SUBSCRIPTION_URL_INVALID'],
      [{ mode: 'pull', fromSeq: 99 }, 'EXCHANGE_SUBSCRIPTION_FROM_SEQ_INVALID'],
    ];
    for (const [body, code] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe(code);
    }
    const bad = await create({ mode: 'sideways' });
    expect(bad.status).toBe(400);
  });

  it('shows a push secret once, seals it at rest, and lists only the department’s subscriptions', async () => {
    const res = await create({ mode: 'push', url: receiver.url, algorithm: 'hmac-sha256' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { subscription, secret } = res.body;
    expect(subscription).toMatchObject({
      entryId: x.entryId,
      mode: 'push',
      algorithm: 'hmac-sha256',
      status: 'active',
      ackedSeq: 3,
      lastSeq: 3,
      lag: 0,
      createdBy: { kind: 'user', name: 'hrss.admin' },
    });
    const stored = await tablesOf<SubscriptionTables>(x.platform.storage.db)
      .selectFrom('exchange_subscription')
      .select('secret')
      .where('id', '=', subscription.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret).not.toContain(secret);
    const got = await x.w.hrss.request('GET', `${SUBS}/${subscription.id}`);
    expect(JSON.stringify(got.body)).not.toContain(secret);
    const pull = await create({ mode: 'pull' }, x.w.hrssUser);
    expect(pull.status).toBe(201);
    expect(pull.body.secret).toBeNull();
    const list = await x.w.hrss.request('GET', SUBS);
    expect(list.body.items.map((s: { id: string }) => s.id).sort()).toEqual(
      [subscription.id, pull.body.subscription.id].sort(),
    );
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const pulls = await x.w.hrss.request('GET', `${SUBS}?status=active&entryId=${x.entryId}`);
    expect(pulls.body.items).toHaveLength(2);
    // Other departments see none of them, nor can they touch one.
    for (const other of [x.w.countyAdmin, x.w.police]) {
      expect((await other.request('GET', SUBS)).body.items).toEqual([]);
      for (const [method, path] of [
        ['GET', ''],
        ['GET', '/dead-letters'],
        ['GET', '/attempts'],
        ['POST', '/retry'],
        ['DELETE', ''],
      ] as const) {
        const refused = await other.request(method, `${SUBS}/${subscription.id}${path}`);
        expect(refused.status, `${method} ${path}`).toBe(404);
        expect(refused.body.error.code).toBe('EXCHANGE_SUBSCRIPTION_NOT_FOUND');
      }
    }
    const active = await x.w.hrss.request('POST', `${SUBS}/${subscription.id}/retry`);
    expect(active.status).toBe(409);
    const removed = await x.w.hrss.request('DELETE', `${SUBS}/${subscription.id}`);
    expect(removed.status).toBe(204);
    expect((await x.w.hrss.request('GET', `${SUBS}/${subscription.id}`)).status).toBe(404);
    const audit = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'detail'])
      .where('target_id', '=', subscription.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'exchange.subscription.create',
      'exchange.subscription.delete',
    ]);
    expect(audit.map((a) => a.detail).join()).not.toContain(secret);
  });

  it('never lets two nodes push one subscription at once: in order, once each', async () => {
    receiver.delayMs = 25;
    const subs = x.platform.services.exchange.subscriptions;
    const pseudonyms = new FeedPseudonyms(subs.deps);
    // Three "nodes" on one database: the platform's worker and two more with their own signals.
    const nodes = [0, 1].map(
      () => new PushWorker({ ...subs.deps, signal: new ChangeSignal(), pseudonyms }, { concurrency: 4 }),
    );
    await subs.close();
    subs.start({ pollMs: 20 });
    for (const node of nodes) node.start({ pollMs: 20 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await create({ mode: 'push', url: receiver.url, fromSeq: 0 });
      expect(res.status).toBe(201);
      ids.push(res.body.subscription.id);
    }
    for (let i = 0; i < 4; i++) await x.write(sampleRecords(120, 10_000 + i * 120));
    const lastSeq = (await x.hosted()).lastSeq;
    const end = Date.now() + 60_000;
    const done = async () => {
      const list = await x.w.hrss.request('GET', SUBS);
      return ids.every(
        (id) => list.body.items.find((s: { id: string }) => s.id === id)?.ackedSeq === lastSeq,
      );
    };
    while (!(await done())) {
      if (Date.now() > end) throw new Error('pushes did not finish');
      await sleep(50);
    }
    await Promise.all(nodes.map((n) => n.close()));
    for (const id of ids) {
      expect(receiver.maxConcurrent.get(id)).toBe(1);
      const seqs = receiver
        .acknowledged()
        .filter((p) => p.body.subscriptionId === id)
        .flatMap((p) => p.body.changes.map((c) => c.seq));
      expect(seqs).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    }
  });
});
