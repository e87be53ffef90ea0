import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  exchangeContent,
  residentId,
  sampleRecords,
  startExchangeWorld,
} from '../../exchange/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { QualityServices } from '../index.js';
import { ruleOf } from './rules.js';

const API = '/api/v1/quality/scores';
/** 7 items; the rules check 公民身份号码 (check character), 出生日期 (1900 to today) and 更新时间 (after 1900). */
const ITEMS = 7;
const CHECKED_ITEMS = 3;

describe.each(DIALECTS)('R111 quality scores from the change log on %s (issue 16)', (dialect) => {
  let x: ExchangeWorld;
  let quality: QualityServices;

  beforeAll(async () => {
    x = await startExchangeWorld(dialect);
    quality = (x.platform.services as unknown as { quality: QualityServices }).quality;
  }, 120_000);
  afterAll(() => x?.close());

  const detail = async () => {
    const res = await x.w.police.request('GET', `${API}/${x.entryId}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const flags = () =>
    x.platform.storage.db
      .selectFrom('quality_score_flag')
      .select(['record_key', 'empty', 'invalid'])
      .where('entry_id', '=', x.entryId)
      .orderBy('record_key')
      .execute();

  it('scores a complete, valid resource 100 after its first full scan', async () => {
    const [outcome] = await quality.scores.refreshAll();
    expect(outcome).toMatchObject({ entryId: x.entryId, mode: 'full', records: 5, checkedSeq: 5 });
    expect(await detail()).toMatchObject({
      rows: 5,
      completeness: 1,
      validity: 1,
      agreement: null,
      score: 100,
    });
  });

  it('follows the change log: an empty name and a birth date in the future count against the score', async () => {
    const [a, b] = sampleRecords(2, 10);
    await x.write([
      { ...a, 姓名: null },
      { ...b, 出生日期: '2031-01-01' },
    ]);
    const [outcome] = await quality.scores.refreshAll();
    expect(outcome).toMatchObject({ mode: 'incremental', records: 2, checkedSeq: 7 });
    const d = await detail();
    expect(d.rows).toBe(7);
    expect(d.completeness).toBeCloseTo(1 - 1 / (7 * ITEMS), 4);
    expect(d.validity).toBeCloseTo(1 - 1 / (7 * CHECKED_ITEMS), 4);
    expect(d.score).toBeCloseTo(((1 - 1 / 49 + 1 - 1 / 21) / 2) * 100, 1);
    const name = d.items.find((i: { item: string }) => i.item === '姓名');
    expect(name).toMatchObject({ empty: 1, invalid: 0, rule: null });
    // Today's point of the history is the score now (the last run of the day stands).
    expect(d.history).toEqual([expect.objectContaining({ day: '2026-09-30', score: d.score, rows: 7 })]);
    const birth = d.items.find((i: { item: string }) => i.item === '出生日期');
    expect(birth).toMatchObject({ empty: 0, invalid: 1, rule: { zh: '须在 1900 年至今之间' } });
    expect((await flags()).map((f) => [f.empty, f.invalid])).toEqual(
      expect.arrayContaining([
        ['c2', ''],
        ['', 'c3'],
      ]),
    );
  });

  it('takes back what a corrected record counted, and counts a change applied twice once', async () => {
    const [a] = sampleRecords(1, 10);
    await x.write([a as Record<string, string>]);
    await quality.scores.refreshAll();
    expect(await detail()).toMatchObject({ completeness: 1 });
    expect(await flags()).toHaveLength(1);
    // The same changes again (a lost state write, a second node): the counts do not move.
    await x.platform.storage.db
      .updateTable('quality_score_state')
      .set({ checked_seq: 5 })
      .where('entry_id', '=', x.entryId)
      .execute();
    await quality.scores.refreshAll();
    const again = await detail();
    expect(again.completeness).toBe(1);
    expect(again.validity).toBeCloseTo(1 - 1 / 21, 4);
  });

  it('a deleted record takes its flags with it; a full rescan agrees with the incremental counts', async () => {
    const [, b] = sampleRecords(2, 10);
    const del = await x.w.police.request('POST', `/api/v1/exchange/resources/${x.entryId}/batches`, {
      ops: [{ op: 'delete', record: { 公民身份号码: b?.公民身份号码 ?? null } }],
    });
    expect(del.status).toBe(200);
    await quality.scores.refreshAll();
    const incremental = await detail();
    expect(incremental).toMatchObject({ rows: 6, completeness: 1, validity: 1, score: 100 });
    expect(await flags()).toHaveLength(0);
    const rescan = await x.w.police.request('POST', `${API}/${x.entryId}/rescan`);
    expect(rescan.status).toBe(200);
    expect(rescan.body).toMatchObject({ rows: 6, completeness: 1, validity: 1, score: 100 });
    expect((await detail()).scannedAt).not.toBeNull();
  });

  it('checks an item named as an identifier for its check character, and leaves free text unchecked', () => {
    const good = residentId('19800101', 3);
    const bad = `${good.slice(0, 17)}${good.endsWith('1') ? '2' : '1'}`;
    const rule = ruleOf({ item: '法定代表人公民身份号码', column: 'c9', dataType: 'C' }, '2026-09-30');
    expect(rule.invalid(bad)).toBe(true);
    expect(rule.invalid(good)).toBe(false);
    expect(ruleOf({ item: '备注', column: 'c9', dataType: 'C' }, '2026-09-30').validity).toBeNull();
  });

  it('checks items of the national code lists: 性别 (GB/T 2261.1), 民族 (GB/T 3304), 行政区划代码 (GB/T 2260)', () => {
    const sex = ruleOf({ item: '性别', column: 'c9', dataType: 'C' }, '2026-09-30');
    expect(sex.validity?.zh).toContain('GB/T 2261.1');
    for (const good of ['1', '2', '0', '9', '男', '女', '男性', '未说明的性别'])
      expect(sex.invalid(good)).toBe(false);
    for (const bad of ['3', 'M', '男女', '']) expect(sex.invalid(bad)).toBe(true);
    const ethnic = ruleOf({ item: '民族', column: 'c9', dataType: 'C' }, '2026-09-30');
    for (const good of ['01', '56', '97', '汉族', '基诺族', '柯尔克孜族'])
      expect(ethnic.invalid(good)).toBe(false);
    for (const bad of ['57', '1', '汉', '火星族']) expect(ethnic.invalid(bad)).toBe(true);
    const division = ruleOf({ item: '户籍地行政区划代码', column: 'c9', dataType: 'C' }, '2026-09-30');
    for (const good of ['110105', '440106', '810000']) expect(division.invalid(good)).toBe(false);
    for (const bad of ['990105', '11010', '1101050', '11A105']) expect(division.invalid(bad)).toBe(true);
    // A date-typed item or a free-text item of another name keeps its own rule.
    expect(ruleOf({ item: '性别说明', column: 'c9', dataType: 'C' }, '2026-09-30').validity).toBeNull();
  });

  it('shows a department its own scores, the authority and auditors theirs, and refuses others', async () => {
    const other = await x.w.hrss.request('GET', API);
    expect(other.status).toBe(200);
    expect(other.body).toEqual({ items: [], total: 0 });
    expect((await x.w.hrss.request('GET', `${API}/${x.entryId}`)).status).toBe(404);
    expect((await x.w.hrss.request('POST', `${API}/${x.entryId}/rescan`)).status).toBe(403);
    expect((await x.w.auditadmin.request('POST', `${API}/${x.entryId}/rescan`)).status).toBe(403);
    for (const reader of [x.w.police, x.w.authority, x.w.auditadmin, x.w.sysadmin]) {
      const list = await reader.request('GET', API);
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { entry: { id: string } }) => i.entry.id)).toEqual([x.entryId]);
    }
    const departments = await x.w.authority.request('GET', `${API}/departments`);
    expect(departments.body.items).toEqual([
      expect.objectContaining({
        department: { id: x.w.departments.police, name: '示范市公安局' },
        resources: 1,
        score: 100,
        history: [expect.objectContaining({ score: 100 })],
      }),
    ]);
  });

  it('lists the lowest score first and an unmeasured resource last, ordered and paged by the database', async () => {
    const poor = await x.publishAndHost(exchangeContent({ name: '人员参保核验信息（缺姓名）' }));
    const empty = await x.publishAndHost(exchangeContent({ name: '人员参保核验信息（无数据）' }));
    const res = await x.w.police.request('POST', `${EXCHANGE_API}/resources/${poor}/batches`, {
      ops: sampleRecords(4, 20).map((record) => ({ op: 'upsert', record: { ...record, 姓名: null } })),
    });
    expect(res.status).toBe(200);
    await quality.scores.refreshAll();
    const pages = [];
    for (const page of [1, 2, 3]) {
      const list = await x.w.authority.request('GET', `${API}?page=${page}&pageSize=1`);
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(3);
      pages.push(...list.body.items);
    }
    expect(pages.map((i: { entry: { id: string } }) => i.entry.id)).toEqual([poor, x.entryId, empty]);
    const [low, high, none] = pages as { score: number | null }[];
    expect(low?.score).toBeLessThan(high?.score ?? 0);
    expect(none?.score).toBeNull();
    // The order a page is cut from is the score the last run recorded on the resource's state.
    const stored = await x.platform.storage.db
      .selectFrom('quality_score_state')
      .select(['entry_id', 'score'])
      .where('entry_id', '=', poor)
      .executeTakeFirstOrThrow();
    expect(stored.score).toBeCloseTo(low?.score ?? -1, 1);
  });

  it('writes one audit entry per check that read records, never one per record', async () => {
    const entries = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['detail'])
      .where('action', '=', 'quality.scan')
      .where('target_id', '=', x.entryId)
      .execute();
    const modes = entries
      .map((e) => (typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail) as { mode: string })
      .map((d) => d.mode);
    expect(modes.filter((m) => m === 'full')).toHaveLength(2);
    expect(modes.filter((m) => m === 'incremental').length).toBeGreaterThanOrEqual(3);
  });
});
