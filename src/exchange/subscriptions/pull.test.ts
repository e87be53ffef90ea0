import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  sampleRecords,
  startExchangeWorld,
} from '../test-support/index.js';
import { changeSignal } from './signal.js';

const PURPOSE = { 'x-govshare-purpose': 'data_verification' };

describe.each(DIALECTS)('change feed (pull) on %s', (dialect) => {
  let x: ExchangeWorld;
  const changes = (after: number, query = '') =>
    x.w.hrss.request(
      'GET',
      `${EXCHANGE_API}/resources/${x.entryId}/changes?after=${after}${query}`,
      undefined,
      PURPOSE,
    );
  const accessEntries = async () =>
    x.platform.storage.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'exchange.subscription')
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { records: 5 });
    // 出生日期 (personal) is granted masked, 姓名 in clear, 缴费基数 not at all.
    await x.grant(['公民身份号码', '姓名', '出生日期', '参保状态'], ['subscription'], {
      clearItems: ['姓名'],
    });
  });
  afterAll(async () => {
    await x?.close();
  });

  it('pages through the changes in seq order with `after`, only granted items, masked as granted', async () => {
    const first = await changes(0, '&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.changes.map((c: { seq: number }) => c.seq)).toEqual([1, 2]);
    expect(first.body).toMatchObject({ lastSeq: 5, hasMore: true });
    const rest = await changes(2, '&limit=10');
    expect(rest.body.changes.map((c: { seq: number }) => c.seq)).toEqual([3, 4, 5]);
    expect(rest.body.hasMore).toBe(false);
    const [change] = first.body.changes;
    const record = x.records[0];
    // The key item reaches hrss masked: the key is a stable pseudonym, never the ID number.
    expect(change).toMatchObject({ op: 'insert', key: expect.stringMatching(/^~[\w-]{32}$/) });
    expect(
      new Set([...first.body.changes, ...rest.body.changes].map((c: { key: string }) => c.key)).size,
    ).toBe(5);
    expect(Object.keys(change.record).sort()).toEqual(
      ['公民身份号码', '出生日期', '参保状态', '姓名'].sort(),
    );
    expect(change.record.姓名).toBe(record?.姓名);
    expect(change.record.参保状态).toBe(record?.参保状态);
    expect(change.record.公民身份号码).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(change.record.出生日期).toMatch(/^\d{4}-\*\*-\*\*$/);
    expect(JSON.stringify(first.body)).not.toContain('缴费基数');
    expect(JSON.stringify(first.body)).not.toContain(String(record?.公民身份号码));
  });

  it('gives deletes with a null record, and updates with the current row', async () => {
    const [a, b] = x.records;
    const res = await x.w.police.request('POST', `${EXCHANGE_API}/resources/${x.entryId}/batches`, {
      ops: [
        { op: 'delete', record: { 公民身份号码: a?.公民身份号码 } },
        { op: 'upsert', record: { ...b, 参保状态: '终止' } },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const inserts = (await changes(0, '&limit=2')).body.changes;
    const page = await changes(5);
    expect(page.body.changes).toHaveLength(2);
    expect(page.body.changes[0]).toMatchObject({ seq: 6, op: 'delete', key: inserts[0].key, record: null });
    expect(page.body.changes[1]).toMatchObject({ seq: 7, op: 'update', key: inserts[1].key });
    expect(page.body.changes[1].record.参保状态).toBe('终止');
    // The insert of the deleted record now reads as a row that no longer exists.
    const again = await changes(0, '&limit=1');
    expect(again.body.changes[0]).toMatchObject({ seq: 1, op: 'insert', record: null });
    expect(again.body.lastSeq).toBe(7);
  });

  it('gives raw keys to a reader who sees the key items in clear, pseudonyms differ per consumer', async () => {
    const county = x.w.departments.county;
    await x.grant(['公民身份号码', '参保状态'], ['subscription'], {
      clearItems: ['公民身份号码'],
      consumerDepartmentId: county,
    });
    const res = await x.w.countyAdmin.request(
      'GET',
      `${EXCHANGE_API}/resources/${x.entryId}/changes?after=0&limit=2`,
      undefined,
      PURPOSE,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.changes[1]).toMatchObject({ seq: 2, key: x.records[1]?.公民身份号码 });
    expect(res.body.changes[1].record).toEqual({
      公民身份号码: x.records[1]?.公民身份号码,
      参保状态: '终止',
    });
  });

  it('writes one access entry per pull naming the keys, an empty pull included', async () => {
    const before = (await accessEntries()).length;
    const page = await changes(5);
    const empty = await changes(7);
    expect(empty.body).toEqual({ changes: [], lastSeq: 7, hasMore: false });
    const entries = (await accessEntries()).slice(before);
    expect(entries).toHaveLength(2);
    const [full, none] = entries;
    expect(full).toMatchObject({
      method: 'subscription',
      purpose: 'data_verification',
      result_count: page.body.changes.length,
      actor_kind: 'user',
    });
    expect(full?.grant_id).toBeTruthy();
    const audit = x.platform.services.audit;
    const digests = JSON.parse(String(full?.record_keys)).map((k: { digest: string }) => k.digest);
    expect(digests.sort()).toEqual(
      [x.records[0], x.records[1]]
        .map((r) => audit.subjectDigest('resident_id', String(r?.公民身份号码)))
        .sort(),
    );
    expect(none).toMatchObject({ method: 'subscription', result_count: 0 });
  });

  it('long poll returns as soon as a change is committed', async () => {
    // The poll's waits on the change signal, watched: the write goes in once the poll is waiting
    // (not after a fixed sleep). Each wait is stretched to the poll's whole 20 s, so that only the
    // commit's signal (not the poll's periodic re-read of the database) can end it.
    const waits: Promise<boolean>[] = [];
    let waiting: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    const original = changeSignal.wait.bind(changeSignal);
    const spy = vi.spyOn(changeSignal, 'wait').mockImplementation((entryId, ms, abort) => {
      const wait = original(entryId, entryId === x.entryId ? 20_000 : ms, abort);
      if (entryId === x.entryId) {
        waits.push(wait);
        waiting();
      }
      return wait;
    });
    try {
      const pending = changes(7, '&wait=20');
      await started;
      await x.write(sampleRecords(1, 100));
      const res = await pending;
      expect(res.status).toBe(200);
      expect(res.body.changes.map((c: { seq: number }) => c.seq)).toEqual([8]);
      expect(await waits.at(-1)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('long poll ends empty when the wait is over', async () => {
    const started = Date.now();
    const res = await changes(8, '&wait=1');
    expect(res.body).toEqual({ changes: [], lastSeq: 8, hasMore: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('refuses without purpose, without a subscription grant, and for a revoked grant', async () => {
    const noPurpose = await x.w.hrss.request('GET', `${EXCHANGE_API}/resources/${x.entryId}/changes`);
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.error.code).toBe('EXCHANGE_PURPOSE_REQUIRED');
    const other = await x.w.hrss.request('GET', `${EXCHANGE_API}/resources/${x.entryId}/changes`, undefined, {
      'x-govshare-purpose': 'work_reference',
    });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toMatch(/^GRANT_/);
    const police = await x.w.police.request(
      'GET',
      `${EXCHANGE_API}/resources/${x.entryId}/changes`,
      undefined,
      PURPOSE,
    );
    expect(police.status).toBe(403);
    const bad = await changes(0, '&limit=5000');
    expect(bad.status).toBe(400);
  });
});

describe.each(DIALECTS)('change feed rate limit on %s', (dialect) => {
  let x: ExchangeWorld;
  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { records: 1, exchange: { ratePerGrantPerMinute: 2 } });
    await x.grant(['公民身份号码', '参保状态'], ['subscription']);
  });
  afterAll(async () => {
    await x?.close();
  });

  it('counts pulls against the grant’s reads a minute', async () => {
    const pull = () =>
      x.w.hrss.request('GET', `${EXCHANGE_API}/resources/${x.entryId}/changes?after=0`, undefined, PURPOSE);
    expect((await pull()).status).toBe(200);
    expect((await pull()).status).toBe(200);
    const limited = await pull();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('EXCHANGE_RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeTruthy();
  });
});
