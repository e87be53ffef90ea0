import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type OrgClient, signedIn } from '../org/test-support/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import type { EntryContent } from './model.js';
import { conditionalContent, item, sampleContent } from './test-support/content.js';
import { readyToSubmit } from './test-support/preparation.js';
import { type CatalogWorld, startCatalogWorld } from './test-support/world.js';

const API = '/api/v1/catalog';

describe.each(DIALECTS)('catalog lifecycle on %s', (dialect) => {
  let w: CatalogWorld;

  beforeAll(async () => {
    w = await startCatalogWorld(dialect);
  }, 120_000);
  afterAll(async () => w?.close());

  const create = async (client: OrgClient, content: EntryContent = sampleContent()) => {
    const res = await client.request('POST', `${API}/entries`, { content });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const step = (client: OrgClient, id: string, action: string, body: unknown = {}) =>
    client.request('POST', `${API}/entries/${id}/${action}`, body);
  const ok = async (client: OrgClient, id: string, action: string, body: unknown = {}) => {
    const res = await step(client, id, action, body);
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };
  const published = async (content: EntryContent = sampleContent()) => {
    const id = await create(w.police, content);
    await ok(w.police, id, 'submit');
    await ok(w.authority, id, 'ratify');
    await ok(w.police, id, 'publish');
    return id;
  };
  const auditActions = async (id: string) =>
    (
      await w.platform.storage.db
        .selectFrom('audit_entry')
        .select('action')
        .where('target_id', '=', id)
        .orderBy('at')
        .execute()
    ).map((r) => r.action);

  it('R01 R21 a draft is submitted, ratified by the authority and published, each step audited', async () => {
    const id = await create(w.police);
    const draft = await w.police.request('GET', `${API}/entries/${id}`);
    expect(draft.body).toMatchObject({ status: 'draft', currentVersion: 1, publishedVersion: null });
    expect(draft.body.allowedActions).toEqual(['edit', 'submit']);
    expect((await ok(w.police, id, 'submit')).status).toBe('submitted');
    const inbox = await w.authority.request('GET', `${API}/inbox`);
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
    expect(inbox.body.items.map((e: { id: string }) => e.id)).toContain(id);
    const atAuthority = await w.authority.request('GET', `${API}/entries/${id}`);
    expect(atAuthority.body.allowedActions).toEqual(['ratify', 'return']);
    expect((await ok(w.authority, id, 'ratify', { comment: '同意' })).status).toBe('ratified');
    const done = await ok(w.police, id, 'publish');
    expect(done).toMatchObject({ status: 'published', publishedVersion: 1, currentStatus: 'published' });
    expect(done.publishDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(done.reviews.map((r: { action: string }) => r.action)).toEqual(['submit', 'ratify', 'publish']);
    expect(await auditActions(id)).toEqual([
      'catalog.create',
      'catalog.submit',
      'catalog.ratify',
      'catalog.publish',
    ]);
  });

  it('R21 a return needs a comment; the provider edits and submits again', async () => {
    const id = await create(w.police);
    await ok(w.police, id, 'submit');
    const noComment = await step(w.authority, id, 'return', { comment: ' ' });
    expect(noComment.status).toBe(422);
    expect(noComment.body.error).toMatchObject({ code: 'CATALOG_COMMENT_REQUIRED', field: 'comment' });
    expect((await ok(w.authority, id, 'return', { comment: '摘要过简' })).status).toBe('returned');
    const edited = await w.police.request('PUT', `${API}/entries/${id}`, {
      content: sampleContent({ summary: '更详细的摘要' }),
    });
    expect(edited.body).toMatchObject({ status: 'draft', currentVersion: 1 });
    await ok(w.police, id, 'submit');
    expect((await ok(w.authority, id, 'ratify')).status).toBe('ratified');
  });

  it('R01 a step the state does not allow is refused', async () => {
    const id = await create(w.police);
    const res = await step(w.police, id, 'publish');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CATALOG_INVALID_STATE');
    expect(res.body.error.message).toMatch(/不能发布$/);
    const english = await w.police.request(
      'POST',
      `${API}/entries/${id}/publish`,
      {},
      { 'accept-language': 'en' },
    );
    expect(english.body.error.message).toMatch(/cannot publish$/);
    expect((await step(w.authority, id, 'ratify')).body.error.code).toBe('CATALOG_INVALID_STATE');
  });

  it('R23 submission is refused with the first rule and every issue', async () => {
    const content = sampleContent({ summary: '' });
    (content.items[0] as EntryContent['items'][number]).shareType = 'not_shared';
    const id = await create(w.police, content);
    const res = await step(w.police, id, 'submit');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CATALOG_FIELD_REQUIRED');
    expect(res.body.error.field).toBe('summary');
    expect(res.body.error.issues.map((i: { code: string }) => i.code)).toEqual([
      'CATALOG_FIELD_REQUIRED',
      'CATALOG_BASE_ITEM_NOT_UNCONDITIONAL',
      'CATALOG_LEGAL_BASIS_REQUIRED',
    ]);
    expect((await w.police.request('GET', `${API}/entries/${id}`)).body.status).toBe('draft');
  });

  it('R05 live validation answers issues without saving', async () => {
    const res = await w.hrss.request('POST', `${API}/validate`, {
      stage: 'submit',
      content: conditionalContent({ share: { type: 'not_shared', methods: [], legalBasis: [] } }),
    });
    expect(res.status).toBe(200);
    expect(res.body.issues).toEqual([
      expect.objectContaining({ code: 'CATALOG_LEGAL_BASIS_REQUIRED', field: 'share.legalBasis' }),
    ]);
  });

  it('R01 editing a published entry opens version 2; consumers keep version 1 until it is published', async () => {
    const id = await published();
    const v2 = sampleContent({
      summary: '新增民族信息',
      items: [...sampleContent().items, item({ name: '民族' })],
    });
    const opened = await w.police.request('PUT', `${API}/entries/${id}`, { content: v2 });
    expect(opened.body).toMatchObject({ status: 'published', currentStatus: 'draft', currentVersion: 2 });
    expect(opened.body.publishedContent.summary).toBe(sampleContent().summary);
    const consumer = await w.hrssUser.request('GET', `${API}/entries/${id}`);
    expect(consumer.body).toMatchObject({ currentVersion: 1, currentStatus: 'published' });
    expect(consumer.body.content.summary).toBe(sampleContent().summary);
    expect(consumer.body.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect((await w.hrssUser.request('GET', `${API}/entries/${id}/versions/2`)).status).toBe(404);
    const diff = await w.police.request('GET', `${API}/entries/${id}/diff`);
    expect(diff.body).toMatchObject({ from: 1, to: 2, reductions: [] });
    expect(diff.body.changes).toEqual(
      expect.arrayContaining([
        { path: 'summary', kind: 'changed', before: sampleContent().summary, after: '新增民族信息' },
        expect.objectContaining({ path: 'items[民族]', kind: 'added' }),
      ]),
    );
    await ok(w.police, id, 'submit');
    await ok(w.authority, id, 'ratify');
    const after = await ok(w.police, id, 'publish');
    expect(after).toMatchObject({ publishedVersion: 2, currentVersion: 2 });
    const old = await w.hrssUser.request('GET', `${API}/entries/${id}/versions/1`);
    expect(old.body).toMatchObject({ version: 1, status: 'superseded' });
    expect((await w.hrssUser.request('GET', `${API}/entries/${id}`)).body.content.summary).toBe(
      '新增民族信息',
    );
  });

  it('R11 a change that reduces sharing needs a reason and the authority approval before it takes effect', async () => {
    const id = await published();
    const reduced = sampleContent({ items: sampleContent().items.slice(0, 3), open: { toPublic: false } });
    await w.police.request('PUT', `${API}/entries/${id}`, { content: reduced });
    const noReason = await step(w.police, id, 'submit');
    expect(noReason.status).toBe(422);
    expect(noReason.body.error).toMatchObject({
      code: 'CATALOG_REDUCTION_REASON_REQUIRED',
      field: 'changeReason',
    });
    const submitted = await ok(w.police, id, 'submit', { changeReason: '婚姻状况改由民政部门提供' });
    expect(submitted.pendingReduction).toEqual({
      version: 2,
      reasons: ['item_removed:婚姻状况'],
      changeReason: '婚姻状况改由民政部门提供',
    });
    const atAuthority = await w.authority.request('GET', `${API}/entries/${id}`);
    expect(atAuthority.body.allowedActions).toEqual(['approveReduction', 'rejectReduction']);
    expect((await step(w.authority, id, 'ratify')).body.error.code).toBe('CATALOG_INVALID_STATE');
    await ok(w.authority, id, 'reduction/approve', { comment: '同意' });
    // Approved, not yet in effect: consumers still see the item until the provider publishes.
    const before = await w.hrssUser.request('GET', `${API}/entries/${id}`);
    expect(before.body.content.items).toHaveLength(4);
    expect(await auditActions(id)).toContain('catalog.reduction');
    await ok(w.police, id, 'publish');
    const afterPublish = await w.hrssUser.request('GET', `${API}/entries/${id}`);
    expect(afterPublish.body.content.items).toHaveLength(3);
  });

  it('R11 tightening the share type is a reduction; a rejection needs a comment and leaves the entry as it was', async () => {
    const id = await published(
      conditionalContent({ share: { ...conditionalContent().share, type: 'unconditional' } }),
    );
    await w.police.request('PUT', `${API}/entries/${id}`, { content: conditionalContent() });
    const submitted = await ok(w.police, id, 'submit', { changeReason: '涉及个人信息' });
    expect(submitted.pendingReduction.reasons).toEqual(['share_type_tightened:unconditional->conditional']);
    expect((await step(w.authority, id, 'reduction/reject', { comment: '' })).body.error.code).toBe(
      'CATALOG_COMMENT_REQUIRED',
    );
    const rejected = await ok(w.authority, id, 'reduction/reject', { comment: '依据不足' });
    expect(rejected).toMatchObject({
      status: 'published',
      currentStatus: 'rejected',
      shareType: 'unconditional',
    });
    expect((await w.police.request('GET', `${API}/entries/${id}`)).body.allowedActions).toEqual([
      'edit',
      'withdraw',
    ]);
  });

  it('R11 withdrawal needs a reason and approval, then the entry shows as withdrawn', async () => {
    const id = await published(sampleContent({ name: '待撤销资源' }));
    expect((await step(w.police, id, 'withdraw', { reason: ' ' })).body.error.code).toBe(
      'CATALOG_REDUCTION_REASON_REQUIRED',
    );
    const pending = await ok(w.police, id, 'withdraw', { reason: '系统停用' });
    expect(pending).toMatchObject({ status: 'published', currentStatus: 'submitted' });
    expect(pending.pendingReduction).toEqual({
      version: 2,
      reasons: ['withdrawal'],
      changeReason: '系统停用',
    });
    const done = await ok(w.authority, id, 'reduction/approve');
    expect(done).toMatchObject({ status: 'withdrawn', allowedActions: [] });
    const consumer = await w.hrssUser.request('GET', `${API}/entries/${id}`);
    expect(consumer.body.status).toBe('withdrawn');
    const listed = await w.platform.services.catalog.listPublished();
    expect(listed.map((e) => e.id)).not.toContain(id);
  });

  it('R21 an authority that also administers the resource may not ratify its own submission', async () => {
    await createUser(w.platform, 'dual.role', w.departments.police, ['resource_admin', 'authority']);
    const dual = await signedIn(w.platform, 'dual.role');
    const id = await create(dual);
    await readyToSubmit(w.platform, id);
    await ok(dual, id, 'submit');
    expect((await dual.request('GET', `${API}/entries/${id}`)).body.allowedActions).toEqual([]);
    const res = await step(dual, id, 'ratify');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CATALOG_SELF_REVIEW');
    await ok(w.authority, id, 'ratify');
  });

  it('R97 an external instance refuses a classified entry on creation', async () => {
    const res = await w.police.request('POST', `${API}/entries`, {
      content: sampleContent({ classified: true }),
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'CATALOG_CLASSIFIED_ON_EXTERNAL', field: 'classified' });
  });

  it('R05 the resource code is composed as the guide says and stays across versions', async () => {
    const a = await w.police.request('POST', `${API}/entries`, {
      content: sampleContent({
        classification: { catalog: 'theme', area: 'health', category: '007', subcategory: '3' },
      }),
    });
    expect(a.body.code).toBe('2020073/000001');
    const b = await w.police.request('POST', `${API}/entries`, {
      content: sampleContent({
        classification: { catalog: 'theme', area: 'health', category: '007', subcategory: '3' },
      }),
    });
    expect(b.body.code).toBe('2020073/000002');
    // Department catalog: 类 3 + the department's number, assigned on its first entry.
    const police = await w.police.request('POST', `${API}/entries`, { content: conditionalContent() });
    const hrss = await w.hrss.request('POST', `${API}/entries`, { content: conditionalContent() });
    const again = await w.police.request('POST', `${API}/entries`, { content: conditionalContent() });
    const item = (code: string) => code.slice(1, 3);
    expect(police.body.code).toMatch(/^3\d{2}001\/\d{6}$/);
    expect(item(again.body.code)).toBe(item(police.body.code));
    expect(item(hrss.body.code)).not.toBe(item(police.body.code));
    const changed = await w.police.request('PUT', `${API}/entries/${a.body.id}`, {
      content: sampleContent({ classification: { catalog: 'theme', area: 'health', category: '008' } }),
    });
    expect(changed.status).toBe(422);
    expect(changed.body.error.field).toBe('classification');
    const byCode = await w.police.request('GET', `${API}/entries/by-code/2020073/000002`);
    expect(byCode.body.id).toBe(b.body.id);
  });

  it('R05 concurrent creates get distinct codes', async () => {
    const actor = {
      kind: 'user' as const,
      id: 'u',
      name: 'police.admin',
      departmentId: w.departments.police,
      jurisdictionPath: '',
      roles: ['resource_admin' as const],
    };
    const path = await w.platform.storage.db
      .selectFrom('jurisdiction')
      .select('path')
      .where('code', '=', '990100')
      .executeTakeFirstOrThrow();
    actor.jurisdictionPath = path.path;
    const content = sampleContent({
      classification: { catalog: 'base', area: 'legal_person', category: '009' },
    });
    const created = await Promise.all(
      Array.from({ length: 8 }, () => w.platform.services.catalog.createDraft(actor, { content })),
    );
    const codes = created.map((e) => e.code).sort();
    expect(new Set(codes).size).toBe(8);
    expect(codes[0]).toBe('102009/000001');
    expect(codes[7]).toBe('102009/000008');
  });
});
