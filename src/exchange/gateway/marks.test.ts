import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { RecordVerification } from '../model.js';
import { UNDER_VERIFICATION_HEADER } from '../services/proxy.js';
import {
  RESIDENT_ID,
  type ServiceWorld,
  startServiceWorld,
  startUpstream,
  type Upstream,
} from '../services/test-support/index.js';
import type { SubscriptionService } from '../subscriptions/service.js';
import { startWebhookReceiver, type WebhookReceiver } from '../subscriptions/test-support/webhook.js';
import { EXCHANGE_API, type ExchangeWorld, startExchangeWorld } from '../test-support/index.js';

const PURPOSE = { 'x-govshare-purpose': 'data_verification' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the test port of `RecordVerification` was asked, and what it holds open. */
interface TestMarks {
  /** Canonical keys an open request names. */
  records: Set<string>;
  /** The resource as a whole is under verification. */
  resource: boolean;
  /** The key batches asked, one per answer, page or chunk. */
  asked: string[][];
}

/**
 * Binds the exchange's verification port to a small test implementation (the port is the
 * exchange's own; quality's real one is proven in its tests and the portal's browser test).
 * The composition root hands the same port object to every read path, so binding it here binds
 * the key query, downloads, the change feed, the push worker and the proxy alike.
 */
function bindTestMarks(platform: ExchangeWorld['platform'], entryId: string): TestMarks {
  const port: RecordVerification | undefined = platform.services.exchange.subscriptions.deps.verification;
  if (!port) throw new Error('the composition root binds no verification port');
  const marks: TestMarks = { records: new Set(), resource: false, asked: [] };
  port.underVerification = async (id, keys) => {
    marks.asked.push([...keys]);
    return new Set(id === entryId ? keys.filter((k) => marks.records.has(k)) : []);
  };
  port.resourceUnderVerification = async (id) => id === entryId && marks.resource;
  return marks;
}

describe.each(DIALECTS)('R83 records under verification are marked wherever read on %s', (dialect) => {
  let x: ExchangeWorld;
  let marks: TestMarks;
  let keys: string[];

  const query = (body: Record<string, unknown>, headers: Record<string, string> = PURPOSE) =>
    x.w.hrss.request('POST', `${EXCHANGE_API}/resources/${x.entryId}/query`, body, headers);
  const download = (format: 'csv' | 'ndjson') =>
    x.platform.http.inject({
      method: 'GET',
      url: `${EXCHANGE_API}/resources/${x.entryId}/download?format=${format}`,
      remoteAddress: x.w.hrss.ip,
      headers: { cookie: x.w.hrss.cookie ?? '', ...PURPOSE },
    });
  const feed = (purpose = 'data_verification') =>
    x.w.hrss.request('GET', `${EXCHANGE_API}/resources/${x.entryId}/changes?after=0`, undefined, {
      'x-govshare-purpose': purpose,
    });

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { records: 5 });
    // The key item in clear for data_verification; masked (pseudonymous feed keys) for work_reference.
    await x.grant(['公民身份号码', '姓名', '参保状态'], ['online_query', 'batch_download', 'subscription'], {
      clearItems: ['公民身份号码', '姓名'],
    });
    await x.grant(['公民身份号码', '参保状态'], ['subscription'], { purpose: 'work_reference' });
    marks = bindTestMarks(x.platform, x.entryId);
    keys = x.records.map((r) => String(r.公民身份号码));
  }, 180_000);
  afterAll(async () => {
    await x?.close();
  });

  it('R83 a key query still answers marked records, flagged underVerification: true, asking once per answer', async () => {
    marks.records = new Set([keys[1] as string, keys[3] as string]);
    marks.asked = [];
    const res = await query({ keys });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const records = res.body.records as Record<string, unknown>[];
    expect(records).toHaveLength(5);
    const flagged = records.filter((r) => r.underVerification === true).map((r) => r.公民身份号码);
    expect(flagged.sort()).toEqual([keys[1], keys[3]].sort());
    // Unmarked records do not carry the field at all.
    for (const r of records.filter((r) => !flagged.includes(r.公民身份号码)))
      expect(Object.keys(r)).not.toContain('underVerification');
    // One batch of the page's keys, never a question per row.
    expect(marks.asked).toHaveLength(1);
    expect([...(marks.asked[0] ?? [])].sort()).toEqual([...keys].sort());
    // Values are served unchanged while the request is open.
    const marked = records.find((r) => r.公民身份号码 === keys[1]);
    expect(marked?.姓名).toBe(x.records[1]?.姓名);
  });

  it('R83 a resource under verification as a whole marks every record, without asking for keys', async () => {
    marks.records = new Set();
    marks.resource = true;
    marks.asked = [];
    try {
      const res = await query({ keys: keys.slice(0, 3) });
      expect(res.status).toBe(200);
      expect(res.body.records.map((r: Record<string, unknown>) => r.underVerification)).toEqual([
        true,
        true,
        true,
      ]);
      expect(marks.asked).toEqual([]);
    } finally {
      marks.resource = false;
    }
  });

  it('R83 a CSV download ends each line with under_verification true/false; NDJSON flags marked records only', async () => {
    marks.records = new Set([keys[0] as string]);
    marks.asked = [];
    const csv = await download('csv');
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body.slice(1).split('\r\n').slice(0, -1);
    expect(lines[0]).toBe('公民身份号码,姓名,参保状态,under_verification');
    const byKey = new Map(lines.slice(1).map((l) => [l.split(',')[0], l.split(',').at(-1)]));
    expect(byKey.size).toBe(5);
    for (const key of keys) expect(byKey.get(key)).toBe(key === keys[0] ? 'true' : 'false');
    // One question per batch read (5 rows: one batch), with that batch's keys.
    expect(marks.asked).toHaveLength(1);
    expect(marks.asked[0]).toHaveLength(5);

    const nd = await download('ndjson');
    expect(nd.statusCode).toBe(200);
    const records = nd.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((r) => !('manifest' in r));
    expect(records).toHaveLength(5);
    for (const r of records)
      if (r.公民身份号码 === keys[0]) expect(r.under_verification).toBe(true);
      else expect(r).not.toHaveProperty('under_verification');
  });

  it('R83 the pull feed flags changes of marked records, also behind pseudonymous keys', async () => {
    marks.records = new Set([keys[2] as string]);
    marks.asked = [];
    const clear = await feed();
    expect(clear.status, JSON.stringify(clear.body)).toBe(200);
    const flagged = clear.body.changes.filter((c: { underVerification?: boolean }) => c.underVerification);
    expect(flagged.map((c: { key: string }) => c.key)).toEqual([keys[2]]);
    expect(marks.asked).toHaveLength(1);

    const masked = await feed('work_reference');
    expect(masked.status).toBe(200);
    const changes = masked.body.changes as { key: string; underVerification?: true; seq: number }[];
    // The reader sees pseudonyms, yet the mark follows the record (seq 3 wrote keys[2]).
    expect(changes.every((c) => c.key.startsWith('~'))).toBe(true);
    expect(changes.filter((c) => c.underVerification).map((c) => c.seq)).toEqual([3]);
  });

  describe('pushes', () => {
    let receiver: WebhookReceiver;
    let subs: SubscriptionService;
    afterAll(async () => {
      await receiver?.close();
    });

    it('R83 pushed changes carry the same flag as a pull of the same range', async () => {
      marks.records = new Set([keys[4] as string]);
      receiver = await startWebhookReceiver();
      subs = x.platform.services.exchange.subscriptions;
      await subs.close();
      subs.start({ pollMs: 50, pauseRecheckMs: 60_000 });
      const res = await x.w.hrss.request('POST', `${EXCHANGE_API}/subscriptions`, {
        entryId: x.entryId,
        purpose: 'data_verification',
        mode: 'push',
        url: receiver.url,
        fromSeq: 0,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const end = Date.now() + 20_000;
      while (receiver.acknowledged().length === 0) {
        if (Date.now() > end) throw new Error('no push arrived');
        await sleep(40);
      }
      const changes = receiver.acknowledged().flatMap((p) => p.body.changes);
      expect(changes).toHaveLength(5);
      expect(changes.filter((c) => c.underVerification).map((c) => c.key)).toEqual([keys[4]]);
      // The signed body is what was checked: the flag is inside it.
      expect(receiver.acknowledged()[0]?.raw).toContain('"underVerification":true');
    });
  });
});

describe.each(DIALECTS)('R83 proxied answers of a resource under verification on %s', (dialect) => {
  let w: ServiceWorld;
  let upstream: Upstream;
  let marks: TestMarks;

  beforeAll(async () => {
    w = await startServiceWorld(dialect);
    upstream = await startUpstream((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ sfzh: RESIDENT_ID, 户籍状态: '正常' })),
    );
    await w.register({ url: `${upstream.url}/api/v2`, fieldMap: { sfzh: '公民身份号码' } });
    await w.grant();
    marks = bindTestMarks(w.platform, w.entryId);
  }, 180_000);
  afterAll(async () => {
    await upstream?.close();
    await w?.close();
  });

  it('R83 the answer names the resource under verification in a header, only while it is', async () => {
    const before = await w.call(w.hrss, 'GET', `/persons/${RESIDENT_ID}`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.headers[UNDER_VERIFICATION_HEADER]).toBeUndefined();
    marks.resource = true;
    const during = await w.call(w.hrss, 'GET', `/persons/${RESIDENT_ID}`);
    expect(during.status).toBe(200);
    expect(during.headers[UNDER_VERIFICATION_HEADER]).toBe('resource');
    // Still served, unchanged, while the request is open.
    expect(during.body).toEqual(before.body);
  });
});
