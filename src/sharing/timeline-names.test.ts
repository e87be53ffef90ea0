import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgClient, PASSWORD, signedIn } from '../org/test-support/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { startUrgeWorld, URGES } from './test-support/urge-case.js';

type Event = { action: string; actor: { id: string | null; name: string } };

/**
 * A case's timeline names the person who took a step by the name people know (孙科员), not by the
 * account's (ga.ziyuan); the audit trail keeps the account. Seen through a case type the kernel
 * runs by declaration alone (催办), so every declared case type shows it alike.
 */
describe.each(DIALECTS)('timeline entries name people by their display name on %s', (dialect) => {
  let w: Awaited<ReturnType<typeof startUrgeWorld>>;
  let staff: OrgClient;
  let staffId: string;
  beforeAll(async () => {
    w = await startUrgeWorld(dialect);
    const { user } = await w.platform.services.users.create(undefined, {
      username: 'ga.ziyuan',
      displayName: '孙科员',
      departmentId: w.departments.police,
      roles: ['resource_admin'],
      password: PASSWORD,
    });
    staffId = user.id;
    staff = await signedIn(w.platform, 'ga.ziyuan');
  }, 180_000);
  afterAll(async () => w?.close());

  it("a step's timeline entry carries the display name; the audit entry the account", async () => {
    const opened = await w.hrss.request('POST', URGES, {
      providerDepartmentId: w.departments.police,
      text: '请尽快答复参保状态核验申请',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id = opened.body.id as string;

    const answered = await staff.request('POST', `${URGES}/${id}/answer`, { reply: '已于今日办结' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const answer = (answered.body.timeline as Event[]).find((e) => e.action === 'answer');
    expect(answer?.actor).toEqual({ id: staffId, name: '孙科员' });
    // An account whose display name is its user name keeps showing it.
    const open = (answered.body.timeline as Event[]).find((e) => e.action === 'open');
    expect(open?.actor.name).toBe('hrss.admin');

    const read = await w.hrss.request('GET', `${URGES}/${id}`);
    expect((read.body.timeline as Event[]).map((e) => e.actor.name)).toEqual(['hrss.admin', '孙科员']);

    const audited = await w.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'actor_name'])
      .where('target_id', '=', id)
      .where('action', '=', 'test.urge.answer')
      .execute();
    expect(audited).toEqual([{ action: 'test.urge.answer', actor_name: 'ga.ziyuan' }]);
  });
});
