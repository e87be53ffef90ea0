import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { completeResidentId } from '../../platform/identifiers/index.js';
import {
  type ApiRequester,
  EXCHANGE_API,
  type ExchangeWorld,
  exchangeContent,
  startExchangeWorld,
} from '../test-support/index.js';

const PURPOSE = { 'x-govshare-purpose': 'data_verification' };
const GRANTED = ['公民身份号码', '姓名', '出生日期', '参保状态'];
type Answer = Awaited<ReturnType<ApiRequester['request']>>;

describe.each(DIALECTS)('key query on %s', (dialect) => {
  let x: ExchangeWorld;
  let client: ApiRequester;
  let grantId: string;
  const url = (entryId = x.entryId) => `${EXCHANGE_API}/resources/${entryId}/query`;
  const query = (
    body: unknown,
    headers: Record<string, string> = PURPOSE,
    as = client,
    entryId = x.entryId,
  ) => as.request('POST', url(entryId), body, headers);
  const key = (i: number) => x.records[i]?.公民身份号码 as string;

  /** Access entries of a resource, oldest first. */
  const accessEntries = async (entryId = x.entryId) =>
    x.platform.storage.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('resource_id', '=', entryId)
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    // Without the read cache: each refusal below must show at once.
    x = await startExchangeWorld(dialect, {
      records: 12,
      exchange: { readCacheMs: 0 },
    });
    grantId = await x.grant(GRANTED, ['online_query', 'batch_download']);
    client = await x.apiClient(x.w.departments.hrss);
  }, 180_000);
  afterAll(async () => x?.close());

  it('finds records by key, only the granted items, personal ones masked', async () => {
    const res = await query({ keys: [key(1), key(0), key(0)] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.grantId).toBe(grantId);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.masked.sort()).toEqual(['公民身份号码', '出生日期', '姓名'].sort());
    const sorted = [x.records[0], x.records[1]].sort((a, b) =>
      String(a?.公民身份号码) < String(b?.公民身份号码) ? -1 : 1,
    );
    expect(res.body.records).toHaveLength(2);
    for (const [i, record] of res.body.records.entries()) {
      const source = sorted[i] as Record<string, unknown>;
      expect(Object.keys(record).sort()).toEqual([...GRANTED].sort());
      expect(record.公民身份号码).toBe(
        `${String(source.公民身份号码).slice(0, 6)}********${String(source.公民身份号码).slice(-4)}`,
      );
      expect(record.姓名).toBe(`${String(source.姓名).slice(0, 1)}*`);
      expect(record.出生日期).toBe(`${String(source.出生日期).slice(0, 4)}-**-**`);
      expect(record.参保状态).toBe(source.参保状态);
      expect(record).not.toHaveProperty('缴费基数');
    }
  });

  it('normalizes a resident ID number before the lookup and refuses a wrong check character', async () => {
    const withX = x.records.find((r) => String(r.公民身份号码).endsWith('X'));
    if (withX) {
      const res = await query({ keys: [String(withX.公民身份号码).toLowerCase()] });
      expect(res.body.records).toHaveLength(1);
    }
    const bad = `${key(0).slice(0, 17)}${key(0).endsWith('0') ? '1' : '0'}`;
    const res = await query({ keys: [bad] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'EXCHANGE_KEY_INVALID', field: '/body/keys/0' });
  });

  /** `key(i)` with its check character changed. */
  const wrongCheck = (i: number) => `${key(i).slice(0, 17)}${key(i).endsWith('0') ? '1' : '0'}`;
  const maskedId = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

  it('names every bad key of a batch by its line, masked, and refuses the whole batch as before', async () => {
    const before = (await accessEntries()).length;
    const keys = [key(0), wrongCheck(1), key(2), `${key(3).slice(0, 16)}`, wrongCheck(4)];
    const zh = await query({ keys });
    expect(zh.status, JSON.stringify(zh.body)).toBe(422);
    expect(zh.body.error).toMatchObject({ code: 'EXCHANGE_KEY_INVALID', field: '/body/keys/1' });
    const message: string = zh.body.error.message;
    expect(message).toContain(`第 2 行 ${maskedId(wrongCheck(1))} 校验位错误`);
    expect(message).toContain('第 4 行');
    expect(message).toContain('位数不对');
    expect(message).toContain(`第 5 行 ${maskedId(wrongCheck(4))} 校验位错误`);
    expect(message).toContain('共 3 行有误，整批未查询');
    expect(message).not.toMatch(/第 [13] 行/);
    // The resident ID numbers appear only masked.
    for (const raw of keys) expect(message).not.toContain(raw);
    const en = await query({ keys }, { ...PURPOSE, 'accept-language': 'en' });
    expect(en.body.error.message).toContain(`line 2 ${maskedId(wrongCheck(1))} wrong check character`);
    expect(en.body.error.message).toContain('3 bad; nothing was queried');
    // As before: the refusal reads no record and writes no access entry.
    expect((await accessEntries()).length).toBe(before);
  });

  it('lists at most 20 bad lines and counts the rest', async () => {
    const keys = Array.from({ length: 25 }, (_, i) => `${key(0).slice(0, 17)}${i % 2 ? 'A' : 'B'}`);
    const res = await query({ keys });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('第 20 行');
    expect(res.body.error.message).not.toContain('第 21 行');
    expect(res.body.error.message).toContain('另有 5 行');
    expect(res.body.error.message).toContain('共 25 行有误');
  });

  it('lists the keys that match nothing, as given and in input order, and counts them in the trace', async () => {
    const known = new Set(x.records.map((r) => String(r.公民身份号码)));
    const absent = ['65010219990101987', '65010219990101986']
      .map(completeResidentId)
      .filter((id) => !known.has(id));
    expect(absent).toHaveLength(2);
    const lower = (absent[1] as string).toLowerCase();
    const before = (await accessEntries()).length;
    const res = await query({ keys: [absent[0], key(2), lower, key(3), absent[0]] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.records).toHaveLength(2);
    expect(res.body.notFound).toEqual([absent[0], lower]);
    const entries = (await accessEntries()).slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.result_count).toBe(2);
    expect(JSON.parse(String(entries[0]?.detail))).toMatchObject({ asked: 4, notFound: 2, page: 'first' });
    // Asked keys are still named in the trace, found or not, and only as digests.
    expect(JSON.parse(String(entries[0]?.record_keys))).toHaveLength(4);
    expect(JSON.stringify(entries[0])).not.toContain(String(absent[0]));

    const all = await query({ keys: [key(0)] });
    expect(all.body.notFound).toEqual([]);

    // Paged: the first page names what is missing although the found records span three pages.
    const keys = [absent[0] as string, ...x.records.slice(0, 7).map((r) => String(r.公民身份号码))];
    const first = await query({ keys, limit: 3 });
    expect(first.body.notFound).toEqual([absent[0]]);
    const second = await query({ keys, limit: 3, cursor: first.body.nextCursor });
    expect(second.status).toBe(200);
    expect(second.body.notFound).toEqual([]);
  });

  it('refuses a department without a grant as before, audited', async () => {
    const other = await x.apiClient(x.w.departments.county);
    const before = (await accessEntries()).length;
    const res = await query({ keys: [key(0)] }, PURPOSE, other);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('GRANT_MISSING');
    const entries = (await accessEntries()).slice(before);
    expect(entries.map((e) => [e.actor_id, JSON.parse(e.detail).refused])).toEqual([
      [other.id, 'GRANT_MISSING'],
    ]);
  });

  it('answers hostile key lists with a clear 4xx, never a 500', async () => {
    const cases: [string, unknown, string][] = [
      ['10,001 keys', { keys: Array.from({ length: 10_001 }, () => key(0)) }, 'VALIDATION_FAILED'],
      ['a 100,000-character key', { keys: ['1'.repeat(100_000)] }, 'VALIDATION_FAILED'],
      ['NUL', { keys: [`${key(0).slice(0, 17)}\0`] }, 'INPUT_ILL_FORMED_TEXT'],
      ['a lone surrogate', { keys: [`${key(0).slice(0, 17)}\ud800`] }, 'INPUT_ILL_FORMED_TEXT'],
    ];
    for (const [what, body, code] of cases) {
      const res = await query(body);
      expect([400, 413, 422], `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toContain(res.status);
      expect(res.body.error.code, what).toBe(code);
      expect(res.body.error.message, what).toBeTruthy();
    }
  });

  it('filters on key items only, and needs keys or a filter', async () => {
    const res = await query({ filter: { 公民身份号码: key(3) } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.records).toHaveLength(1);
    const notKey = await query({ filter: { 姓名: '张三' } });
    expect(notKey.status).toBe(422);
    expect(notKey.body.error.code).toBe('EXCHANGE_FILTER_NOT_KEY');
    const none = await query({});
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('EXCHANGE_QUERY_KEYS_REQUIRED');
    const unknownField = await query({ keys: [key(0)], sql: 'x' });
    expect(unknownField.status).toBe(400);
  });

  it('pages by key with an opaque cursor; a tampered or foreign cursor is refused', async () => {
    const keys = x.records.slice(0, 7).map((r) => String(r.公民身份号码));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await query({ keys, limit: 3, ...(cursor ? { cursor } : {}) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.records.map((r: Record<string, string>) => r.公民身份号码));
      cursor = res.body.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    const masked = keys.map((k) => `${k.slice(0, 6)}********${k.slice(-4)}`);
    expect([...seen].sort()).toEqual([...masked].sort());

    const first = await query({ keys, limit: 3 });
    const good = first.body.nextCursor as string;
    const tampered = `${good.slice(0, 20)}${good[20] === 'A' ? 'B' : 'A'}${good.slice(21)}`;
    for (const bad of [tampered, 'not-a-cursor', Buffer.from('{"k":"0"}').toString('base64url')]) {
      const res = await query({ keys, limit: 3, cursor: bad });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('EXCHANGE_CURSOR_INVALID');
    }
    const foreign = await query({ keys: keys.slice(0, 6), limit: 3, cursor: good });
    expect(foreign.body.error.code).toBe('EXCHANGE_CURSOR_INVALID');
  });

  it('gives personal items in clear when the grant says so', async () => {
    const entryId = await x.publishAndHost(exchangeContent({ name: '明文授权测试' }));
    const write = await x.w.police.request('POST', `${EXCHANGE_API}/resources/${entryId}/batches`, {
      ops: x.records.slice(0, 2).map((record) => ({ op: 'upsert', record })),
    });
    expect(write.status, JSON.stringify(write.body)).toBe(200);
    await x.grant(GRANTED, ['online_query'], { entryId, clearItems: ['姓名'] });
    const res = await query({ keys: [key(0)] }, PURPOSE, client, entryId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.masked.sort()).toEqual(['公民身份号码', '出生日期'].sort());
    expect(res.body.records[0].姓名).toBe(x.records[0]?.姓名);
    expect(res.body.records[0].公民身份号码).toContain('********');
  });

  it('writes exactly one access entry per query naming client, purpose, grant, case number and keys', async () => {
    const before = (await accessEntries()).length;
    const caseNumber = Buffer.from('京人社-2026-001', 'utf8').toString('latin1');
    const res = await query(
      { keys: [key(5), key(6)], items: ['参保状态'] },
      {
        ...PURPOSE,
        'x-govshare-case-number': caseNumber,
      },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.records).toEqual([{ 参保状态: expect.any(String) }, { 参保状态: expect.any(String) }]);
    const entries = (await accessEntries()).slice(before);
    expect(entries).toHaveLength(1);
    const entry = entries[0];
    expect(entry).toMatchObject({
      action: 'exchange.query',
      actor_kind: 'client',
      actor_id: client.id,
      method: 'query',
      purpose: 'data_verification',
      case_number: '京人社-2026-001',
      grant_id: grantId,
      result_count: 2,
    });
    expect(JSON.parse(String(entry?.items))).toEqual(['参保状态']);
    const digests = JSON.parse(String(entry?.record_keys)).map((k: { digest: string }) => k.digest);
    const audit = x.platform.services.audit;
    expect(digests.sort()).toEqual(
      [audit.subjectDigest('resident_id', key(5)), audit.subjectDigest('resident_id', key(6))].sort(),
    );
    // The trace names the resident ID number only as a keyed digest.
    expect(JSON.stringify(entry)).not.toContain(key(5));
  });

  it('needs a valid purpose header', async () => {
    const missing = await query({ keys: [key(0)] }, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('EXCHANGE_PURPOSE_REQUIRED');
    const invalid = await query({ keys: [key(0)] }, { 'x-govshare-purpose': 'curiosity' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('EXCHANGE_PURPOSE_INVALID');
  });

  it('refuses an ungranted or unknown item, audited', async () => {
    const before = (await accessEntries()).length;
    const ungranted = await query({ keys: [key(0)], items: ['参保状态', '缴费基数'] });
    expect(ungranted.status).toBe(403);
    expect(ungranted.body.error.code).toBe('GRANT_ITEM_NOT_GRANTED');
    expect(JSON.stringify(ungranted.body)).not.toContain('5000');
    const unknown = await query({ keys: [key(0)], items: ['不存在的项'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('EXCHANGE_ITEM_UNKNOWN');
    const entries = (await accessEntries()).slice(before);
    expect(entries.map((e) => JSON.parse(e.detail).refused)).toEqual(['GRANT_ITEM_NOT_GRANTED']);
  });

  it('answers every refusal with its code and audits it', async () => {
    const entryId = await x.publishAndHost(exchangeContent({ name: '拒绝测试' }));
    const ask = (headers: Record<string, string> = PURPOSE, body: unknown = { keys: [key(0)] }) =>
      query(body, headers, client, entryId);
    const codes: string[] = [];
    const expectRefusal = async (code: string, status: number, res?: Answer) => {
      const answer = res ?? (await ask());
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expect(answer.body.error.code).toBe(code);
      codes.push(code);
    };
    await expectRefusal('GRANT_MISSING', 403);
    const grant = await x.grant(['公民身份号码', '参保状态'], ['online_query'], { entryId });
    await expectRefusal('GRANT_PURPOSE_MISMATCH', 403, await ask({ 'x-govshare-purpose': 'work_reference' }));
    await expectRefusal(
      'GRANT_METHOD_NOT_ALLOWED',
      403,
      await client.request('GET', `${EXCHANGE_API}/resources/${entryId}/download`, undefined, PURPOSE),
    );
    await expectRefusal(
      'GRANT_ITEM_NOT_GRANTED',
      403,
      await ask(PURPOSE, { keys: [key(0)], items: ['姓名'] }),
    );
    const change = (action: string) =>
      x.w.police.request('POST', `/api/v1/sharing/grants/${grant}/${action}`, { reason: '核查期间暂停' });
    expect((await change('suspend')).status).toBe(200);
    await expectRefusal('GRANT_SUSPENDED', 403);
    expect((await change('resume')).status).toBe(200);
    expect((await ask()).status).toBe(200);
    expect((await change('revoke')).status).toBe(200);
    await expectRefusal('GRANT_REVOKED', 403);

    const expiredEntry = await x.publishAndHost(exchangeContent({ name: '过期授权' }));
    await x.grant(['公民身份号码'], ['online_query'], { entryId: expiredEntry, validUntil: '2026-09-01' });
    await expectRefusal('GRANT_EXPIRED', 403, await query({ keys: [key(0)] }, PURPOSE, client, expiredEntry));
    const futureEntry = await x.publishAndHost(exchangeContent({ name: '未生效授权' }));
    await x.grant(['公民身份号码'], ['online_query'], { entryId: futureEntry, validFrom: '2027-01-01' });
    await expectRefusal(
      'GRANT_NOT_YET_VALID',
      403,
      await query({ keys: [key(0)] }, PURPOSE, client, futureEntry),
    );

    const notHosted = await x.w.publish(exchangeContent({ name: '未托管' }));
    await expectRefusal(
      'EXCHANGE_NOT_HOSTED',
      404,
      await query({ keys: [key(0)] }, PURPOSE, client, notHosted),
    );
    await x.platform.storage.db
      .updateTable('exchange_resource')
      .set({ status: 'suspended' })
      .where('entry_id', '=', futureEntry)
      .execute();
    await expectRefusal(
      'EXCHANGE_RESOURCE_SUSPENDED',
      409,
      await query({ keys: [key(0)] }, PURPOSE, client, futureEntry),
    );

    const refused = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['detail', 'resource_id', 'actor_id', 'action'])
      .where('resource_id', 'in', [entryId, expiredEntry, futureEntry, notHosted])
      .orderBy('seq')
      .execute();
    const audited = refused.map((e) => JSON.parse(e.detail).refused).filter(Boolean);
    expect(audited).toEqual(codes);
    expect(refused.every((e) => e.actor_id === client.id)).toBe(true);
  });

  it('a department user reads too; the provider cannot read its own data through a grant it lacks', async () => {
    const asUser = await query({ keys: [key(0)] }, PURPOSE, x.w.hrss as unknown as ApiRequester);
    expect(asUser.status, JSON.stringify(asUser.body)).toBe(200);
    const provider = await query({ keys: [key(0)] }, PURPOSE, x.w.police as unknown as ApiRequester);
    expect(provider.status).toBe(403);
  });
});

describe.each(DIALECTS)('read rate limits on %s', (dialect) => {
  let x: ExchangeWorld;

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, {
      records: 2,
      exchange: { ratePerGrantPerMinute: 3, ratePerClientPerMinute: 100 },
    });
  }, 180_000);
  afterAll(async () => x?.close());

  it('answers 429 with Retry-After past the grant limit, audited as a refusal', async () => {
    const grantId = await x.grant(['公民身份号码', '参保状态'], ['online_query', 'batch_download']);
    const client = await x.apiClient(x.w.departments.hrss);
    const key = String(x.records[0]?.公民身份号码);
    const statuses: number[] = [];
    let last: Answer | undefined;
    for (let i = 0; i < 4; i++) {
      last = await client.request(
        'POST',
        `${EXCHANGE_API}/resources/${x.entryId}/query`,
        { keys: [key] },
        PURPOSE,
      );
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last?.body.error.code).toBe('EXCHANGE_RATE_LIMITED');
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    // Downloads count against the same grant.
    const download = await client.request(
      'GET',
      `${EXCHANGE_API}/resources/${x.entryId}/download`,
      undefined,
      PURPOSE,
    );
    expect(download.status).toBe(429);
    const refused = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['detail', 'grant_id'])
      .where('resource_id', '=', x.entryId)
      .where('action', 'in', ['exchange.query', 'exchange.download'])
      .orderBy('seq')
      .execute();
    const limited = refused.filter((e) => JSON.parse(e.detail).refused === 'EXCHANGE_RATE_LIMITED');
    expect(limited).toHaveLength(2);
    expect(limited.every((e) => e.grant_id === grantId)).toBe(true);
    expect(JSON.parse(limited[0]?.detail ?? '{}').status).toBe(429);
  });
});
