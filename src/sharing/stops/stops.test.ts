import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { API, applicationBody, sharingWorldForSuite, threeItemContent } from '../test-support/index.js';

type Notice = { kind: string; case: { id: string } | null; title: { zh: string } };
const inbox = async (client: OrgClient) =>
  (await client.request('GET', `${API}/notices?pageSize=200`)).body.items as Notice[];

/** Inner Mongolia Art.18 ¶3: a justified reason and prior filing; holders told before the date. */
describe.each(DIALECTS)('stopping a resource (inner-mongolia) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'inner-mongolia');
  let entry: string;
  let grantId: string;

  beforeAll(async () => {
    entry = await w.publish(threeItemContent());
    const app = (await w.hrss.request('POST', `${API}/applications`, applicationBody(entry))).body;
    grantId = (await w.police.request('POST', `${API}/applications/${app.id}/approve`, {})).body.grantId;
  });

  const sweep = (iso: string) => w.platform.services.sharing.scheduler.sweep(new Date(iso));

  it('R11 a stop needs a reason and a later date, is filed with the authority and told to holders before it takes effect', async () => {
    const today = await w.police.request('POST', `${API}/stops`, {
      entryId: entry,
      reason: '系统迁移',
      effectiveDate: '2026-09-30',
    });
    expect(today.body.error.code).toBe('STOP_NOT_IN_ADVANCE');
    const byHolder = await w.hrss.request('POST', `${API}/stops`, {
      entryId: entry,
      reason: '不再需要',
      effectiveDate: '2026-10-20',
    });
    expect(byHolder.body.error.code).toBe('STOP_NOT_PROVIDER');
    const byUser = await w.policeUser.request('POST', `${API}/stops`, {
      entryId: entry,
      reason: '系统迁移',
      effectiveDate: '2026-10-20',
    });
    expect(byUser.body.error.code).toBe('FORBIDDEN');
    const res = await w.police.request('POST', `${API}/stops`, {
      entryId: entry,
      reason: '数据源系统整体迁移至省级平台',
      effectiveDate: '2026-10-20',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'filed',
      holdersNoticed: 1,
      rule: { value: 'prior_filing', article: 'Art.18' },
    });
    expect(res.body.number).toMatch(/^TZ-2026-\d{6}$/);
    const stopId = res.body.id;
    expect((await inbox(w.hrss)).some((n) => n.kind === 'stop.announced' && n.case?.id === stopId)).toBe(
      true,
    );
    expect((await inbox(w.authority)).some((n) => n.kind === 'stop.filed' && n.case?.id === stopId)).toBe(
      true,
    );
    const twice = await w.police.request('POST', `${API}/stops`, {
      entryId: entry,
      reason: '再次',
      effectiveDate: '2026-11-20',
    });
    expect(twice.body.error.code).toBe('STOP_ALREADY_PENDING');
    expect((await w.hrss.request('GET', `${API}/stops/${stopId}`)).status).toBe(404);
    expect((await w.authority.request('GET', `${API}/stops/${stopId}`)).status).toBe(200);

    // The day before: the grant still works; on the date the sweep ends it.
    expect(await sweep('2026-10-19T01:00:00Z')).toEqual({ dueSoon: 0, overdue: 0 });
    expect(await sweep('2026-10-20T01:00:00Z')).toMatchObject({ steps: { stops: 1 } });
    expect(await sweep('2026-10-20T02:00:00Z')).toEqual({ dueSoon: 0, overdue: 0 });
    const check = await w.platform.services.sharing.grants.check({
      consumerDepartmentId: w.departments.hrss,
      entryId: entry,
      items: ['参保状态'],
      purpose: 'data_verification',
      method: 'interface',
      at: new Date('2026-10-20T03:00:00Z'),
    });
    expect(check.allowed ? '' : check.error.code).toBe('GRANT_REVOKED');
    const grant = await w.hrss.request('GET', `${API}/grants/${grantId}`);
    expect(grant.body.statusReason).toContain('数据源系统整体迁移');
    expect(grant.body.timeline.at(-1).action).toBe('ended_by_stop');
    expect(
      (await inbox(w.hrss)).some((n) => n.kind === 'grant.ended_by_stop' && n.case?.id === grantId),
    ).toBe(true);
    const stop = await w.police.request('GET', `${API}/stops/${stopId}`);
    expect(stop.body).toMatchObject({ status: 'effective', grantsEnded: 1, allowedActions: [] });
    expect(stop.body.timeline.map((e: { action: string }) => e.action)).toEqual(['file', 'effective']);
    const late = await w.police.request('POST', `${API}/stops/${stopId}/withdraw`, {});
    expect(late.body.error.code).toBe('STOP_INVALID_STATE');
  });
});

/** Guangzhou Art.9: reducing the catalog needs the same-level government's approval. */
describe.each(DIALECTS)('stopping a resource (guangzhou) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'guangzhou');

  it('R11 the stop waits for the recorded approval before holders are told; the provider may withdraw it', async () => {
    const entry = await w.publish(threeItemContent());
    // Guangzhou Art.19 ¶1: granted at once.
    await w.hrss.request('POST', `${API}/applications`, applicationBody(entry));
    const res = await w.police.request('POST', `${API}/stops`, {
      entryId: entry,
      reason: '业务职能调整',
      effectiveDate: '2026-10-30',
    });
    expect(res.body).toMatchObject({
      status: 'pending_approval',
      holdersNoticed: 0,
      rule: { value: 'government_approval', article: 'Art.9' },
    });
    const id = res.body.id;
    expect((await inbox(w.hrss)).some((n) => n.case?.id === id)).toBe(false);
    expect((await w.police.request('POST', `${API}/stops/${id}/approve`, {})).body.error.code).toBe(
      'FORBIDDEN',
    );
    expect((await w.countyAuthority.request('POST', `${API}/stops/${id}/approve`, {})).body.error.code).toBe(
      'STOP_NOT_FOUND',
    );
    expect((await w.authority.request('GET', `${API}/stops/${id}`)).body.allowedActions).toEqual([
      'approve',
      'reject',
    ]);
    const approved = await w.authority.request('POST', `${API}/stops/${id}/approve`, {
      note: '市政府批复同意',
    });
    expect(approved.body).toMatchObject({
      status: 'filed',
      holdersNoticed: 1,
      decisionNote: '市政府批复同意',
    });
    expect((await inbox(w.hrss)).some((n) => n.kind === 'stop.announced' && n.case?.id === id)).toBe(true);
    const again = await w.authority.request('POST', `${API}/stops/${id}/approve`, {});
    expect(again.body.error.code).toBe('STOP_INVALID_STATE');
    const withdrawn = await w.police.request('POST', `${API}/stops/${id}/withdraw`, { note: '职能调整取消' });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await inbox(w.hrss)).some((n) => n.kind === 'stop.withdrawn' && n.case?.id === id)).toBe(true);
    expect(await w.platform.services.sharing.scheduler.sweep(new Date('2026-11-02T01:00:00Z'))).toEqual({
      dueSoon: 0,
      overdue: 0,
    });
  });
});
