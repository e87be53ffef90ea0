import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  sampleRecords,
  startExchangeWorld,
} from '../test-support/index.js';
import { startWebhookReceiver, type WebhookReceiver } from './test-support/webhook.js';

const SUBS = `${EXCHANGE_API}/subscriptions`;
const CHANNELS = '/api/v1/sharing/channels';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Webhooks are URLs a department names and the platform connects to from inside its network:
// like interface services (issue 12), push subscriptions and notice webhooks may not reach the
// platform's loopback, the metadata address or private networks unless the operator allowed them.
describe.each(DIALECTS)('webhook addresses on %s (SSRF)', (dialect) => {
  let x: ExchangeWorld;
  let receiver: WebhookReceiver;
  const allow = (networks: string[]) => {
    x.platform.config.exchange.serviceAllowedNetworks = networks;
  };

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { records: 3, exchange: { serviceAllowedNetworks: [] } });
    await x.grant(['公民身份号码', '参保状态'], ['subscription']);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await x?.close();
    await receiver?.close();
  });

  it('attack: a push subscription to loopback, metadata, private or IPv4-mapped addresses is refused', async () => {
    allow([]);
    for (const url of [
      receiver.url,
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/hook',
      'http://[::ffff:127.0.0.1]:9/hook',
      'http://localhost:9/hook',
    ]) {
      const res = await x.w.hrss.request('POST', SUBS, {
        entryId: x.entryId,
        purpose: 'data_verification',
        mode: 'push',
        url,
      });
      expect(res.status, url).toBe(422);
      expect(res.body.error.code, url).toBe('EXCHANGE_SUBSCRIPTION_URL_INVALID');
    }
  });

  it('attack: a notice webhook channel to the metadata address or loopback is refused', async () => {
    allow([]);
    for (const target of ['http://169.254.169.254/hook', receiver.url]) {
      const res = await x.w.police.request('POST', CHANNELS, { kind: 'webhook', target });
      expect(res.status, target).toBe(422);
      expect(res.body.error.code, target).toBe('CHANNEL_TARGET_INVALID');
    }
  });

  it('attack: a push whose network is no longer allowed is not sent; the attempt says why', async () => {
    allow(['127.0.0.0/8']);
    const created = await x.w.hrss.request('POST', SUBS, {
      entryId: x.entryId,
      purpose: 'data_verification',
      mode: 'push',
      url: receiver.url,
      fromSeq: 0,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.subscription.id as string;
    allow([]);
    const before = receiver.received.length;
    const subs = x.platform.services.exchange.subscriptions;
    await subs.close();
    subs.start({ pollMs: 50, pauseRecheckMs: 60_000 });
    await x.write(sampleRecords(1, 900));
    let lastError = '';
    for (let i = 0; i < 200 && lastError === ''; i++) {
      await sleep(50);
      lastError = (await x.w.hrss.request('GET', `${SUBS}/${id}`)).body.lastError ?? '';
    }
    expect(lastError).toContain('OUTBOUND_ADDRESS_REFUSED');
    expect(receiver.received.length).toBe(before);
    await subs.close();
  });
});
