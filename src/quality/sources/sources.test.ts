import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryContent } from '../../catalog/model.js';
import { item } from '../../catalog/test-support/content.js';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  exchangeContent,
  startExchangeWorld,
} from '../../exchange/test-support/index.js';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';

const API = '/api/v1/quality/sources';
type Notice = { kind: string; case: { id: string } | null };

/** 人社's own record of the insured: it also collects 姓名, keyed by 公民身份号码 like the police's. */
const hrssContent = (): EntryContent =>
  exchangeContent({
    name: '社会保险参保人员信息',
    items: [
      item({ name: '公民身份号码', length: 18, isKey: true, keyKind: 'resident_id' }),
      item({ name: '姓名', length: 50 }),
      item({ name: '参保状态', length: 10, personal: false }),
    ],
  });

describe.each(DIALECTS)('one data, one source (一数一源) on %s', (dialect) => {
  let x: ExchangeWorld;
  let hrssEntry: string;
  let sourceId: string;
  const ok = async (client: OrgClient, method: string, url: string, body?: unknown) => {
    const res = await client.request(method, url, body);
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const inbox = async (client: OrgClient) =>
    (await client.request('GET', '/api/v1/sharing/notices?pageSize=200')).body.items as Notice[];
  const audited = async (action: string) =>
    (
      await x.platform.storage.db
        .selectFrom('audit_entry')
        .select('action')
        .where('action', '=', action)
        .execute()
    ).length;
  const sources = () => x.platform.services.quality.sources;

  beforeAll(async () => {
    x = await startExchangeWorld(dialect);
    const { w } = x;
    // 人社 catalogs, publishes and hosts its own resource with the same people, two names differing.
    const created = await ok(w.hrss, 'POST', '/api/v1/catalog/entries', { content: hrssContent() });
    hrssEntry = created.id;
    await ok(w.hrss, 'POST', `/api/v1/catalog/entries/${hrssEntry}/submit`, {});
    await ok(w.authority, 'POST', `/api/v1/catalog/entries/${hrssEntry}/ratify`, {});
    await ok(w.hrss, 'POST', `/api/v1/catalog/entries/${hrssEntry}/publish`, {});
    await ok(w.hrss, 'POST', `${EXCHANGE_API}/resources`, { entryId: hrssEntry });
    const records = x.records.map((r, i) => ({
      公民身份号码: r.公民身份号码,
      姓名: i === 1 ? '李肆' : i === 3 ? '赵陆' : r.姓名,
      参保状态: '正常',
    }));
    await ok(w.hrss, 'POST', `${EXCHANGE_API}/resources/${hrssEntry}/batches`, {
      ops: records.map((record) => ({ op: 'upsert', record })),
    });
  });
  afterAll(() => x?.close());

  it('R76 N07 the authority designates one source per data item; a second is refused until the first ends', async () => {
    const { w } = x;
    const body = {
      itemName: '姓名',
      departmentId: w.departments.police,
      entryId: x.entryId,
      basis: '户籍管理职责',
    };
    const byDepartment = await w.police.request('POST', API, body);
    expect(byDepartment.body.error.code).toBe('FORBIDDEN');
    const res = await w.authority.request('POST', API, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      itemName: '姓名',
      status: 'active',
      department: { id: w.departments.police },
    });
    sourceId = res.body.id;
    const second = await w.authority.request('POST', API, {
      itemName: '姓名',
      departmentId: w.departments.hrss,
      entryId: hrssEntry,
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('SOURCE_ALREADY_DESIGNATED');
    const missing = await w.authority.request('POST', API, {
      itemName: '婚姻状况',
      departmentId: w.departments.police,
      entryId: x.entryId,
    });
    expect(missing.body.error.code).toBe('SOURCE_ITEM_NOT_IN_RESOURCE');
    const notProvider = await w.authority.request('POST', API, {
      itemName: '出生日期',
      departmentId: w.departments.hrss,
      entryId: x.entryId,
    });
    expect(notProvider.body.error.code).toBe('SOURCE_NOT_PROVIDER');
    // Ended, the item may be designated again.
    const birth = await ok(w.authority, 'POST', API, {
      itemName: '出生日期',
      departmentId: w.departments.police,
      entryId: x.entryId,
    });
    const again = await w.authority.request('POST', API, { ...body, itemName: '出生日期' });
    expect(again.body.error.code).toBe('SOURCE_ALREADY_DESIGNATED');
    expect(
      (await w.hrss.request('POST', `${API}/designations/${birth.id}/end`, { reason: '调整' })).body.error
        .code,
    ).toBe('FORBIDDEN');
    const ended = await ok(w.authority, 'POST', `${API}/designations/${birth.id}/end`, {
      reason: '职责调整',
    });
    expect(ended).toMatchObject({ status: 'ended', endReason: '职责调整' });
    expect((await w.authority.request('POST', API, { ...body, itemName: '出生日期' })).status).toBe(201);
    // Everyone signed in reads the registry; each designation and ending is on the audit trail.
    const list = await ok(w.hrssUser, 'GET', `${API}?status=active&item=${encodeURIComponent('姓名')}`);
    expect(list.total).toBe(1);
    expect(list.items[0].entry.id).toBe(x.entryId);
    expect(await audited('quality.source.designate')).toBe(3);
    expect(await audited('quality.source.end')).toBe(1);
  });

  it('R77 an entry collecting an item the source provides is flagged once, seen by its department, decided by the authority', async () => {
    const { w } = x;
    // Raised when the source was designated (published entry), and never twice by the job.
    expect(await sources().detectDuplicates()).toBe(0);
    const flags = await ok(w.authority, 'GET', `${API}/duplicates`);
    expect(flags.total).toBe(1);
    const flag = flags.items[0];
    expect(flag).toMatchObject({
      status: 'flagged',
      itemName: '姓名',
      entry: { id: hrssEntry, status: 'published' },
      source: { id: sourceId, entry: { id: x.entryId } },
      allowedActions: ['use_source', 'lawful'],
    });
    expect(flag.number).toMatch(/^CF-2026-\d{6}$/);
    expect(
      (await inbox(w.authority)).some((n) => n.kind === 'source.duplicate_flagged' && n.case?.id === flag.id),
    ).toBe(true);
    // A submitted entry of another department in the jurisdiction is flagged by the job.
    const county = await ok(w.countyAdmin, 'POST', '/api/v1/catalog/entries', {
      content: { ...hrssContent(), name: '县级参保人员名册' },
    });
    await ok(w.countyAdmin, 'POST', `/api/v1/catalog/entries/${county.id}/submit`, {});
    expect(await sources().detectDuplicates()).toBe(1);
    expect(await sources().detectDuplicates()).toBe(0);
    const countyFlags = await ok(w.countyAdmin, 'GET', `${API}/duplicates`);
    expect(countyFlags.items.map((f: { entry: { id: string; status: string } }) => f.entry)).toEqual([
      { id: county.id, code: expect.any(String), name: '县级参保人员名册', status: 'submitted' },
    ]);
    // The department sees its own flag only, and may not decide it.
    expect((await ok(w.hrss, 'GET', `${API}/duplicates`)).total).toBe(1);
    expect((await w.countyAdmin.request('GET', `${API}/duplicates/${flag.id}`)).status).toBe(404);
    expect(
      (await w.hrss.request('POST', `${API}/duplicates/${flag.id}/use-source`, {})).body.error.code,
    ).toBe('FORBIDDEN');
    const blank = await w.authority.request('POST', `${API}/duplicates/${flag.id}/lawful`, {
      reason: '  ',
      legalBasis: { kind: 'law', title: '《中华人民共和国社会保险法》', article: '第五十七条' },
    });
    expect(blank.body.error.code).toBe('SOURCE_TEXT_REQUIRED');
    const lawful = await ok(w.authority, 'POST', `${API}/duplicates/${flag.id}/lawful`, {
      reason: '参保登记须由社会保险经办机构核实采集',
      legalBasis: { kind: 'law', title: '《中华人民共和国社会保险法》', article: '第五十七条' },
    });
    expect(lawful).toMatchObject({
      status: 'lawful',
      legalBasis: { title: '《中华人民共和国社会保险法》', article: '第五十七条' },
      allowedActions: [],
    });
    expect(lawful.timeline.map((e: { action: string }) => e.action)).toEqual(['flag', 'lawful']);
    expect((await inbox(w.hrss)).some((n) => n.kind === 'source.lawful' && n.case?.id === flag.id)).toBe(
      true,
    );
    const again = await w.authority.request('POST', `${API}/duplicates/${flag.id}/use-source`, {});
    expect(again.body.error.code).toBe('SOURCE_DUPLICATE_INVALID_STATE');
    const told = await ok(w.authority, 'POST', `${API}/duplicates/${countyFlags.items[0].id}/use-source`, {
      note: '请通过共享获取',
    });
    expect(told.status).toBe('use_source');
    expect(await audited('quality.source.duplicate.lawful')).toBe(1);
    expect(await audited('quality.source.duplicate.use_source')).toBe(1);
  });

  let conflictId: string;
  it('R78 R79 the comparison job opens a conflict case listing exactly the differing records', async () => {
    const { w } = x;
    expect(await sources().compare()).toBe(1);
    expect(await sources().compare()).toBe(0);
    const list = await ok(w.authority, 'GET', `${API}/conflicts`);
    expect(list.total).toBe(1);
    expect(list.items[0].differences).toBeUndefined();
    conflictId = list.items[0].id;
    const reads = await audited('quality.source.conflict.read');
    const detail = await ok(w.authority, 'GET', `${API}/conflicts/${conflictId}`);
    expect(detail).toMatchObject({
      status: 'open',
      keyItem: '公民身份号码',
      items: ['姓名'],
      comparedCount: 5,
      differenceCount: 2,
      source: { entry: { id: x.entryId } },
      other: { entry: { id: hrssEntry } },
    });
    const expected = [1, 3].map((i) => ({
      key: x.records[i]?.公民身份号码,
      item: '姓名',
      sourceValue: x.records[i]?.姓名,
      otherValue: i === 1 ? '李肆' : '赵陆',
    }));
    expect([...detail.differences].sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      expected.sort((a, b) => String(a.key).localeCompare(String(b.key))),
    );
    // Both parties read it (audited); a department outside the case does not.
    expect((await w.hrss.request('GET', `${API}/conflicts/${conflictId}`)).status).toBe(200);
    expect((await w.police.request('GET', `${API}/conflicts/${conflictId}`)).status).toBe(200);
    expect((await w.countyAdmin.request('GET', `${API}/conflicts/${conflictId}`)).status).toBe(404);
    expect((await w.hrssUser.request('GET', `${API}/conflicts/${conflictId}`)).status).toBe(404);
    expect((await ok(w.countyAdmin, 'GET', `${API}/conflicts`)).total).toBe(0);
    expect(await audited('quality.source.conflict.read')).toBe(reads + 3);
    expect(
      (await inbox(w.hrss)).some((n) => n.kind === 'source.conflict_detected' && n.case?.id === conflictId),
    ).toBe(true);

    // The comparison feeds the other resource's score: 3 of the 5 names stated on both sides agree.
    await x.platform.services.quality.scores.refreshAll();
    const score = await ok(w.hrss, 'GET', `/api/v1/quality/scores/${hrssEntry}`);
    expect(score.agreement).toBe(0.6);
    const measured = [score.completeness, score.validity, 0.6].filter((m) => m !== null) as number[];
    expect(score.score).toBeCloseTo((measured.reduce((a, b) => a + b, 0) / measured.length) * 100, 1);
    // The source of record is the reference: it has no agreement of its own.
    expect((await ok(w.police, 'GET', `/api/v1/quality/scores/${x.entryId}`)).agreement).toBeNull();
  });

  it('R79 the authority refers the conflict to the wrong side as a verification request; it resolves when that closes', async () => {
    const { w } = x;
    expect(
      (await w.hrss.request('POST', `${API}/conflicts/${conflictId}/refer`, { side: 'other' })).body.error
        .code,
    ).toBe('FORBIDDEN');
    const referred = await ok(w.authority, 'POST', `${API}/conflicts/${conflictId}/refer`, {
      side: 'other',
      note: '以户籍登记为准',
    });
    expect(referred).toMatchObject({ status: 'referred', wrongSide: 'other' });
    const verification = referred.verification;
    expect(verification.number).toBeTruthy();
    const request = await ok(w.hrss, 'GET', `/api/v1/quality/corrections/${verification.id}`);
    expect(request.entry.id).toBe(hrssEntry);
    expect(request.records).toHaveLength(2);
    expect(await sources().conflicts.sweep()).toBe(0);
    // 人社 corrects its records through the write path; the conflict closes with the request.
    await ok(w.hrss, 'POST', `/api/v1/quality/corrections/${verification.id}/correct`, {
      records: [1, 3].map((i) => ({
        op: 'upsert',
        record: { 公民身份号码: x.records[i]?.公民身份号码, 姓名: x.records[i]?.姓名, 参保状态: '正常' },
      })),
      note: '已按户籍信息更正',
    });
    expect(await sources().conflicts.sweep()).toBe(1);
    const resolved = await ok(w.authority, 'GET', `${API}/conflicts/${conflictId}`);
    expect(resolved.status).toBe('resolved');
    expect(resolved.timeline.map((e: { action: string }) => e.action)).toEqual([
      'detect',
      'refer',
      'close_referral',
    ]);
    // The corrected data no longer differs: no new case.
    expect(await sources().compare()).toBe(0);
    expect((await ok(w.hrss, 'GET', `/api/v1/quality/scores/${hrssEntry}`)).agreement).toBe(1);
  });

  it('R79 a new difference opens a new case, which the authority may resolve directly with a note', async () => {
    const { w } = x;
    await ok(w.hrss, 'POST', `${EXCHANGE_API}/resources/${hrssEntry}/batches`, {
      ops: [
        {
          op: 'upsert',
          record: { 公民身份号码: x.records[0]?.公民身份号码, 姓名: '张叁', 参保状态: '正常' },
        },
      ],
    });
    expect(await sources().compare()).toBe(1);
    const open = (await ok(w.authority, 'GET', `${API}/conflicts?status=open`)).items[0];
    expect(open.differenceCount).toBe(1);
    const blank = await w.authority.request('POST', `${API}/conflicts/${open.id}/resolve`, { note: ' ' });
    expect(blank.body.error.code).toBe('SOURCE_TEXT_REQUIRED');
    const done = await ok(w.authority, 'POST', `${API}/conflicts/${open.id}/resolve`, {
      note: '系同音字录入差异，已核实为同一人',
    });
    expect(done).toMatchObject({ status: 'resolved', resolutionNote: '系同音字录入差异，已核实为同一人' });
    // The same differences, already handled, open no second case.
    expect(await sources().compare()).toBe(0);
  });
  it('R78 compares resources keyed by the same composite key even when each lists its key items in another order', async () => {
    const { w } = x;
    const items = {
      code: item({ name: '登记编号', length: 20, isKey: true, keyKind: 'other', personal: false }),
      year: item({ name: '年度', length: 4, isKey: true, keyKind: 'other', personal: false }),
      staff: item({ name: '核定人数', length: 10, personal: false }),
    };
    const policeEntry = await x.publishAndHost(
      exchangeContent({ name: '保安服务单位年度核定信息', items: [items.code, items.year, items.staff] }),
    );
    const created = await ok(w.hrss, 'POST', '/api/v1/catalog/entries', {
      content: exchangeContent({
        name: '用工单位年度参保人数',
        items: [items.year, items.code, items.staff],
      }),
    });
    await ok(w.hrss, 'POST', `/api/v1/catalog/entries/${created.id}/submit`, {});
    await ok(w.authority, 'POST', `/api/v1/catalog/entries/${created.id}/ratify`, {});
    await ok(w.hrss, 'POST', `/api/v1/catalog/entries/${created.id}/publish`, {});
    await ok(w.hrss, 'POST', `${EXCHANGE_API}/resources`, { entryId: created.id });
    const rows = [
      ['DJ001', '2025', '12'],
      ['DJ002', '2025', '30'],
      ['DJ001', '2026', '15'],
    ];
    await ok(w.police, 'POST', `${EXCHANGE_API}/resources/${policeEntry}/batches`, {
      ops: rows.map(([code, year, staff]) => ({
        op: 'upsert',
        record: { 登记编号: code, 年度: year, 核定人数: staff },
      })),
    });
    await ok(w.hrss, 'POST', `${EXCHANGE_API}/resources/${created.id}/batches`, {
      ops: rows.map(([code, year, staff], i) => ({
        op: 'upsert',
        record: { 年度: year, 登记编号: code, 核定人数: i === 2 ? '16' : staff },
      })),
    });
    await ok(w.authority, 'POST', API, {
      itemName: '核定人数',
      departmentId: w.departments.police,
      entryId: policeEntry,
      basis: '保安服务许可职责',
    });
    expect(await sources().compare()).toBe(1);
    const conflict = (await ok(w.authority, 'GET', `${API}/conflicts?status=open`)).items[0];
    const detail = await ok(w.authority, 'GET', `${API}/conflicts/${conflict.id}`);
    expect(detail).toMatchObject({
      keyItem: '登记编号+年度',
      items: ['核定人数'],
      comparedCount: 3,
      differenceCount: 1,
      other: { entry: { id: created.id } },
    });
    // The difference is named by the other resource's own key, in its own order (年度 first).
    expect(detail.differences).toEqual([
      { key: JSON.stringify(['2026', 'DJ001']), item: '核定人数', sourceValue: '15', otherValue: '16' },
    ]);
    await x.platform.services.quality.scores.refreshAll();
    expect((await ok(w.hrss, 'GET', `/api/v1/quality/scores/${created.id}`)).agreement).toBeCloseTo(2 / 3, 4);
  });
});
