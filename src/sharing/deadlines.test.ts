import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import {
  API,
  applicationBody,
  auditActions,
  sharingWorldForSuite,
  threeItemContent,
} from './test-support/index.js';

/**
 * Time walks forward here (a ManualClock), so these run after each other in one world: the
 * reminder and overdue sweep, a late decision, grant suspension and an expiring grant.
 */
describe.each(DIALECTS)('sharing deadlines and grants over time (inner-mongolia) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'inner-mongolia');
  let entry: string;

  beforeAll(async () => {
    entry = await w.publish(threeItemContent());
  });

  const notices = async (client = w.hrss) =>
    (await client.request('GET', `${API}/notices?pageSize=200`)).body.items as {
      id: string;
      kind: string;
      case: { id: string } | null;
      readAt: string | null;
    }[];
  const sweep = (iso: string) => w.platform.services.sharing.scheduler.sweep(new Date(iso));

  it('R32 R40 the sweep reminds before the deadline and flags an overdue case to the authority, each exactly once', async () => {
    const res = await w.hrss.request('POST', `${API}/applications`, applicationBody(entry));
    const app = res.body;
    expect(app.deadline.dueDate).toBe('2026-10-20');
    // 2026-10-15: three working days left (16, 19, 20) — too early for a two-day reminder.
    expect(await sweep('2026-10-15T01:00:00Z')).toEqual({ dueSoon: 0, overdue: 0 });
    // 2026-10-16: two working days left.
    expect(await sweep('2026-10-16T01:00:00Z')).toEqual({ dueSoon: 1, overdue: 0 });
    expect(await sweep('2026-10-16T05:00:00Z')).toEqual({ dueSoon: 0, overdue: 0 });
    const mine = (await notices(w.police)).filter((n) => n.case?.id === app.id);
    expect(mine.map((n) => n.kind).sort()).toEqual(['application.due_soon', 'application.received']);
    expect(await sweep('2026-10-20T09:00:00Z')).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await sweep('2026-10-21T01:00:00Z')).toEqual({ dueSoon: 0, overdue: 1 });
    expect(await sweep('2026-10-22T01:00:00Z')).toEqual({ dueSoon: 0, overdue: 0 });
    const authority = (await notices(w.authority)).filter((n) => n.case?.id === app.id);
    expect(authority.map((n) => n.kind)).toEqual(['application.overdue']);
    // The authority of another jurisdiction (the county) is not told of the city provider's case.
    expect((await notices(w.countyAuthority)).filter((n) => n.case?.id === app.id)).toHaveLength(0);
    const detail = await w.authority.request('GET', `${API}/applications/${app.id}`);
    expect(detail.body.overdue).toBe(true);
    // The overdue flag escalates to the provider's sharing-office head (N01/R128).
    expect(detail.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'due_soon',
      'overdue',
      'escalated',
    ]);

    // A late answer is accepted and recorded late.
    w.clock.set('2026-10-22T02:00:00Z');
    const approved = await w.police.request('POST', `${API}/applications/${app.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedLate: true, overdue: true });
    // A decided case keeps its due date and article but shows no countdown (issue 13).
    expect(approved.body.deadline).toMatchObject({ dueDate: expect.any(String), workingDaysLeft: null });
    expect(approved.body.timeline.at(-1)).toMatchObject({ action: 'approve', detail: { late: true } });
    const overdue = await w.authority.request('GET', `${API}/applications?as=all&overdue=true`);
    expect(overdue.body.items.map((a: { id: string }) => a.id)).toContain(app.id);
  });

  it('R33 grants are suspended, resumed and revoked with a reason, audited and noticed to the holder', async () => {
    // A resource of its own: the earlier case's grant would otherwise answer the check.
    entry = await w.publish(threeItemContent());
    const app = (await w.hrss.request('POST', `${API}/applications`, applicationBody(entry))).body;
    const grantId = (await w.police.request('POST', `${API}/applications/${app.id}/approve`, {})).body
      .grantId;
    const check = () =>
      w.platform.services.sharing.grants.check({
        consumerDepartmentId: w.departments.hrss,
        entryId: entry,
        items: ['参保状态'],
        purpose: 'data_verification',
        method: 'interface',
        at: w.clock.now(),
      });
    expect((await check()).allowed).toBe(true);
    const noReason = await w.police.request('POST', `${API}/grants/${grantId}/suspend`, { reason: '' });
    expect(noReason.status).toBe(400);
    const byHolder = await w.hrss.request('POST', `${API}/grants/${grantId}/suspend`, { reason: '自行暂停' });
    expect(byHolder.status).toBe(403);
    const suspended = await w.police.request('POST', `${API}/grants/${grantId}/suspend`, {
      reason: '更新不及时，限制使用',
    });
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: '更新不及时，限制使用' });
    const refused = await check();
    expect(refused.allowed ? '' : refused.error.code).toBe('GRANT_SUSPENDED');
    expect(
      (await w.police.request('POST', `${API}/grants/${grantId}/suspend`, { reason: '再次' })).body.error
        .code,
    ).toBe('GRANT_INVALID_STATE');
    expect(
      (await w.authority.request('POST', `${API}/grants/${grantId}/resume`, { reason: '已整改' })).body
        .status,
    ).toBe('active');
    expect((await check()).allowed).toBe(true);
    const revoked = await w.authority.request('POST', `${API}/grants/${grantId}/revoke`, {
      reason: '投诉查实滥用',
    });
    expect(revoked.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'suspend',
      'resume',
      'revoke',
    ]);
    const gone = await check();
    expect(gone.allowed ? '' : gone.error.code).toBe('GRANT_REVOKED');
    const kinds = (await notices())
      .filter((n) => n.case?.id === grantId)
      .map((n) => n.kind)
      .sort();
    expect(kinds).toEqual(['grant.resume', 'grant.revoke', 'grant.suspend']);
    expect(await auditActions(w, grantId)).toEqual([
      'sharing.grant.create',
      'sharing.grant.suspend',
      'sharing.grant.resume',
      'sharing.grant.revoke',
    ]);
  });

  it('R33 an expired grant stops working: expiry is valid_until against the clock', async () => {
    entry = await w.publish(threeItemContent());
    const today = w.clock.now().toISOString().slice(0, 10);
    const app = (
      await w.hrss.request(
        'POST',
        `${API}/applications`,
        applicationBody(entry, { validUntil: '2026-12-31' }),
      )
    ).body;
    expect(app.validFrom).toBe(today);
    const grantId = (await w.police.request('POST', `${API}/applications/${app.id}/approve`, {})).body
      .grantId;
    const check = () =>
      w.hrss.request('POST', `${API}/grants/check`, {
        entryId: entry,
        items: ['公民身份号码'],
        purpose: 'data_verification',
        method: 'interface',
      });
    w.clock.set('2026-12-31T15:00:00Z'); // 23:00 in China on the last valid day
    expect((await check()).body).toMatchObject({ allowed: true, grant: { id: grantId } });
    w.clock.set('2026-12-31T16:30:00Z'); // 00:30 on 2027-01-01 in China
    const expired = await check();
    expect(expired.body).toMatchObject({ allowed: false, code: 'GRANT_EXPIRED' });
    expect(expired.body.message).toContain('2026-12-31');
    expect((await w.hrss.request('GET', `${API}/grants/${grantId}`)).body.status).toBe('expired');
    const resume = await w.police.request('POST', `${API}/grants/${grantId}/suspend`, {
      reason: '到期后暂停',
    });
    expect(resume.body.error.code).toBe('GRANT_INVALID_STATE');
  });

  it('notices are read once and counted', async () => {
    const before = (await w.hrss.request('GET', `${API}/notices/unread-count`)).body.unread;
    expect(before).toBeGreaterThan(0);
    const [first] = (await notices()).filter((n) => n.readAt === null);
    const read = await w.hrssUser.request('POST', `${API}/notices/${first?.id}/read`);
    expect(read.body.readAt).not.toBeNull();
    expect((await w.hrss.request('GET', `${API}/notices/unread-count`)).body.unread).toBe(before - 1);
    const foreign = await w.police.request('POST', `${API}/notices/${first?.id}/read`);
    expect(foreign.body.error.code).toBe('NOTICE_NOT_FOUND');
  });
});
