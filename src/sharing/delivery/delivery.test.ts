import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogWorld, startCatalogWorld } from '../../catalog/test-support/world.js';
import { createUser, type OrgClient, signedIn } from '../../org/test-support/index.js';
import { ManualClock } from '../../platform/clock/index.js';
import { loadConfig } from '../../platform/config/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  API,
  applicationBody,
  auditActions,
  BEFORE_NATIONAL_DAY,
  recordHead,
  threeItemContent,
} from '../test-support/index.js';
import { MAX_ATTEMPTS, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './index.js';

/** A real SMTP server in this process: what it receives is what an operator's mail server would. */
async function startSmtp() {
  const mails: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    mails,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A webhook receiver that answers 500 while `failing` is set. */
async function startReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const state = { failing: false };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = state.failing ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    state,
    url: `http://127.0.0.1:${port}/hooks/govshare`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe.each(DIALECTS)('notice delivery by e-mail and webhook on %s', (dialect) => {
  let w: CatalogWorld;
  let clock: ManualClock;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let hook: Awaited<ReturnType<typeof startReceiver>>;
  let policeUser: OrgClient;
  let entry: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    hook = await startReceiver();
    clock = new ManualClock(BEFORE_NATIONAL_DAY);
    w = await startCatalogWorld(dialect, {
      clock,
      config: {
        profile: 'inner-mongolia',
        session: { idleMinutes: 10_000_000, absoluteHours: 200_000 },
        smtp: { url: smtp.url, from: '共享平台 <govshare@example.gov.cn>' },
        publicUrl: 'https://share.example.gov.cn',
        // The test's webhook receiver listens on loopback, which only an allowed network reaches.
        exchange: { ...loadConfig({}).exchange, serviceAllowedNetworks: ['127.0.0.0/8'] },
      },
    });
    await createUser(w.platform, 'police.user', w.departments.police, ['dept_user']);
    policeUser = await signedIn(w.platform, 'police.user');
    // Each administrator heads its department's sharing office (809 第二十条, N09), as in the sharing world.
    await recordHead(w, w.police, w.departments.police, 'police.admin');
    await recordHead(w, w.hrss, w.departments.hrss, 'hrss.admin');
    const created = await w.police.request('POST', '/api/v1/catalog/entries', {
      content: threeItemContent(),
    });
    entry = created.body.id;
    await w.police.request('POST', `/api/v1/catalog/entries/${entry}/submit`, {});
    await w.authority.request('POST', `/api/v1/catalog/entries/${entry}/ratify`, {});
    await w.police.request('POST', `/api/v1/catalog/entries/${entry}/publish`, {});
  }, 180_000);
  afterAll(async () => {
    await w?.close();
    await smtp?.close();
    await hook?.close();
  });

  const run = () => w.platform.services.sharing.delivery.worker.run();

  it('webhook: signed with HMAC-SM3 over the timestamp and body, delivered after the commit, status recorded', async () => {
    const added = await w.police.request('POST', `${API}/channels`, { kind: 'webhook', target: hook.url });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.channel).toMatchObject({ kind: 'webhook', algorithm: 'hmac-sm3', role: null });
    const secret = added.body.secret as string;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const listed = (await w.police.request('GET', `${API}/channels`)).body.items;
    expect(JSON.stringify(listed)).not.toContain(secret);

    const app = await w.hrss.request('POST', `${API}/applications`, applicationBody(entry));
    expect(app.status).toBe(201);
    // Nothing is sent inside the transaction: the outbox holds it until the worker runs.
    expect(hook.received).toHaveLength(0);
    expect(await run()).toMatchObject({ delivered: 1, failed: 0 });
    expect(hook.received).toHaveLength(1);
    const [got] = hook.received;
    const payload = JSON.parse(got?.body ?? '{}');
    expect(payload).toMatchObject({
      kind: 'application.received',
      case: { type: 'application', id: app.body.id },
      link: `https://share.example.gov.cn/sharing/applications/${app.body.id}`,
    });
    const timestamp = got?.headers[TIMESTAMP_HEADER] as string;
    expect(got?.headers[SIGNATURE_HEADER]).toBe(signWebhook('hmac-sm3', secret, timestamp, got?.body ?? ''));
    expect(got?.headers[SIGNATURE_HEADER]).not.toBe(
      signWebhook('hmac-sm3', 'wrong-secret-wrong', timestamp, got?.body ?? ''),
    );
    const deliveries = (await w.police.request('GET', `${API}/channels/${added.body.channel.id}/deliveries`))
      .body.items;
    expect(deliveries[0]).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 });
    expect(await run()).toMatchObject({ delivered: 0 });
  });

  it('e-mail: the consumer department address gets the decision through the SMTP server', async () => {
    const added = await w.hrss.request('POST', `${API}/channels`, {
      kind: 'email',
      target: 'data@hrss.example.gov.cn',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.secret).toBeNull();
    const bad = await w.hrss.request('POST', `${API}/channels`, { kind: 'email', target: 'not-an-address' });
    expect(bad.body.error.code).toBe('CHANNEL_TARGET_INVALID');
    const app = (await w.hrss.request('POST', `${API}/applications`, applicationBody(entry))).body;
    await w.police.request('POST', `${API}/applications/${app.id}/approve`, {});
    expect((await run()).delivered).toBeGreaterThanOrEqual(2);
    const mail = smtp.mails.find((m) => m.to.includes('data@hrss.example.gov.cn'));
    expect(mail?.raw).toContain('govshare@example.gov.cn');
    expect(mail?.raw).toContain(`X-Govshare-Event: application.approved`);
  });

  it('a failing webhook never fails the decision: retried after 1, 5, 30, 120 minutes, then recorded as failed', async () => {
    hook.state.failing = true;
    const before = hook.received.length;
    const app = await w.hrss.request('POST', `${API}/applications`, applicationBody(entry));
    expect(app.status).toBe(201);
    expect(await run()).toMatchObject({ retrying: 1, delivered: 0 });
    const channel = (await w.police.request('GET', `${API}/channels`)).body.items[0].id;
    const notice = (await w.police.request('GET', `${API}/notices?pageSize=200`)).body.items.find(
      (n: { kind: string; case: { id: string } | null }) =>
        n.kind === 'application.received' && n.case?.id === app.body.id,
    );
    const latest = async () =>
      (await w.police.request('GET', `${API}/channels/${channel}/deliveries`)).body.items.find(
        (d: { noticeId: string }) => d.noticeId === notice.id,
      );
    expect(await latest()).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
    });
    // Not due yet: nothing is tried.
    expect(await run()).toMatchObject({ retrying: 0, failed: 0 });
    for (const minutes of [1, 5, 30]) {
      clock.advance(minutes * 60_000);
      expect(await run()).toMatchObject({ retrying: 1 });
    }
    clock.advance(120 * 60_000);
    expect(await run()).toMatchObject({ failed: 1 });
    expect(await latest()).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(hook.received.length - before).toBe(MAX_ATTEMPTS);
    hook.state.failing = false;
  });

  it('channels: a department manages its own; others neither see nor use them', async () => {
    const channel = (await w.police.request('GET', `${API}/channels`)).body.items[0].id;
    const forbidden = await w.hrss.request('GET', `${API}/channels?departmentId=${w.departments.police}`);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect((await w.hrss.request('GET', `${API}/channels/${channel}/deliveries`)).body.error.code).toBe(
      'CHANNEL_NOT_FOUND',
    );
    expect((await w.hrss.request('DELETE', `${API}/channels/${channel}`)).body.error.code).toBe(
      'CHANNEL_NOT_FOUND',
    );
    expect(
      (await policeUser.request('POST', `${API}/channels`, { kind: 'webhook', target: hook.url })).body.error
        .code,
    ).toBe('FORBIDDEN');
    const ftp = await w.police.request('POST', `${API}/channels`, {
      kind: 'webhook',
      target: 'ftp://example.gov.cn/x',
    });
    expect(ftp.body.error.code).toBe('CHANNEL_TARGET_INVALID');
    expect((await w.police.request('DELETE', `${API}/channels/${channel}`)).status).toBe(204);
    expect(await auditActions(w, channel)).toEqual(['sharing.channel.add', 'sharing.channel.remove']);
  });
});
