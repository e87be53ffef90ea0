import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/support/platform.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { loadEffectiveProfile } from '../platform/profiles/index.js';
import { startUrgeWorld, URGES } from './test-support/urge-case.js';

/**
 * The case kernel, seen through a case type the test adds by declaration alone (催办,
 * test-support/urge-case.ts): numbering, who may act, state checks, one transaction per step,
 * row locks under concurrency, and the description the portal's case page reads.
 */
describe.each(DIALECTS)('a case type added by declaration alone (催办) on %s', (dialect) => {
  let w: Awaited<ReturnType<typeof startUrgeWorld>>;
  beforeAll(async () => {
    w = await startUrgeWorld(dialect);
  }, 180_000);
  afterAll(async () => w?.close());

  const open = async () => {
    const res = await w.hrss.request('POST', URGES, {
      providerDepartmentId: w.departments.police,
      text: '请尽快答复参保状态核验申请',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; number: string; status: string };
  };
  const code = (res: { status: number; body: { error?: { code: string } } }) =>
    `${res.status} ${res.body.error?.code ?? ''}`.trim();

  it('opens with a number, answers once, and writes timeline, audit entries and notices in the step', async () => {
    const urge = await open();
    expect(urge.number).toMatch(/^CB-2026-\d{6}$/);
    expect(urge.status).toBe('open');

    // Only the provider's own department answers; a department no party to it does not see it.
    expect(code(await w.hrss.request('POST', `${URGES}/${urge.id}/answer`, { reply: '好' }))).toBe(
      '403 FORBIDDEN',
    );
    expect(code(await w.countyAdmin.request('GET', `${URGES}/${urge.id}`))).toBe('404 TEST_URGE_NOT_FOUND');
    expect(code(await w.countyAdmin.request('POST', `${URGES}/${urge.id}/answer`, { reply: '好' }))).toBe(
      '404 TEST_URGE_NOT_FOUND',
    );
    expect(code(await w.police.request('POST', `${URGES}/${urge.id}/answer`, { reply: '' }))).toBe(
      '400 VALIDATION_FAILED',
    );
    const seen = await w.police.request('GET', `${URGES}/${urge.id}`);
    expect(seen.body.allowedActions).toEqual(['answer']);

    const answered = await w.police.request('POST', `${URGES}/${urge.id}/answer`, { reply: '已于今日办结' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', reply: '已于今日办结', allowedActions: [] });
    expect(answered.body.timeline.map((e: { action: string }) => e.action)).toEqual(['open', 'answer']);

    // A second answer: the step is not open from 已答复, said in words, not enum values.
    const again = await w.police.request('POST', `${URGES}/${urge.id}/answer`, { reply: '再次答复' });
    expect(code(again)).toBe('409 TEST_URGE_INVALID_STATE');
    expect(again.body.error.message).toContain('已答复');
    expect(again.body.error.message).toContain('答复');

    const audit = await w.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'target_id'])
      .where('target_id', '=', urge.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['test.urge.open', 'test.urge.answer']);
    const notices = await w.platform.storage.db
      .selectFrom('notice')
      .select(['kind'])
      .where('case_id', '=', urge.id)
      .orderBy('created_at')
      .execute();
    expect(notices.map((n) => n.kind).sort()).toEqual(['urge.answered', 'urge.opened']);
  });

  it('a step that fails leaves nothing behind: no state, no timeline entry, no audit entry', async () => {
    const urge = await open();
    const before = await w.platform.storage.db
      .selectFrom('audit_entry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(code(await w.police.request('POST', `${URGES}/${urge.id}/withdraw`, {}))).toBe('403 FORBIDDEN');
    const after = await w.platform.storage.db
      .selectFrom('audit_entry')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const view = await w.hrss.request('GET', `${URGES}/${urge.id}`);
    expect(view.body.status).toBe('open');
    expect(view.body.timeline).toHaveLength(1);
  });

  it('concurrent steps on one case: exactly one wins, the other meets the new state', async () => {
    const urge = await open();
    const results = await Promise.all([
      w.police.request('POST', `${URGES}/${urge.id}/answer`, { reply: '答复一' }),
      w.hrss.request('POST', `${URGES}/${urge.id}/withdraw`, {}),
      w.police.request('POST', `${URGES}/${urge.id}/answer`, { reply: '答复二' }),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(2);
    const view = await w.hrss.request('GET', `${URGES}/${urge.id}`);
    expect(view.body.timeline).toHaveLength(2);
  });

  it('the portal reads the declared type: its states, steps and their inputs', async () => {
    const res = await w.hrss.request('GET', '/api/v1/cases/types');
    expect(res.status).toBe(200);
    const urge = res.body.items.find((t: { type: string }) => t.type === 'urge');
    expect(urge).toMatchObject({
      api: URGES,
      statuses: { answered: { zh: '已答复' } },
      actions: {
        answer: {
          label: { zh: '答复' },
          path: 'answer',
          fields: [{ name: 'reply', required: true, label: { zh: '答复' } }],
        },
        withdraw: {
          danger: true,
          from: ['open'],
          fields: [{ name: 'note', required: false, label: { zh: '说明' } }],
        },
      },
    });
    // The stop case type, moved onto the kernel, is described the same way.
    expect(res.body.items.map((t: { type: string }) => t.type)).toContain('stop');
    // A declared period names the profile fields that set it; each is a period of the profile
    // the platform runs on, with its article (N10: the reply period of an application).
    const application = res.body.items.find((t: { type: string }) => t.type === 'application');
    expect(application.deadlines).toEqual([
      // N09: the head's review of a drafted answer (第二十条第三款) is within the reply period.
      expect.objectContaining({
        label: { zh: '答复期限', en: 'Reply due' },
        runsIn: ['pending', 'answer_review'],
      }),
    ]);
    const profile = loadEffectiveProfile('national') as unknown as Record<string, Record<string, unknown>>;
    for (const type of res.body.items as { type: string; deadlines: { profileFields: string[] }[] }[])
      for (const field of type.deadlines.flatMap((d) => d.profileFields)) {
        const [group = '', name = ''] = field.split('.');
        expect(profile[group]?.[name], `${type.type}: ${field}`).toMatchObject({
          article: expect.any(String),
        });
      }
    expect(code(await new TestClient(w.platform).request('GET', '/api/v1/cases/types'))).toBe(
      '401 UNAUTHENTICATED',
    );
  });
});
