import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  sampleRecords,
  startExchangeWorld,
} from '../test-support/index.js';
import type { SubscriptionService } from './service.js';
import {
  type ReceivedPush,
  signatureVerifies,
  startWebhookReceiver,
  type WebhookReceiver,
} from './test-support/webhook.js';

const SUBS = `${EXCHANGE_API}/subscriptions`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DIALECTS)('push subscriptions on %s', (dialect) => {
  let x: ExchangeWorld;
  let subs: SubscriptionService;
  let receiver: WebhookReceiver;
  let hrss: OrgClient;
  let granted: string;

  /** Waits (real time) for the worker, moving the manual clock so that back-offs come due. */
  const until = async (what: string, cond: () => Promise<boolean>, advanceMs = 0, timeoutMs = 20_000) => {
    const end = Date.now() + timeoutMs;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      if (advanceMs) x.clock.advance(advanceMs);
      await sleep(40);
    }
  };
  const viewOf = async (id: string, client: OrgClient = hrss) => {
    const res = await client.request('GET', `${SUBS}/${id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const subscribe = async (body: Record<string, unknown>, client: OrgClient = hrss) => {
    const res = await client.request('POST', SUBS, {
      entryId: x.entryId,
      purpose: 'data_verification',
      mode: 'push',
      url: receiver.url,
      ...body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as {
      subscription: { id: string; algorithm: 'hmac-sm3' | 'hmac-sha256' };
      secret: string;
    };
  };
  const mine = (id: string, pushes: ReceivedPush[] = receiver.received) =>
    pushes.filter((p) => p.body.subscriptionId === id);
  const seqsOf = (pushes: ReceivedPush[]) => pushes.flatMap((p) => p.body.changes.map((c) => c.seq));

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, {
      records: 5,
      exchange: { pushRetryBaseMs: 1000, pushMaxAttempts: 4 },
    });
    hrss = x.w.hrss;
    // 缴费基数 is never granted; 出生日期 (personal) reaches hrss masked, 姓名 in clear.
    granted = await x.grant(
      ['公民身份号码', '姓名', '出生日期', '参保状态'],
      ['subscription', 'online_query'],
      {
        clearItems: ['公民身份号码', '姓名'],
      },
    );
    receiver = await startWebhookReceiver();
    subs = x.platform.services.exchange.subscriptions;
    await subs.close();
    subs.start({ pollMs: 50, pauseRecheckMs: 60_000 });
  });
  afterAll(async () => {
    await x?.close();
    await receiver?.close();
  });

  it('delivers every change in order through three failures, signed, each attempt audited', async () => {
    const client = await x.apiClient(x.w.departments.hrss);
    receiver.respond = (n) => (n <= 3 ? 503 : 200);
    const { subscription, secret } = await subscribe({ fromSeq: 0 }, client);
    expect(secret).toMatch(/^[\w-]{40,}$/);
    expect(subscription.algorithm).toBe('hmac-sm3');
    for (let i = 0; i < 3; i++) await x.write(sampleRecords(80, 1000 + i * 80));
    const lastSeq = (await x.hosted()).lastSeq;
    expect(lastSeq).toBe(245);
    await until(
      'all changes acknowledged',
      async () => (await viewOf(subscription.id, client)).ackedSeq === lastSeq,
      5 * 60_000,
    );
    const pushes = mine(subscription.id);
    expect(pushes.slice(0, 3).map((p) => p.status)).toEqual([503, 503, 503]);
    // The three failures were the same first batch; nothing after it left before it was acknowledged.
    expect(new Set(pushes.slice(0, 4).map((p) => p.body.changes[0]?.seq))).toEqual(new Set([1]));
    const delivered = seqsOf(pushes.filter((p) => p.status === 200));
    expect(delivered).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
    for (const push of pushes) {
      expect(signatureVerifies(push, 'hmac-sm3', secret)).toBe(true);
      expect(push.body.changes.length).toBeLessThanOrEqual(100);
      expect(push.body).toMatchObject({ subscriptionId: subscription.id, entryId: x.entryId });
    }
    expect(signatureVerifies(pushes[0] as ReceivedPush, 'hmac-sm3', 'wrong secret')).toBe(false);
    // One access entry per attempt, before the data left, on behalf of the API client.
    const entries = await x.platform.storage.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'exchange.subscription')
      .where('actor_id', '=', client.id)
      .orderBy('seq')
      .execute();
    expect(entries).toHaveLength(pushes.length);
    for (const [i, entry] of entries.entries()) {
      const push = pushes[i] as ReceivedPush;
      expect(entry).toMatchObject({
        method: 'subscription',
        purpose: 'data_verification',
        grant_id: granted,
        result_count: push.body.changes.length,
      });
      expect(JSON.parse(entry.detail)).toMatchObject({ subscriptionId: subscription.id });
      expect(JSON.parse(String(entry.record_keys))).toHaveLength(
        new Set(push.body.changes.map((c) => c.key)).size,
      );
    }
    const view = await viewOf(subscription.id, client);
    expect(view).toMatchObject({ status: 'active', attempts: 0, lag: 0, deliveredChanges: lastSeq });
    const attempts = await client.request('GET', `${SUBS}/${subscription.id}/attempts?limit=500`);
    expect(attempts.body.items.filter((a: { outcome: string }) => a.outcome === 'failed')).toHaveLength(3);
    await client.request('DELETE', `${SUBS}/${subscription.id}`);
  });

  it('sends only granted items, masked as the grant says', async () => {
    receiver.respond = () => 200;
    const { subscription } = await subscribe({});
    const [record] = sampleRecords(1, 5000);
    await x.write([record ?? {}]);
    await until('the push', async () => mine(subscription.id).length > 0);
    const [push] = mine(subscription.id);
    const change = push?.body.changes[0];
    expect(change?.key).toBe(record?.公民身份号码);
    expect(change?.record).toEqual({
      公民身份号码: record?.公民身份号码,
      姓名: record?.姓名,
      出生日期: `${String(record?.出生日期).slice(0, 4)}-**-**`,
      参保状态: record?.参保状态,
    });
    expect(push?.raw).not.toContain('缴费基数');
    await hrss.request('DELETE', `${SUBS}/${subscription.id}`);
  });

  it('dead-letters after the last attempt; a retry resumes from the cursor and delivers the rest', async () => {
    receiver.respond = () => 500;
    const { subscription } = await subscribe({});
    await x.write(sampleRecords(3, 6000));
    await until(
      'dead letter',
      async () => (await viewOf(subscription.id)).status === 'dead_lettered',
      60_000,
    );
    const failed = mine(subscription.id);
    expect(failed).toHaveLength(4);
    const view = await viewOf(subscription.id);
    expect(view).toMatchObject({ attempts: 4, lastStatusCode: 500, lastError: 'HTTP 500', lag: 3 });
    const letters = await hrss.request('GET', `${SUBS}/${subscription.id}/dead-letters`);
    expect(letters.body.items).toEqual([
      expect.objectContaining({
        fromSeq: view.ackedSeq + 1,
        toSeq: view.ackedSeq + 3,
        changes: 3,
        attempts: 4,
        lastError: 'HTTP 500',
        lastStatusCode: 500,
        retriedAt: null,
      }),
    ]);
    // Dead-lettered: nothing more is sent, whatever happens.
    await x.write(sampleRecords(2, 6100));
    x.clock.advance(60 * 60_000);
    // A whole look of the worker, and the pushes it started, after the write and the hour:
    // waiting on it (not on a fixed sleep) proves nothing was sent, however busy the machine.
    await subs.worker.runOnce();
    expect(mine(subscription.id)).toHaveLength(4);
    receiver.respond = () => 200;
    const retried = await hrss.request('POST', `${SUBS}/${view.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'active', attempts: 0 });
    const lastSeq = (await x.hosted()).lastSeq;
    await until('the rest', async () => (await viewOf(subscription.id)).ackedSeq === lastSeq);
    const delivered = seqsOf(mine(subscription.id).filter((p) => p.status === 200));
    expect(delivered).toEqual(Array.from({ length: 5 }, (_, i) => view.ackedSeq + 1 + i));
    const after = await hrss.request('GET', `${SUBS}/${subscription.id}/dead-letters`);
    expect(after.body.items[0].retriedAt).toBeTruthy();
    const again = await hrss.request('POST', `${SUBS}/${view.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EXCHANGE_SUBSCRIPTION_NOT_RETRYABLE');
    await hrss.request('DELETE', `${SUBS}/${subscription.id}`);
  });

  it('pauses while the grant is suspended (no data sent) and resumes by itself', async () => {
    receiver.respond = () => 200;
    // 示范县 holds a single grant, so the refusal is that grant's own.
    const county = x.w.countyAdmin;
    const own = await x.grant(['公民身份号码', '参保状态'], ['subscription'], {
      consumerDepartmentId: x.w.departments.county,
    });
    const { subscription } = await subscribe({}, county);
    const suspend = await x.w.police.request('POST', `/api/v1/sharing/grants/${own}/suspend`, {
      reason: '核查使用情况',
    });
    expect(suspend.status, JSON.stringify(suspend.body)).toBe(200);
    await x.write(sampleRecords(2, 7000));
    await until('paused', async () => (await viewOf(subscription.id, county)).status === 'paused');
    const paused = await viewOf(subscription.id, county);
    expect(paused.statusReason).toBe('GRANT_SUSPENDED');
    expect(paused.lastError).toContain('暂停');
    expect(mine(subscription.id)).toHaveLength(0);
    await x.w.police.request('POST', `/api/v1/sharing/grants/${own}/resume`, { reason: '核查完毕' });
    const lastSeq = (await x.hosted()).lastSeq;
    await until('resumed', async () => (await viewOf(subscription.id, county)).ackedSeq === lastSeq, 20_000);
    expect((await viewOf(subscription.id, county)).status).toBe('active');
    expect(seqsOf(mine(subscription.id))).toEqual([lastSeq - 1, lastSeq]);
    // Only the two granted items travel on this grant; the masked key item's key is a pseudonym.
    const change = mine(subscription.id)[0]?.body.changes[0];
    expect(Object.keys(change?.record ?? {}).sort()).toEqual(['公民身份号码', '参保状态'].sort());
    expect(change?.key).toMatch(/^~/);
    const revoke = await x.w.police.request('POST', `/api/v1/sharing/grants/${own}/revoke`, {
      reason: '停止共享',
    });
    expect(revoke.status).toBe(200);
    await x.write(sampleRecords(1, 7100));
    await until(
      'paused again',
      async () => (await viewOf(subscription.id, county)).statusReason === 'GRANT_REVOKED',
    );
    expect(seqsOf(mine(subscription.id))).toEqual([lastSeq - 1, lastSeq]);
    const audit = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select('action')
      .where('target_id', '=', subscription.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'exchange.subscription.create',
      'exchange.subscription.pause',
      'exchange.subscription.resume',
      'exchange.subscription.pause',
    ]);
  });

  it('close waits for the push in flight and records its acknowledgement', async () => {
    receiver.respond = () => 200;
    receiver.delayMs = 300;
    const { subscription } = await subscribe({});
    await x.write(sampleRecords(1, 8000));
    const lastSeq = (await x.hosted()).lastSeq;
    await until('a push in flight', async () => receiver.maxConcurrent.has(subscription.id));
    await subs.close();
    expect(mine(subscription.id)).toHaveLength(1);
    expect((await viewOf(subscription.id)).ackedSeq).toBe(lastSeq);
    receiver.delayMs = 0;
    subs.start({ pollMs: 50 });
  });
});
