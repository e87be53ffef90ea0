import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { RecordValues } from '../model.js';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  residentId,
  sampleRecords,
  startExchangeWorld,
} from '../test-support/index.js';

describe.each(DIALECTS)('writing hosted records in batches on %s', (dialect) => {
  let x: ExchangeWorld;
  let url: string;
  const batch = (ops: unknown[], extra: Record<string, unknown> = {}) =>
    x.w.police.request('POST', url, { ops, ...extra });
  const changes = async (after: number) =>
    (await x.w.police.request('GET', `${EXCHANGE_API}/resources/${x.entryId}/change-log?after=${after}`))
      .body;
  const stored = async (key: string) => {
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${sql.id(x.resource.table)} where _key = ${key}`.execute(x.platform.storage.db);
    return rows[0];
  };

  beforeAll(async () => {
    x = await startExchangeWorld(dialect);
    url = `${EXCHANGE_API}/resources/${x.entryId}/batches`;
  }, 120_000);
  afterAll(() => x?.close());

  it('numbers the sample records 1…5 in the change log', async () => {
    const log = await changes(0);
    expect(log.lastSeq).toBe(5);
    expect(log.changes.map((c: { seq: number; op: string }) => [c.seq, c.op])).toEqual([
      [1, 'insert'],
      [2, 'insert'],
      [3, 'insert'],
      [4, 'insert'],
      [5, 'insert'],
    ]);
    expect(log.changes[0].key).toBe(x.records[0]?.公民身份号码);
    expect(log.changes[0].source).toMatch(/^batch:/);
  });

  it('insert, upsert, delete and unchanged: exact seqs, one change per changing operation', async () => {
    const [a, b, c] = x.records as [RecordValues, RecordValues, RecordValues];
    const fresh: RecordValues = { ...a, 公民身份号码: residentId('19900101', 11), 姓名: '新人' };
    const res = await batch(
      [
        { op: 'upsert', record: a }, // identical: unchanged
        { op: 'upsert', record: { ...b, 参保状态: '终止' } }, // update → 6
        { op: 'insert', record: fresh }, // insert → 7
        { op: 'delete', record: { 公民身份号码: c.公民身份号码 } }, // delete → 8
        { op: 'delete', record: { 公民身份号码: residentId('19900101', 12) } }, // absent: unchanged
        { op: 'insert', record: fresh }, // identical insert: unchanged
      ],
      { source: 'node:test-1' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ applied: 3, unchanged: 3, rejected: [], firstSeq: 6, lastSeq: 8 });
    const log = await changes(5);
    expect(
      log.changes.map((ch: { seq: number; op: string; key: string; source: string }) => [
        ch.seq,
        ch.op,
        ch.key,
        ch.source,
      ]),
    ).toEqual([
      [6, 'update', b.公民身份号码, 'node:test-1'],
      [7, 'insert', fresh.公民身份号码, 'node:test-1'],
      [8, 'delete', c.公民身份号码, 'node:test-1'],
    ]);
    expect((await stored(String(b.公民身份号码)))?._seq).toBe(6);
    expect(await stored(String(c.公民身份号码))).toBeUndefined();
    const resource = await x.hosted();
    expect(resource).toMatchObject({ lastSeq: 8, rowCount: 5 });
    expect(resource.lastChangedAt).not.toBeNull();

    // Re-sending the whole batch (a node after a crash) changes nothing and logs nothing.
    const again = await batch([
      { op: 'upsert', record: { ...b, 参保状态: '终止' } },
      { op: 'upsert', record: fresh },
      { op: 'delete', record: { 公民身份号码: c.公民身份号码 } },
    ]);
    expect(again.body).toMatchObject({ applied: 0, unchanged: 3, firstSeq: null, lastSeq: null });
    expect((await x.hosted()).lastSeq).toBe(8);
  });

  it('a key written twice in one batch gets one change per change, the row the last seq', async () => {
    const key = residentId('19910202', 21);
    const base = { ...x.records[0], 公民身份号码: key };
    const res = await batch([
      { op: 'upsert', record: base },
      { op: 'upsert', record: { ...base, 姓名: '改名' } },
      { op: 'delete', record: { 公民身份号码: key } },
      { op: 'insert', record: { ...base, 姓名: '复名' } },
    ]);
    const first = res.body.firstSeq as number;
    expect(res.body).toMatchObject({ applied: 4, unchanged: 0, lastSeq: first + 3 });
    const log = await changes(first - 1);
    expect(log.changes.map((c: { op: string }) => c.op)).toEqual(['insert', 'update', 'delete', 'insert']);
    const row = await stored(key);
    expect(row?._seq).toBe(first + 3);
    expect(Object.values(row ?? {})).toContain('复名');
  });

  it('stores every data type and gives it back unchanged on re-send', async () => {
    const key = residentId('19850315', 31);
    const record = {
      公民身份号码: key.toLowerCase(),
      姓名: '数据类型',
      出生日期: '1985/03/15',
      参保状态: '正常',
      缴费基数: '007000.250',
      更新时间: '2026-09-01 16:30:00',
      是否有效: '是',
    };
    const res = await batch([{ op: 'upsert', record }]);
    expect(res.body.applied).toBe(1);
    const row = (await stored(key)) as Record<string, unknown>;
    expect(row).toBeDefined();
    // Same values in their other spellings: nothing changes.
    const same = await batch([
      {
        op: 'upsert',
        record: {
          ...record,
          公民身份号码: key,
          出生日期: '1985-03-15',
          缴费基数: '7000.25',
          更新时间: '2026-09-01T08:30:00Z',
          是否有效: true,
        },
      },
    ]);
    expect(same.body).toMatchObject({ applied: 0, unchanged: 1 });
  });

  it('all or nothing: a bad record rejects the batch with every problem and writes nothing', async () => {
    const before = await x.hosted();
    const good = { ...x.records[0], 公民身份号码: residentId('19700101', 41) };
    const badId = `${residentId('19700101', 42).slice(0, 17)}${residentId('19700101', 42).endsWith('0') ? '1' : '0'}`;
    const res = await batch([
      { op: 'upsert', record: good },
      { op: 'upsert', record: { ...good, 公民身份号码: badId } },
      { op: 'upsert', record: { ...good, 公民身份号码: residentId('19700101', 43), 出生日期: '2026-02-30' } },
      { op: 'upsert', record: { ...good, 公民身份号码: residentId('19700101', 44), 缴费基数: 'abc' } },
      { op: 'upsert', record: { ...good, 公民身份号码: residentId('19700101', 45), 是否有效: 'maybe' } },
      {
        op: 'upsert',
        record: { ...good, 公民身份号码: residentId('19700101', 46), 参保状态: '一二三四五六七八九十十一' },
      },
      { op: 'upsert', record: { ...good, 公民身份号码: residentId('19700101', 47), 血型: 'A' } },
      { op: 'upsert', record: { ...good, 公民身份号码: null } },
      {
        op: 'upsert',
        record: { ...good, 公民身份号码: residentId('19700101', 48), 更新时间: '2026-13-01T00:00:00' },
      },
    ]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('EXCHANGE_BATCH_REJECTED');
    expect(res.body.error.message).toContain('8');
    const problems = res.body.error.details.rejected.map(
      (r: { index: number; item?: string; problem: string }) => [r.index, r.item, r.problem],
    );
    expect(problems).toEqual([
      [1, '公民身份号码', 'identifier'],
      [2, '出生日期', 'date'],
      [3, '缴费基数', 'type'],
      [4, '是否有效', 'type'],
      [5, '参保状态', 'length'],
      [6, '血型', 'unknown_item'],
      [7, '公民身份号码', 'required'],
      [8, '更新时间', 'date'],
    ]);
    const after = await x.hosted();
    expect(after.lastSeq).toBe(before.lastSeq);
    expect(after.rowCount).toBe(before.rowCount);
    expect(await stored(String(good.公民身份号码))).toBeUndefined();
  });

  it('keep_good writes the good records and reports the bad ones; an insert over other values is rejected', async () => {
    const before = await x.hosted();
    const good = { ...x.records[0], 公民身份号码: residentId('19720101', 51) };
    const res = await batch(
      [
        { op: 'upsert', record: good },
        { op: 'upsert', record: { ...good, 公民身份号码: residentId('19720101', 52), 缴费基数: '1e5' } },
        { op: 'insert', record: { ...x.records[0], 姓名: '冒名' } },
      ],
      { mode: 'keep_good' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: 1, unchanged: 0, firstSeq: before.lastSeq + 1 });
    expect(res.body.rejected.map((r: { index: number; problem: string }) => [r.index, r.problem])).toEqual([
      [1, 'type'],
      [2, 'exists'],
    ]);
    expect((await x.hosted()).rowCount).toBe(before.rowCount + 1);
  });

  it('only the provider department writes: not the consumer, not the operator (R63), not an outsider API client', async () => {
    const ops = [{ op: 'upsert', record: x.records[0] }];
    for (const client of [x.w.hrss, x.w.hrssUser, x.w.sysadmin, x.w.authority, x.w.auditadmin]) {
      const res = await client.request('POST', url, { ops });
      expect(res.status).toBe(403);
    }
    const outsider = await x.apiClient(x.w.departments.hrss);
    expect((await outsider.request('POST', url, { ops })).status).toBe(403);
    // The provider's own system (front-end node) writes as a department user (R91).
    const node = await x.apiClient(x.w.departments.police);
    const own = await node.request('POST', url, { ops, source: 'node:police-1' });
    expect(own.status).toBe(200);
    expect(own.body.unchanged).toBe(1);
    const hosting = await x.w.policeUser.request('POST', `${EXCHANGE_API}/resources/${x.entryId}/sync`);
    expect(hosting.status).toBe(403);
  });

  it('audits each batch with counts only', async () => {
    const res = await batch([{ op: 'upsert', record: { ...x.records[1], 参保状态: '审计' } }]);
    const entry = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'detail'])
      .where('action', '=', 'exchange.batch')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const detail = typeof entry.detail === 'string' ? JSON.parse(entry.detail) : entry.detail;
    expect(detail).toMatchObject({ applied: 1, unchanged: 0, rejected: 0, lastSeq: res.body.lastSeq });
    expect(JSON.stringify(detail)).not.toContain(String(x.records[1]?.公民身份号码));
  });

  it('validates the body: operation kind and batch size', async () => {
    expect((await batch([{ op: 'replace', record: {} }])).status).toBe(400);
    expect((await batch([])).status).toBe(400);
    const tooMany = Array.from({ length: 5001 }, () => ({ op: 'delete', record: { 公民身份号码: 'x' } }));
    expect((await batch(tooMany)).status).toBe(400);
    // R84: a change-log entry names a verification request only when that request's correction wrote it.
    const [record] = sampleRecords(1, 40);
    const posing = await batch([{ op: 'upsert', record }], { source: 'correction:JH-2026-000001' });
    expect(posing.status).toBe(400);
    expect((await batch([{ op: 'upsert', record }], { source: 'node:gongan-1' })).status).toBe(200);
  });

  // Only PostgreSQL runs writers concurrently; SQLite has one writer at a time.
  if (dialect === 'postgres')
    it('concurrent batches get gapless seqs in commit order', async () => {
      const start = (await x.hosted()).lastSeq;
      const runs = await Promise.all(
        Array.from({ length: 8 }, (_, n) =>
          batch(
            Array.from({ length: 25 }, (_, i) => ({
              op: 'upsert',
              record: {
                ...x.records[0],
                公民身份号码: residentId('19800101', 100 + n * 25 + i),
                姓名: `并发${n}`,
              },
            })),
          ),
        ),
      );
      for (const r of runs) expect(r.status).toBe(200);
      const ranges = runs.map((r) => [r.body.firstSeq, r.body.lastSeq]).sort((p, q) => p[0] - q[0]);
      expect(ranges[0]?.[0]).toBe(start + 1);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.[0]).toBe((ranges[i - 1]?.[1] ?? 0) + 1);
      const { rows } = await sql<{ n: number; lo: number; hi: number }>`
      select count(*) as n, min(seq) as lo, max(seq) as hi from exchange_change
      where resource_id = ${x.resource.id} and seq > ${start}`.execute(x.platform.storage.db);
      expect(Number(rows[0]?.n)).toBe(200);
      expect(Number(rows[0]?.hi) - Number(rows[0]?.lo) + 1).toBe(200);
    });
});
