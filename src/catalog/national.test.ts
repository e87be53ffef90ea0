import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type OrgClient, signedIn } from '../org/test-support/index.js';
import { ManualClock } from '../platform/clock/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import type { EntryContent } from './model.js';
import { conditionalContent, item, sampleContent } from './test-support/content.js';
import { type CatalogWorld, startCatalogWorld } from './test-support/world.js';

const API = '/api/v1/catalog';

/**
 * 政务数据共享条例 (国务院令第809号) 第十三条、第十七条 under the national profile, over HTTP:
 * N02 assessments and the head's approval before submission, N03 数据分类分级 on each entry, N06
 * the update period of 10 working days, its one extension of 5 and the authority's review of 2,
 * across the 2026 中秋 (25 Sep), the make-up Sunday (20 Sep), 国庆 (1–7 Oct) and the make-up
 * Saturday (10 Oct).
 */
describe.each(DIALECTS)('809 catalog obligations N02 N03 N06 on %s', (dialect) => {
  let w: CatalogWorld;
  // Friday 2026-09-25 10:00 in China (中秋, a holiday).
  const clock = new ManualClock('2026-09-25T02:00:00Z');
  let policeHead: OrgClient;
  let policeHeadId: string;
  let hrssOfficer: OrgClient;

  beforeAll(async () => {
    w = await startCatalogWorld(dialect, {
      clock,
      prepareOnSubmit: false,
      config: { session: { idleMinutes: 10_000_000, absoluteHours: 200_000 } },
    });
    policeHeadId = await createUser(w.platform, 'police.head', w.departments.police, ['dept_user']);
    policeHead = await signedIn(w.platform, 'police.head');
    const policeOfficer = await createUser(w.platform, 'police.officer', w.departments.police, ['dept_user']);
    const hrssOfficerId = await createUser(w.platform, 'hrss.officer', w.departments.hrss, ['dept_user']);
    hrssOfficer = await signedIn(w.platform, 'hrss.officer');
    const office = (head: object, officerUserId: string) => ({
      officeName: '数据共享科',
      officePhone: '0471-1234567',
      officeEmail: 'share@example.gov.cn',
      headTitle: '副局长',
      officerUserId,
      ...head,
    });
    expect(
      (
        await w.police.request(
          'PUT',
          `/api/v1/departments/${w.departments.police}/office`,
          office({ headUserId: policeHeadId }, policeOfficer),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await w.hrss.request(
          'PUT',
          `/api/v1/departments/${w.departments.hrss}/office`,
          office({ headName: '王局长' }, hrssOfficerId),
        )
      ).status,
    ).toBe(200);
  }, 120_000);
  afterAll(async () => w?.close());

  const create = async (client: OrgClient, content: EntryContent) => {
    const res = await client.request('POST', `${API}/entries`, { content });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const prepare = (client: OrgClient, id: string, body: Record<string, unknown>) =>
    client.request('POST', `${API}/entries/${id}/preparation`, body);
  const assess = async (id: string, personal = true) => {
    const kinds = personal ? ['secrecy_risk', 'personal_info_impact'] : ['secrecy_risk'];
    for (const kind of kinds) {
      const res = await prepare(w.police, id, {
        kind,
        result: 'passed',
        reference: `BM-${kind}`,
        summary: '评估通过',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  };
  const auditActions = async (id: string) =>
    (
      await w.platform.storage.db
        .selectFrom('audit_entry')
        .select('action')
        .where('target_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);

  it('N03 an entry states core, important or general data; general data a level of the profile', async () => {
    const vocabulary = await w.police.request('GET', `${API}/vocabulary`);
    expect(vocabulary.body.dataClasses.map((c: { label: { zh: string } }) => c.label.zh)).toEqual([
      '核心数据',
      '重要数据',
      '一般数据',
    ]);
    expect(vocabulary.body.generalLevels.map((l: { value: string }) => l.value)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(vocabulary.body.gradingRequired).toBe(true);

    // A draft may leave it open (未定级); the submission is refused for it.
    const { grading: _, ...ungraded } = sampleContent({ name: '未定级条目' });
    const id = await create(w.police, ungraded);
    await assess(id);
    const refused = await w.police.request('POST', `${API}/entries/${id}/submit`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('CATALOG_GRADING_REQUIRED');
    expect(refused.body.error.message).toContain('数据分类分级');
    expect(refused.body.error.message).toContain('第十三条');

    const put = (content: EntryContent) => w.police.request('PUT', `${API}/entries/${id}`, { content });
    const general = await w.police.request('POST', `${API}/validate`, {
      content: { ...ungraded, grading: { dataClass: 'general' } },
      stage: 'submit',
    });
    expect(general.body.issues.map((i: { code: string }) => i.code)).toContain(
      'CATALOG_GRADING_LEVEL_REQUIRED',
    );
    const coreWithLevel = await put({ ...ungraded, grading: { dataClass: 'core', level: '1' } });
    expect(coreWithLevel.status).toBe(422);
    expect(coreWithLevel.body.error.code).toBe('CATALOG_GRADING_LEVEL_INVALID');
    const unknownLevel = await put({ ...ungraded, grading: { dataClass: 'general', level: '9' } });
    expect(unknownLevel.body.error.code).toBe('CATALOG_GRADING_LEVEL_INVALID');
    expect(unknownLevel.body.error.message).toContain('1, 2, 3, 4');
    const bogusClass = await put({
      ...ungraded,
      grading: { dataClass: 'secret' },
    } as unknown as EntryContent);
    expect(bogusClass.status).toBe(400);

    const graded = await put({ ...ungraded, grading: { dataClass: 'important' } });
    expect(graded.status).toBe(200);
    expect(graded.body).toMatchObject({ dataClass: 'important', dataLevel: null });
    const list = await w.police.request('GET', `${API}/entries?mine=true&pageSize=200`);
    expect(list.body.items.find((e: { id: string }) => e.id === id)).toMatchObject({
      dataClass: 'important',
      dataLevel: null,
    });
  });

  it('N02 submission is refused until both assessments and the head’s approval are recorded, naming each', async () => {
    const id = await create(w.police, sampleContent({ name: '出入境证件信息' }));
    const bare = await w.police.request('POST', `${API}/entries/${id}/submit`, {});
    expect(bare.status).toBe(422);
    expect(bare.body.error.code).toBe('CATALOG_PREPARATION_MISSING');
    expect(bare.body.error.message).toBe(
      '提交前须完成：保密风险评估、个人信息保护影响评估、部门负责人审核同意（条例第十三条）',
    );

    // Another department's administrator and a department user may not record assessments.
    const other = await prepare(w.hrss, id, { kind: 'secrecy_risk', result: 'passed', summary: 'x' });
    expect(other.status).toBe(404);
    const user = await prepare(policeHead, id, { kind: 'secrecy_risk', result: 'passed', summary: 'x' });
    expect(user.status).toBe(403);
    // The head approves what was assessed: not before.
    const early = await prepare(policeHead, id, {
      kind: 'head_approval',
      result: 'approved',
      summary: '同意',
    });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain('保密风险评估、个人信息保护影响评估');

    await assess(id);
    // The resource administrator is not the head.
    const notHead = await prepare(w.police, id, {
      kind: 'head_approval',
      result: 'approved',
      summary: '同意',
    });
    expect(notHead.status).toBe(403);
    expect(notHead.body.error.code).toBe('CATALOG_NOT_HEAD');
    const stillMissing = await w.police.request('POST', `${API}/entries/${id}/submit`, {});
    expect(stillMissing.body.error.message).toBe('提交前须完成：部门负责人审核同意（条例第十三条）');

    const approved = await prepare(policeHead, id, {
      kind: 'head_approval',
      result: 'approved',
      reference: '公安〔2026〕12号',
      summary: '同意报送',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(approved.body).toMatchObject({
      kind: 'head_approval',
      result: 'approved',
      reference: '公安〔2026〕12号',
      recordedBy: { id: policeHeadId, name: 'police.head' },
      onBehalfOf: null,
      current: true,
      version: 1,
    });
    const status = await w.police.request('GET', `${API}/entries/${id}/preparation`);
    expect(status.body).toMatchObject({
      required: true,
      article: '第十三条',
      personalItems: true,
      head: { name: 'police.head', title: '副局长', hasAccount: true },
      missing: [],
    });
    expect(status.body.records).toHaveLength(3);

    // An edit afterwards is content nobody assessed: the records no longer count.
    const edited = await w.police.request('PUT', `${API}/entries/${id}`, {
      content: sampleContent({ name: '出入境证件信息（修订）' }),
    });
    expect(edited.status).toBe(200);
    const again = await w.police.request('POST', `${API}/entries/${id}/submit`, {});
    expect(again.body.error.code).toBe('CATALOG_PREPARATION_MISSING');
    await assess(id);
    expect(
      (await prepare(policeHead, id, { kind: 'head_approval', result: 'approved', summary: '同意' })).status,
    ).toBe(201);
    const submitted = await w.police.request('POST', `${API}/entries/${id}/submit`, {});
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(await auditActions(id)).toEqual(
      expect.arrayContaining([
        'catalog.preparation.secrecy_risk',
        'catalog.preparation.personal_info_impact',
        'catalog.preparation.head_approval',
        'catalog.submit',
      ]),
    );
    // Once submitted, nothing more is recorded on it.
    const late = await prepare(w.police, id, { kind: 'secrecy_risk', result: 'failed', summary: 'x' });
    expect(late.body.error.code).toBe('CATALOG_INVALID_STATE');
  });

  it('N02 without personal items no impact assessment is asked; a failed assessment blocks', async () => {
    const id = await create(
      w.police,
      sampleContent({
        name: '警用车辆信息',
        items: [item({ name: '车牌号', personal: false, isKey: true, keyKind: 'other', base: true })],
      }),
    );
    const notNeeded = await prepare(w.police, id, {
      kind: 'personal_info_impact',
      result: 'passed',
      summary: 'x',
    });
    expect(notNeeded.body.error.code).toBe('CATALOG_ASSESSMENT_NOT_NEEDED');
    await prepare(w.police, id, { kind: 'secrecy_risk', result: 'failed', summary: '存在泄密风险' });
    const status = await w.police.request('GET', `${API}/entries/${id}/preparation`);
    expect(status.body).toMatchObject({ personalItems: false, missing: ['secrecy_risk', 'head_approval'] });
    await assess(id, false);
    expect(
      (await prepare(policeHead, id, { kind: 'head_approval', result: 'approved', summary: '同意' })).status,
    ).toBe(201);
    expect((await w.police.request('POST', `${API}/entries/${id}/submit`, {})).status).toBe(200);
  });

  it('N02 a head without an account: the sharing officer records the written approval with its reference', async () => {
    const id = await create(w.hrss, conditionalContent({ name: '失业登记信息' }));
    for (const kind of ['secrecy_risk', 'personal_info_impact'])
      expect(
        (await prepare(w.hrss, id, { kind, result: 'passed_with_measures', summary: '脱敏后通过' })).status,
      ).toBe(201);
    const noReference = await prepare(hrssOfficer, id, {
      kind: 'head_approval',
      result: 'approved',
      summary: '同意',
    });
    expect(noReference.body.error.code).toBe('CATALOG_APPROVAL_REFERENCE_REQUIRED');
    // The police head is not this department's head.
    const stranger = await prepare(policeHead, id, {
      kind: 'head_approval',
      result: 'approved',
      reference: 'x',
      summary: '同意',
    });
    expect(stranger.status).toBe(404);
    const recorded = await prepare(hrssOfficer, id, {
      kind: 'head_approval',
      result: 'approved',
      reference: '人社审〔2026〕3号',
      summary: '王局长书面同意',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ onBehalfOf: '王局长', recordedBy: { name: 'hrss.officer' } });
    expect((await w.hrss.request('POST', `${API}/entries/${id}/submit`, {})).status).toBe(200);
  });

  it('N02 hostile assessment texts are refused or stored exactly', async () => {
    const id = await create(w.police, sampleContent({ name: '文本边界条目' }));
    const raw = (body: string) =>
      w.platform.http.inject({
        method: 'POST',
        url: `${API}/entries/${id}/preparation`,
        headers: { cookie: w.police.cookie, 'content-type': 'application/json' },
        payload: body,
      });
    for (const summary of ['\\ud800', 'a\\u0000b']) {
      const res = await raw(`{"kind":"secrecy_risk","result":"passed","summary":"${summary}"}`);
      expect(res.statusCode, summary).toBe(400);
    }
    const long = await prepare(w.police, id, {
      kind: 'secrecy_risk',
      result: 'passed',
      summary: '评'.repeat(100_000),
    });
    expect(long.status).toBe(400);
    const exact = "𠀀𪚥 <script>alert(1)</script> ' OR 1=1 -- \u200b👩‍💻";
    const stored = await prepare(w.police, id, {
      kind: 'secrecy_risk',
      result: 'passed',
      reference: exact,
      summary: exact,
    });
    expect(stored.status).toBe(201);
    const status = await w.police.request('GET', `${API}/entries/${id}/preparation`);
    expect(status.body.records[0]).toMatchObject({ summary: exact, reference: exact });
  });

  it('N06 an update is due in 10 working days from the change; one extension of 5 with the authority’s consent', async () => {
    // Changed on Wed 16 Sep: 17, 18, Sun 20 (make-up), 21–24, 28–30 Sep (25 Sep is 中秋).
    const recorded = await w.authority.request('POST', `${API}/obligations`, {
      departmentId: w.departments.hrss,
      cause: 'law_change',
      description: '《社会保险法》修订',
      occurredOn: '2026-09-16',
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body).toMatchObject({
      dueDate: '2026-09-30',
      workingDaysLeft: 3,
      provisional: false,
      extension: null,
      originalDueDate: null,
    });
    expect(recorded.body.article).toContain('第十七条');
    const id = recorded.body.id as string;
    const mine = (await w.hrss.request('GET', `${API}/obligations`)).body.find(
      (o: { id: string }) => o.id === id,
    );
    expect(mine.allowedActions).toEqual(['requestExtension']);

    // Another department and the authority cannot ask; a department user of hrss cannot either.
    const url = `${API}/obligations/${id}/extension`;
    expect((await w.police.request('POST', url, { reason: 'x' })).status).toBe(403);
    expect((await w.hrssUser.request('POST', url, { reason: 'x' })).status).toBe(403);
    const asked = await w.hrss.request('POST', url, { reason: '涉及跨部门数据项调整，需补充论证' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.extension).toMatchObject({ status: 'requested', days: 5, article: '第十七条' });
    const twice = await w.hrss.request('POST', url, { reason: '再次申请' });
    expect(twice.body.error.code).toBe('CATALOG_EXTENSION_ALREADY_REQUESTED');

    // The department may not decide its own request; the county authority is of another jurisdiction.
    const decision = `${url}/decision`;
    expect((await w.hrss.request('POST', decision, { consent: true })).status).toBe(403);
    expect((await w.countyAuthority.request('POST', decision, { consent: true })).status).toBe(403);
    const granted = await w.authority.request('POST', decision, { consent: true, comment: '同意延期' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    // 5 working days from 30 Sep across 国庆 (1–7 Oct): 8, 9, Sat 10 (make-up), 12, 13 Oct.
    expect(granted.body).toMatchObject({
      dueDate: '2026-10-13',
      originalDueDate: '2026-09-30',
      workingDaysLeft: 8,
      extension: { status: 'granted', comment: '同意延期' },
    });
    expect(granted.body.article).toContain('延长5个工作日');
    const deadline = await w.platform.services.deadlines.get('catalog.obligation', id);
    expect(deadline?.dueDate).toBe('2026-10-13');
    expect((await w.authority.request('POST', decision, { consent: false })).body.error.code).toBe(
      'CATALOG_EXTENSION_NOT_PENDING',
    );
    expect(await auditActions(id)).toEqual([
      'catalog.obligation.record',
      'catalog.obligation.extension.request',
      'catalog.obligation.extension.grant',
    ]);
  });

  it('N06 a refused extension leaves the due date; a date in a year without its notice is provisional', async () => {
    const recorded = await w.authority.request('POST', `${API}/obligations`, {
      departmentId: w.departments.county,
      cause: 'duty_change',
      description: '市场监管职能划转',
    });
    const id = recorded.body.id as string;
    await w.countyAdmin.request('POST', `${API}/obligations/${id}/extension`, { reason: '机构改革' });
    const refused = await w.countyAuthority.request('POST', `${API}/obligations/${id}/extension/decision`, {
      consent: false,
      comment: '理由不充分',
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body).toMatchObject({
      dueDate: recorded.body.dueDate,
      originalDueDate: null,
      extension: { status: 'refused', comment: '理由不充分' },
      allowedActions: ['fulfil'],
    });

    clock.set('2026-12-28T02:00:00Z');
    try {
      const late = await w.authority.request('POST', `${API}/obligations`, {
        departmentId: w.departments.police,
        cause: 'law_change',
        description: '年末法规修订',
      });
      expect(late.body.dueDate.startsWith('2027-')).toBe(true);
      expect(late.body.provisional).toBe(true);
      await w.authority.request('POST', `${API}/obligations/${late.body.id}/fulfil`, { note: '测试结束' });
    } finally {
      clock.set('2026-09-25T02:00:00Z');
    }
  });

  it('N06 the authority reviews a submitted update within 2 working days; the sweep flags it overdue once', async () => {
    clock.set('2026-09-30T02:00:00Z');
    try {
      // hrss has an open update obligation (the test above): a submission now is an update.
      const id = await create(w.hrss, conditionalContent({ name: '就业登记信息' }));
      for (const kind of ['secrecy_risk', 'personal_info_impact'])
        await prepare(w.hrss, id, { kind, result: 'passed', summary: '通过' });
      await prepare(hrssOfficer, id, {
        kind: 'head_approval',
        result: 'approved',
        reference: 'R-1',
        summary: '同意',
      });
      const submitted = await w.hrss.request('POST', `${API}/entries/${id}/submit`, {});
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      // Received Wed 30 Sep: 8 and 9 Oct, after 国庆.
      expect(submitted.body.reviewDeadline).toMatchObject({
        dueDate: '2026-10-09',
        article: '第十七条',
        workingDaysLeft: 2,
        provisional: false,
        overdueFlaggedAt: null,
      });
      const stored = await w.platform.services.deadlines.get('catalog.review', `${id}:1`);
      expect(stored?.dueDate).toBe('2026-10-09');

      expect(await w.platform.services.catalog.sweepOverdueReviews(new Date('2026-10-09T08:00:00Z'))).toBe(0);
      clock.set('2026-10-12T02:00:00Z');
      const flaggedAt = new Date('2026-10-12T02:00:00Z');
      expect(await w.platform.services.catalog.sweepOverdueReviews(flaggedAt)).toBe(1);
      expect(await w.platform.services.catalog.sweepOverdueReviews(flaggedAt)).toBe(0);
      const overdue = await w.authority.request('GET', `${API}/entries/${id}`);
      expect(overdue.body.reviewDeadline).toMatchObject({
        dueDate: '2026-10-09',
        workingDaysLeft: -2,
        overdueFlaggedAt: flaggedAt.toISOString(),
      });
      expect(await auditActions(id)).toContain('catalog.review.overdue');
      // A department user (no catalog role) does not see the unpublished entry at all.
      expect((await w.hrssUser.request('GET', `${API}/entries/${id}`)).body.reviewDeadline).toBeUndefined();

      const ratified = await w.authority.request('POST', `${API}/entries/${id}/ratify`, {});
      expect(ratified.body.reviewDeadline).toMatchObject({ dueDate: '2026-10-09', workingDaysLeft: null });
    } finally {
      clock.set('2026-09-25T02:00:00Z');
    }
  });
});
