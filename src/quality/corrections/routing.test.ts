import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { CORRECTIONS, type CorrectionWorld, nameClaim, startCorrectionWorld } from './test-support/index.js';

describe.each(DIALECTS)('R81 Guangzhou Art.22: requests go through the authority on %s', (dialect) => {
  let c: CorrectionWorld;
  beforeAll(async () => {
    c = await startCorrectionWorld(dialect, 'guangzhou');
  }, 180_000);
  afterAll(async () => c?.close());

  it('R81 the authority checks within 3 WD and answers a technical cause itself; the provider cannot answer meanwhile', async () => {
    const w = c.x.w;
    const res = await c.file({ ...nameClaim(c.keys[0] as string), entryId: c.x.entryId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'checking',
      routing: { channel: 'authority', article: 'Art.22' },
      // Filed 2026-09-30: 10-08, 10-09 and the make-up Saturday 10-10 are the three working days.
      deadline: { due: '2026-10-10', article: 'Art.22', kind: 'handling' },
    });
    const id = res.body.id;
    expect(
      (await c.inbox(w.authority)).some((n) => n.kind === 'correction.received' && n.case?.id === id),
    ).toBe(true);
    expect((await c.inbox(w.police)).some((n) => n.case?.id === id)).toBe(false);
    expect((await w.police.request('GET', `${CORRECTIONS}/${id}`)).body.allowedActions).toEqual([]);
    const early = await c.step(w.police, id, 'correct', {
      records: [{ op: 'upsert', record: c.x.records[0] }],
    });
    expect(early.body.error.code).toBe('CORRECTION_INVALID_STATE');
    expect((await w.authority.request('GET', `${CORRECTIONS}/${id}`)).body.allowedActions).toEqual([
      'forward',
      'resolve',
    ]);
    const noNote = await c.step(w.authority, id, 'resolve', { note: '  ' });
    expect(noNote.body.error.code).toBe('CORRECTION_REASON_REQUIRED');
    const resolved = await c.step(w.authority, id, 'resolve', {
      note: '接口字段映射错误（技术性原因），已修复',
    });
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: { kind: 'resolved' } });
    const reply = await w.hrssUser.request('GET', `${CORRECTIONS}/${id}/reply`);
    expect(reply.body).toMatchObject({
      answeredBy: { id: w.cityDepartmentId },
      outcome: { kind: 'resolved', note: '接口字段映射错误（技术性原因），已修复' },
      article: { value: 'Art.22' },
    });
  });

  it('R81 a non-technical discrepancy is forwarded: the provider checks within its own 3 WD and corrects', async () => {
    const w = c.x.w;
    const res = await c.file({ ...nameClaim(c.keys[1] as string), entryId: c.x.entryId });
    const id = res.body.id;
    // Forwarded on Friday 2026-10-09: 10-10 (make-up Saturday), 10-12, 10-13.
    c.x.clock.set('2026-10-09T02:00:00Z');
    const forwarded = await c.step(w.authority, id, 'forward', { note: '非技术性原因，请提供机关核查' });
    expect(forwarded.body).toMatchObject({
      status: 'forwarded',
      deadline: { due: '2026-10-13', article: 'Art.22', kind: 'providerCheck', overdue: false },
    });
    const notice = (await c.inbox(w.police)).find(
      (n) => n.kind === 'correction.forwarded' && n.case?.id === id,
    );
    expect(notice?.title.zh).toContain(forwarded.body.number);
    expect(notice?.body.zh).toContain('2026-10-13');
    // Only the key and the item corrected: the record's other items keep their values.
    const corrected = await c.step(w.police, id, 'correct', {
      records: [{ op: 'upsert', record: { 公民身份号码: c.keys[1], 姓名: '李肆' } }],
    });
    expect(corrected.body).toMatchObject({ status: 'corrected', outcome: { itemsChanged: ['姓名'] } });
    const read = (await c.read(w.hrss, [c.keys[1] as string])).get(c.keys[1] as string);
    expect(read).toMatchObject({ 姓名: '李肆', 参保状态: c.x.records[1]?.参保状态 });
  });

  it('a conflict case refers a discrepancy: the authority files without a grant, straight to the provider', async () => {
    const corrections = c.x.platform.services.quality.corrections;
    const input = { ...nameClaim(c.keys[2] as string), entryId: c.x.entryId, scope: 'records' as const };
    const filed = await corrections.file({ actor: c.authorityActor() }, input, { conflictId: 'conflict-1' });
    expect(filed).toMatchObject({
      status: 'forwarded',
      conflictId: 'conflict-1',
      deadline: { kind: 'providerCheck' },
    });
    // Without a referral the authority may not file.
    await expect(corrections.file({ actor: c.authorityActor() }, input)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('two concurrent corrections of one request: one writes, the other is refused', async () => {
    const w = c.x.w;
    const res = await c.file({ ...nameClaim(c.keys[3] as string), entryId: c.x.entryId });
    await c.step(w.authority, res.body.id, 'forward');
    const before = (await c.x.hosted()).lastSeq;
    const body = (name: string) => ({
      records: [{ op: 'upsert', record: { ...c.x.records[3], 姓名: name } }],
    });
    const answers = await Promise.all([
      c.step(w.police, res.body.id, 'correct', body('王伍')),
      c.step(w.police, res.body.id, 'correct', body('王午')),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409);
    expect(['CORRECTION_BUSY', 'CORRECTION_INVALID_STATE']).toContain(refused?.body.error.code);
    const changes = await c.x.platform.services.exchange.records.changesAfter(c.x.entryId, before, 10);
    expect(changes).toEqual([expect.objectContaining({ source: `correction:${res.body.number}` })]);
  });
});

describe.each(DIALECTS)(
  'R82 R134 Neixiang Art.18: reported to the county authority, answered in writing, on %s',
  (dialect) => {
    let c: CorrectionWorld;
    beforeAll(async () => {
      c = await startCorrectionWorld(dialect, 'neixiang');
    }, 180_000);
    afterAll(async () => c?.close());

    it('R82 R134 the authority answers and the reply is a written document; forwarding keeps the handling period', async () => {
      const w = c.x.w;
      const res = await c.file({ ...nameClaim(c.keys[0] as string), entryId: c.x.entryId });
      expect(res.body).toMatchObject({
        status: 'checking',
        routing: { channel: 'authority', article: 'Art.18', written: true },
        deadline: { due: '2026-10-20', kind: 'handling' },
      });
      const open = await w.hrssUser.request('GET', `${CORRECTIONS}/${res.body.id}/reply`);
      expect(open.body.error.code).toBe('CORRECTION_REPLY_NOT_READY');
      const forwarded = await c.step(w.authority, res.body.id, 'forward');
      expect(forwarded.body.deadline).toMatchObject({ due: '2026-10-20', kind: 'handling' });
      await c.step(w.police, res.body.id, 'confirm', { note: '经核实与原始登记一致' });
      const reply = await w.hrssUser.request('GET', `${CORRECTIONS}/${res.body.id}/reply`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body).toMatchObject({
        title: { zh: '数据校核书面答复' },
        written: true,
        number: res.body.number,
        outcome: { kind: 'confirmed', label: { zh: '核实无误' } },
        answeredBy: { id: w.departments.police },
      });
    });
  },
);
