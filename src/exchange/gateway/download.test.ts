import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablesOf } from '../../platform/db/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { RecordValues } from '../model.js';
import {
  type ApiRequester,
  EXCHANGE_API,
  type ExchangeWorld,
  exchangeContent,
  residentId,
  startExchangeWorld,
} from '../test-support/index.js';
import type { GatewayTables } from './schema.js';

const PURPOSE = { 'x-govshare-purpose': 'data_verification' };
const GRANTED = ['公民身份号码', '姓名', '出生日期', '参保状态'];
const BOM = '\ufeff';

/** The consumer's check: the digest of the data lines' bytes, as the manifest states it. */
const digestOf = (algorithm: string, text: string) =>
  createHash(algorithm).update(text, 'utf8').digest('hex');

describe.each(DIALECTS)('batch download on %s', (dialect) => {
  let x: ExchangeWorld;
  let client: ApiRequester;
  let grantId: string;

  const download = async (query: string, entryId = x.entryId, headers: Record<string, string> = PURPOSE) => {
    const res = await x.platform.http.inject({
      method: 'GET',
      url: `${EXCHANGE_API}/resources/${entryId}/download${query}`,
      headers: { authorization: `Bearer ${client.token}`, ...headers },
    });
    return res;
  };
  const manifestOf = async (id: string, as: ApiRequester = client) =>
    as.request('GET', `${EXCHANGE_API}/downloads/${id}/manifest`);
  const ndjson = (body: string) => {
    const lines = body.split('\n').filter((l) => l !== '');
    const last = lines.at(-1) ?? '{}';
    return {
      records: lines.slice(0, -1).map((l) => JSON.parse(l) as RecordValues),
      manifest: JSON.parse(last).manifest,
      data: body.slice(0, body.length - last.length - 1),
    };
  };
  const sortedKeys = () => x.records.map((r) => String(r.公民身份号码)).sort();

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { records: 12 });
    grantId = await x.grant(GRANTED, ['batch_download']);
    client = await x.apiClient(x.w.departments.hrss);
  }, 180_000);
  afterAll(async () => x?.close());

  it('streams CSV with a BOM and a header of item names, masked, in key order; the manifest verifies', async () => {
    const res = await download('');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith(BOM)).toBe(true);
    const lines = res.body.slice(1).split('\r\n');
    // The last column marks records under verification (R83): none here.
    expect(lines[0]).toBe([...GRANTED, 'under_verification'].join(','));
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => r.split(',')[0])).toEqual(
      sortedKeys().map((k) => `${k.slice(0, 6)}********${k.slice(-4)}`),
    );
    expect(res.body).not.toContain('缴费基数');
    expect(res.body).not.toContain('5000.5');
    for (const record of x.records) expect(res.body).not.toContain(String(record.公民身份号码));

    const id = String(res.headers['x-govshare-download-id']);
    const manifest = await manifestOf(id);
    expect(manifest.status, JSON.stringify(manifest.body)).toBe(200);
    expect(manifest.body).toMatchObject({
      downloadId: id,
      rows: 12,
      grantId,
      status: 'complete',
      items: GRANTED,
    });
    const data = res.body.slice(BOM.length + String(lines[0]).length + 2);
    expect(digestOf(manifest.body.algorithm, data)).toBe(manifest.body.digest);
    expect(manifest.body[manifest.body.algorithm]).toBe(manifest.body.digest);
    // The key items reach this reader masked: no raw key in the manifest, only a resume token.
    expect(manifest.body.lastKey).toBeNull();
    expect(manifest.body.resume).toEqual(expect.any(String));
    expect(res.trailers['x-govshare-rows']).toBe('12');
    expect(res.trailers['x-govshare-digest']).toBe(`${manifest.body.algorithm}=${manifest.body.digest}`);
  });

  it('streams NDJSON ending with the manifest line; the consumer recomputes the digest', async () => {
    const res = await download('?format=ndjson&items=参保状态,姓名');
    expect(res.statusCode, res.body).toBe(200);
    const { records, manifest, data } = ndjson(res.body);
    expect(records).toHaveLength(12);
    // Items come in the resource's order, whatever order they were asked in.
    for (const record of records) expect(Object.keys(record)).toEqual(['姓名', '参保状态']);
    expect(manifest).toMatchObject({
      rows: 12,
      format: 'ndjson',
      items: ['姓名', '参保状态'],
      snapshotSeq: 12,
    });
    expect(digestOf(manifest.algorithm, data)).toBe(manifest.digest);
    expect((await manifestOf(manifest.downloadId)).body.digest).toBe(manifest.digest);
  });

  it('never lets an ungranted item out, and needs the purpose', async () => {
    const ungranted = await download('?items=参保状态,缴费基数');
    expect(ungranted.statusCode).toBe(403);
    expect(JSON.parse(ungranted.body).error.code).toBe('GRANT_ITEM_NOT_GRANTED');
    const missing = await download('', x.entryId, {});
    expect(missing.statusCode).toBe(400);
    expect(JSON.parse(missing.body).error.code).toBe('EXCHANGE_PURPOSE_REQUIRED');
    const blank = await download('?items=参保状态,,姓名');
    expect(blank.statusCode).toBe(400);
  });

  it('writes one access entry per download before the data, completed by the manifest row', async () => {
    const count = async () =>
      (
        await x.platform.storage.db
          .selectFrom('audit_entry')
          .select(['detail', 'method', 'grant_id', 'actor_id'])
          .where('resource_id', '=', x.entryId)
          .where('action', '=', 'exchange.download')
          .orderBy('seq')
          .execute()
      ).map((e) => ({ ...e, detail: JSON.parse(e.detail) }));
    const before = (await count()).length;
    const res = await download('?format=ndjson');
    const entries = (await count()).slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      method: 'download',
      grant_id: grantId,
      actor_id: client.id,
      detail: { downloadId: res.headers['x-govshare-download-id'], format: 'ndjson', after: null },
    });
    const row = await tablesOf<GatewayTables>(x.platform.storage.db)
      .selectFrom('exchange_download')
      .selectAll()
      .where('id', '=', String(res.headers['x-govshare-download-id']))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'complete', grant_id: grantId });
    expect(Number(row.rows)).toBe(12);
    expect(Number(row.audit_seq)).toBeGreaterThan(0);
  });

  it('resumes after the last key received when the keys are in clear', async () => {
    const entryId = await x.publishAndHost(exchangeContent({ name: '续传测试' }));
    const write = await x.w.police.request('POST', `${EXCHANGE_API}/resources/${entryId}/batches`, {
      ops: x.records.map((record) => ({ op: 'upsert', record })),
    });
    expect(write.status).toBe(200);
    await x.grant(GRANTED, ['batch_download'], { entryId, clearItems: ['公民身份号码'] });
    const whole = ndjson((await download('?format=ndjson', entryId)).body);
    expect(whole.records.map((r) => r.公民身份号码)).toEqual(sortedKeys());
    expect(whole.manifest.lastKey).toBe(sortedKeys().at(-1));
    const cut = String(whole.records[4]?.公民身份号码);
    const rest = ndjson((await download(`?format=ndjson&after=${cut}`, entryId)).body);
    expect(rest.records).toEqual(whole.records.slice(5));
    expect(rest.manifest).toMatchObject({ rows: 7, after: cut });
    expect(digestOf(rest.manifest.algorithm, rest.data)).toBe(rest.manifest.digest);
    // CSV resumes alike.
    const csv = await download(`?after=${cut}`, entryId);
    expect(csv.body.slice(1).split('\r\n').slice(1, -1)).toHaveLength(7);
  });

  it('with masked keys, resumes only from a resume token (a raw key could bisect the masked digits)', async () => {
    const raw = await download(`?format=ndjson&after=${sortedKeys()[3]}`);
    expect(raw.statusCode).toBe(400);
    expect(JSON.parse(raw.body).error.code).toBe('EXCHANGE_CURSOR_INVALID');
    const first = ndjson((await download('?format=ndjson')).body);
    const next = ndjson((await download(`?format=ndjson&after=${first.manifest.resume}`)).body);
    expect(next.manifest).toMatchObject({ rows: 0, status: 'complete' });
    expect(next.records).toEqual([]);
  });

  it('shows a manifest to its own department only', async () => {
    const res = await download('?format=ndjson');
    const id = String(res.headers['x-govshare-download-id']);
    const police = await x.apiClient(x.w.departments.police);
    const other = await manifestOf(id, police);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('EXCHANGE_DOWNLOAD_NOT_FOUND');
    expect((await manifestOf('no-such-download')).status).toBe(404);
  });
  it('with the read cache on, a suspension reaches key queries within about a second', async () => {
    const entryId = await x.publishAndHost(exchangeContent({ name: '缓存测试' }));
    const grant = await x.grant(['公民身份号码'], ['online_query'], { entryId });
    const reader = await x.apiClient(x.w.departments.hrss, '缓存测试系统');
    const ask = () =>
      reader.request(
        'POST',
        `${EXCHANGE_API}/resources/${entryId}/query`,
        { filter: { 公民身份号码: String(x.records[0]?.公民身份号码) } },
        PURPOSE,
      );
    expect((await ask()).status).toBe(200);
    const suspended = await x.w.police.request('POST', `/api/v1/sharing/grants/${grant}/suspend`, {
      reason: '核查',
    });
    expect(suspended.status).toBe(200);
    const started = performance.now();
    let status = 200;
    while (status === 200 && performance.now() - started < 3000) {
      status = (await ask()).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(403);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe.each(DIALECTS)('a 50,000-row download on %s', (dialect) => {
  let x: ExchangeWorld;
  const ROWS = 50_000;

  beforeAll(async () => {
    x = await startExchangeWorld(dialect, { records: 0 });
    const day = Date.UTC(1950, 0, 1);
    for (let from = 0; from < ROWS; from += 5000) {
      const ops = Array.from({ length: 5000 }, (_, n) => {
        const i = from + n;
        const birth = new Date(day + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
        return {
          op: 'insert',
          record: {
            公民身份号码: residentId(birth.replaceAll('-', ''), Math.floor(i / 20_000) + 1),
            姓名: `测试${i}`,
            参保状态: i % 2 ? '正常' : '暂停',
          },
        };
      });
      const res = await x.w.police.request('POST', `${EXCHANGE_API}/resources/${x.entryId}/batches`, { ops });
      if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
    }
  }, 600_000);
  afterAll(async () => x?.close());

  it('streams every row over HTTP in keyset batches; rows and digest match the manifest', async () => {
    await x.grant(['公民身份号码', '姓名', '参保状态'], ['batch_download'], { clearItems: ['公民身份号码'] });
    const client = await x.apiClient(x.w.departments.hrss);
    await x.platform.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = x.platform.http.server.address() as AddressInfo;
    const res = await fetch(
      `http://127.0.0.1:${port}${EXCHANGE_API}/resources/${x.entryId}/download?format=ndjson`,
      {
        headers: { authorization: `Bearer ${client.token}`, ...PURPOSE },
      },
    );
    expect(res.status).toBe(200);
    // Read as a stream, the way a consumer would, hashing line by line.
    const decoder = new TextDecoder();
    let pending = '';
    let rows = 0;
    let previous = '';
    let manifest: Record<string, unknown> | undefined;
    const lines: string[] = [];
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(chunk, { stream: true });
      let at = pending.indexOf('\n');
      while (at >= 0) {
        const line = pending.slice(0, at);
        pending = pending.slice(at + 1);
        if (line.startsWith('{"manifest"')) manifest = JSON.parse(line).manifest;
        else {
          const key = String(JSON.parse(line).公民身份号码);
          expect(key > previous || rows === 0).toBe(true);
          previous = key;
          rows += 1;
          lines.push(`${line}\n`);
        }
        at = pending.indexOf('\n');
      }
    }
    expect(rows).toBe(ROWS);
    expect(manifest).toMatchObject({ rows: ROWS, status: 'complete' });
    expect(digestOf(String(manifest?.algorithm), lines.join(''))).toBe(manifest?.digest);
  }, 300_000);
});
