import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentsThatRead } from '../../audit/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { CORRECTIONS, type CorrectionWorld, nameClaim, startCorrectionWorld } from './test-support/index.js';

const FILE_TEXT = '户籍证明：姓名应为张叁';

describe.each(DIALECTS)('N15 verification requests, national profile (provider channel) on %s', (dialect) => {
  let c: CorrectionWorld;
  let id: string;
  let number: string;
  const denied = async (action: string) =>
    c.x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'target_id', 'department_id'])
      .where('action', '=', action)
      .where('outcome', '=', 'denied')
      .execute();

  beforeAll(async () => {
    c = await startCorrectionWorld(dialect);
  }, 180_000);
  afterAll(async () => c?.close());

  it('N15 R80 a consumer files on a record: routed to the provider, due in 10 WD across 国庆 (第二十六条), attachment kept with its digest', async () => {
    const w = c.x.w;
    // Before the request: the county reads the record to be corrected, 民政 another one.
    await c.read(w.countyAdmin, [c.keys[0] as string]);
    await c.read(c.other, [c.keys[1] as string]);
    const res = await c.file({
      ...nameClaim(c.keys[0] as string),
      entryId: c.x.entryId,
      attachments: [
        {
          name: '户籍证明.txt',
          mediaType: 'text/plain',
          contentBase64: Buffer.from(FILE_TEXT).toString('base64'),
        },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    number = res.body.number;
    expect(number).toMatch(/^JH-2026-\d{6}$/);
    expect(res.body).toMatchObject({
      status: 'filed',
      statusLabel: { zh: '待提供部门核实' },
      scope: 'records',
      consumer: { id: w.departments.hrss },
      provider: { id: w.departments.police },
      routing: { channel: 'provider', article: '第二十六条', written: false },
      // Filed 2026-09-30: 10-01..07 are holidays, 10-10 a make-up workday → 2026-10-20, not 10-14.
      deadline: {
        due: '2026-10-20',
        provisional: false,
        article: '第二十六条',
        overdue: false,
        kind: 'handling',
      },
      records: [{ key: { 公民身份号码: c.keys[0] }, items: ['姓名'], proposed: { 姓名: '张叁' } }],
      allowedActions: ['withdraw'],
    });
    expect(res.body.attachments).toEqual([
      expect.objectContaining({
        name: '户籍证明.txt',
        mediaType: 'text/plain',
        size: Buffer.byteLength(FILE_TEXT),
        digest: createHash('sha256').update(FILE_TEXT).digest('hex'),
      }),
    ]);
    const notice = (await c.inbox(w.police)).find((n) => n.case?.id === id);
    expect(notice).toMatchObject({ kind: 'correction.received' });
    expect(notice?.body.zh).toContain('2026-10-20');
    // The provider sees the steps it may take; the case page finds the type.
    const seen = await w.police.request('GET', `${CORRECTIONS}/${id}`);
    expect(seen.body.allowedActions).toEqual(['correct', 'confirm', 'reject']);
    const types = await w.police.request('GET', '/api/v1/cases/types');
    const type = types.body.items.find((t: { type: string }) => t.type === 'verification');
    expect(type).toMatchObject({
      api: CORRECTIONS,
      deadlines: [{ runsIn: ['filed', 'checking'] }, { runsIn: ['forwarded'] }],
    });
    expect(Object.keys(type.actions).sort()).toEqual([
      'confirm',
      'correct',
      'forward',
      'reject',
      'resolve',
      'withdraw',
    ]);
  });

  it('R83 while open the record is marked in reads (and still served); the others are not', async () => {
    const read = await c.read(c.x.w.hrss, c.keys.slice(0, 3));
    expect(read.get(c.keys[0] as string)?.underVerification).toBe(true);
    expect(read.get(c.keys[0] as string)?.姓名).toBe(c.x.records[0]?.姓名);
    expect(read.get(c.keys[1] as string)?.underVerification).toBeUndefined();
    const marked = await c.x.platform.services.quality.corrections.underVerification(c.x.entryId, c.keys);
    expect([...marked]).toEqual([c.keys[0]]);
    expect(await c.x.platform.services.quality.corrections.resourceUnderVerification(c.x.entryId)).toBe(
      false,
    );
  });

  it('R80 the attachment is downloaded by a party, audited; another department gets not found, audited as denied', async () => {
    const res = await c.x.platform.http.inject({
      method: 'GET',
      url: `${CORRECTIONS}/${id}`,
      remoteAddress: c.x.w.police.ip,
      headers: { cookie: c.x.w.police.cookie ?? '' },
    });
    const attachmentId = JSON.parse(res.body).attachments[0].id;
    const file = await c.x.platform.http.inject({
      method: 'GET',
      url: `${CORRECTIONS}/${id}/attachments/${attachmentId}`,
      remoteAddress: c.x.w.police.ip,
      headers: { cookie: c.x.w.police.cookie ?? '' },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/plain');
    expect(file.body).toBe(FILE_TEXT);
    const audited = await c.x.platform.storage.db
      .selectFrom('audit_entry')
      .select('detail')
      .where('action', '=', 'quality.correction.attachment')
      .where('target_id', '=', id)
      .execute();
    expect(audited).toHaveLength(1);
    const stranger = await c.other.request('GET', `${CORRECTIONS}/${id}/attachments/${attachmentId}`);
    expect(stranger.body.error.code).toBe('CORRECTION_NOT_FOUND');
    expect((await denied('quality.correction.attachment')).map((e) => e.target_id)).toEqual([id]);
  });

  it('R80 refusals: no grant, the provider itself, the authority without a referral, a party not allowed the step — each audited', async () => {
    const w = c.x.w;
    const body = { ...nameClaim(c.keys[2] as string), entryId: c.x.entryId };
    const noGrant = await c.file(body, c.nogrant);
    expect(noGrant.status).toBe(403);
    expect(noGrant.body.error).toMatchObject({ code: 'CORRECTION_NO_GRANT' });
    const authority = await c.file(body, w.authority);
    expect(authority.body.error.code).toBe('FORBIDDEN');
    const own = await c.file(body, w.policeUser);
    expect(own.body.error.code).toBe('CORRECTION_OWN_RESOURCE');
    expect((await denied('quality.correction.file')).length).toBe(2);
    // The consumer may not answer its own request; a stranger does not see it at all.
    const selfAnswer = await c.step(w.hrss, id, 'confirm');
    expect(selfAnswer.body.error.code).toBe('FORBIDDEN');
    const stranger = await c.step(c.other, id, 'correct', {
      records: [{ op: 'upsert', record: c.x.records[0] }],
    });
    expect(stranger.body.error.code).toBe('CORRECTION_NOT_FOUND');
    expect(await denied('quality.correction.confirm')).toHaveLength(1);
    expect(await denied('quality.correction.correct')).toHaveLength(1);
    // Items outside the resource and keys that are not keys are refused with their field.
    const badItem = await c.file({
      ...body,
      records: [{ key: { 公民身份号码: c.keys[2] }, items: ['不存在'], problem: 'x' }],
    });
    expect(badItem.body.error.code).toBe('CORRECTION_ITEM_UNKNOWN');
    const badKey = await c.file({
      ...body,
      records: [{ key: { 公民身份号码: '123' }, items: ['姓名'], problem: 'x' }],
    });
    expect(badKey.body.error.code).toBe('CORRECTION_KEY_INVALID');
    const exe = await c.file({
      ...body,
      attachments: [{ name: 'a.exe', mediaType: 'application/x-msdownload', contentBase64: 'TVo=' }],
    });
    expect(exe.body.error.code).toBe('CORRECTION_ATTACHMENT_REFUSED');
  });

  it('hostile strings (lone surrogate, NUL, 100k characters) are refused cleanly', async () => {
    const body = { ...nameClaim(c.keys[2] as string), entryId: c.x.entryId };
    for (const description of ['坏\ud800字', 'a\u0000b', 'x'.repeat(100_000)]) {
      const res = await c.file({ ...body, description });
      expect(res.status).toBe(400);
      expect(['INPUT_ILL_FORMED_TEXT', 'VALIDATION_FAILED']).toContain(res.body.error.code);
    }
    const key = await c.file({
      ...body,
      records: [{ key: { 公民身份号码: '\ud800' }, items: ['姓名'], problem: 'x' }],
    });
    expect(key.status).toBe(400);
  });

  it('R84 N15 the provider corrects through the write path: the change log names the request, exactly the prior readers are told, the mark goes', async () => {
    const w = c.x.w;
    const empty = await c.step(w.police, id, 'reject', { reason: '   ' });
    expect(empty.body.error.code).toBe('CORRECTION_REASON_REQUIRED');
    const corrected = { ...c.x.records[0], 姓名: '张叁' };
    const res = await c.step(w.police, id, 'correct', {
      records: [{ op: 'upsert', record: corrected }],
      note: '经核实已更正',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'corrected',
      // Seqs 1–5 were the sample load: the correction is the sixth change.
      outcome: {
        kind: 'corrected',
        firstSeq: 6,
        lastSeq: 6,
        itemsChanged: ['姓名'],
        readersNoticed: 1,
        note: '经核实已更正',
      },
      allowedActions: [],
    });
    const changes = await c.x.platform.services.exchange.records.changesAfter(c.x.entryId, 5, 10);
    expect(changes).toEqual([
      expect.objectContaining({ seq: 6, key: c.keys[0], source: `correction:${number}` }),
    ]);
    // The county read the record before: told which items changed, not the values.
    const told = (await c.inbox(w.countyAdmin)).filter((n) => n.kind === 'correction.records_corrected');
    expect(told).toHaveLength(1);
    expect(told[0]?.body.zh).toContain('姓名');
    expect(JSON.stringify(told[0])).not.toContain('张叁');
    expect(told[0]?.title.zh).toContain(number);
    // 民政 read another record, the provider is the provider: neither is told.
    for (const client of [c.other, w.police])
      expect((await c.inbox(client)).some((n) => n.kind === 'correction.records_corrected')).toBe(false);
    expect(
      (await c.inbox(w.hrssUser))
        .concat(await c.inbox(w.hrss))
        .some((n) => n.kind === 'correction.answered' && n.case?.id === id),
    ).toBe(true);
    // Read after the correction: new value, no mark; 民政 reading it now is not told after the fact.
    const read = await c.read(c.other, [c.keys[0] as string]);
    expect(read.get(c.keys[0] as string)).toMatchObject({ 姓名: '张叁' });
    expect(read.get(c.keys[0] as string)?.underVerification).toBeUndefined();
    expect((await c.inbox(c.other)).some((n) => n.kind === 'correction.records_corrected')).toBe(false);
    // A closed request takes no more steps.
    const again = await c.step(w.police, id, 'correct', { records: [{ op: 'upsert', record: corrected }] });
    expect(again.body.error.code).toBe('CORRECTION_INVALID_STATE');
  });

  it('R84 the readers are read from the audit trail: reads after the moment do not count', async () => {
    const w = c.x.w;
    const before = c.x.clock.now().toISOString();
    c.x.clock.advance?.(60_000);
    await c.read(w.countyAdmin, [c.keys[3] as string]);
    const audit = c.x.platform.services.audit;
    const question = {
      resourceId: c.x.entryId,
      keys: [{ kind: 'resident_id' as const, value: c.keys[3] as string }],
    };
    expect(await departmentsThatRead(audit, { ...question, before })).toEqual([]);
    const after = new Date(c.x.clock.now().getTime() + 1000).toISOString();
    expect(await departmentsThatRead(audit, { ...question, before: after })).toEqual([w.departments.county]);
  });

  it('R134 the reply of a closed request; none for an open one', async () => {
    const reply = await c.x.w.hrssUser.request('GET', `${CORRECTIONS}/${id}/reply`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({
      number,
      consumer: { id: c.x.w.departments.hrss },
      answeredBy: { id: c.x.w.departments.police },
      outcome: { kind: 'corrected', itemsChanged: ['姓名'] },
      dates: { due: '2026-10-20' },
      article: { value: '第二十六条' },
      written: false,
    });
  });

  it('R83 a request on the whole resource marks every record; only the filer withdraws it, which lifts the mark', async () => {
    const w = c.x.w;
    const res = await c.file({
      entryId: c.x.entryId,
      scope: 'resource',
      description: '整批数据更新时间异常',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const records = await c.read(w.hrss, c.keys.slice(0, 2));
    expect([...records.values()].map((r) => r.underVerification)).toEqual([true, true]);
    const byProvider = await c.step(w.police, res.body.id, 'withdraw');
    expect(byProvider.body.error.code).toBe('FORBIDDEN');
    const withdrawn = await c.step(w.hrssUser, res.body.id, 'withdraw', { note: '误报' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', outcome: { kind: 'withdrawn' } });
    expect(await c.x.platform.services.quality.corrections.resourceUnderVerification(c.x.entryId)).toBe(
      false,
    );
  });

  it('N15 the provider may confirm the data right (核实无误) or reject it with reasons', async () => {
    const w = c.x.w;
    const one = await c.file({ ...nameClaim(c.keys[1] as string), entryId: c.x.entryId });
    const confirmed = await c.step(w.police, one.body.id, 'confirm', { note: '与户籍系统一致' });
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      outcome: { kind: 'confirmed', note: '与户籍系统一致' },
    });
    const two = await c.file({ ...nameClaim(c.keys[1] as string), entryId: c.x.entryId });
    const missing = await c.step(w.police, two.body.id, 'reject', {});
    expect(missing.status).toBe(400);
    const rejected = await c.step(w.police, two.body.id, 'reject', { reason: '申请所附材料不能证明' });
    expect(rejected.body).toMatchObject({ status: 'rejected', outcome: { reason: '申请所附材料不能证明' } });
    const reply = await w.hrssUser.request('GET', `${CORRECTIONS}/${two.body.id}/reply`);
    expect(reply.body.outcome).toMatchObject({ kind: 'rejected', reason: '申请所附材料不能证明' });
    expect(
      (await c.x.platform.services.quality.corrections.underVerification(c.x.entryId, c.keys)).size,
    ).toBe(0);
  });

  it('lists: the filer sees what it filed, the provider what it received, a stranger nothing', async () => {
    const w = c.x.w;
    const filed = await w.hrssUser.request('GET', `${CORRECTIONS}?view=filed`);
    expect(filed.body.total).toBe(4);
    const received = await w.police.request('GET', `${CORRECTIONS}?view=received&status=corrected`);
    expect(received.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await c.other.request('GET', CORRECTIONS)).body.total).toBe(0);
    expect((await w.authority.request('GET', `${CORRECTIONS}?view=authority`)).body.total).toBe(4);
  });

  it('N15 an overdue request is flagged once: audited, the provider and the authority told', async () => {
    const w = c.x.w;
    const res = await c.file({ ...nameClaim(c.keys[4] as string), entryId: c.x.entryId });
    const corrections = c.x.platform.services.quality.corrections;
    expect(await corrections.sweep(new Date('2026-10-20T15:00:00Z'))).toBe(0);
    expect(await corrections.sweep(new Date('2026-10-21T02:00:00Z'))).toBe(1);
    expect(await corrections.sweep(new Date('2026-10-22T02:00:00Z'))).toBe(0);
    const audited = await c.x.platform.storage.db
      .selectFrom('audit_entry')
      .select('target_id')
      .where('action', '=', 'quality.correction.overdue')
      .execute();
    expect(audited.map((a) => a.target_id)).toEqual([res.body.id]);
    for (const client of [w.police, w.authority])
      expect(
        (await c.inbox(client)).filter((n) => n.kind === 'correction.overdue' && n.case?.id === res.body.id),
      ).toHaveLength(1);
    expect(
      await corrections.overdueByProvider({ from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }),
    ).toEqual([expect.objectContaining({ providerId: w.departments.police, overdue: 1, stillOpen: 1 })]);
  });
});
