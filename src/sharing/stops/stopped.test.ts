import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { API, applicationBody, sharingWorldForSuite, threeItemContent } from '../test-support/index.js';

const code = (res: { status: number; body: { error?: { code: string } } }) =>
  res.status >= 400 ? `${res.status} ${res.body.error?.code}` : res.status;

/**
 * R11: a scheduled stop is a warning on new applications (the grant would end on its date); once
 * it has taken effect the resource takes no application, agreement or grant.
 */
describe.each(DIALECTS)('a stopped resource (inner-mongolia) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'inner-mongolia');

  it('R11 applications during a scheduled stop carry a warning; once in effect they are refused, and so is an approval', async () => {
    const entry = await w.publish(threeItemContent());
    const before = (await w.hrss.request('POST', `${API}/applications`, applicationBody(entry))).body;
    expect(before.stop).toBeNull();
    const stop = await w.police.request('POST', `${API}/stops`, {
      entryId: entry,
      reason: '数据源系统停止运行',
      effectiveDate: '2026-10-20',
    });
    expect(stop.status).toBe(201);
    const during = await w.hrss.request('POST', `${API}/applications`, applicationBody(entry));
    expect(during.status, JSON.stringify(during.body)).toBe(201);
    expect(during.body).toMatchObject({
      status: 'pending',
      stop: { number: stop.body.number, status: 'filed', effectiveDate: '2026-10-20', inEffect: false },
    });
    expect(during.body.timeline[0].detail.pendingStop).toEqual({
      number: stop.body.number,
      effectiveDate: '2026-10-20',
    });
    // The earlier application shows the stop as well, in the provider's inbox too.
    const inbox = (await w.police.request('GET', `${API}/applications?as=provider`)).body.items;
    expect(inbox.find((a: { id: string }) => a.id === before.id).stop.number).toBe(stop.body.number);

    // On the date, even before the sweep has run, the resource takes nothing new.
    w.clock.set('2026-10-20T02:00:00Z');
    expect(code(await w.hrss.request('POST', `${API}/applications`, applicationBody(entry)))).toBe(
      '409 SHARING_RESOURCE_STOPPED',
    );
    expect(code(await w.police.request('POST', `${API}/applications/${before.id}/approve`, {}))).toBe(
      '409 SHARING_RESOURCE_STOPPED',
    );
    await w.platform.services.sharing.scheduler.sweep(new Date('2026-10-20T02:00:00Z'));
    const refused = await w.police.request('POST', `${API}/applications/${during.body.id}/refuse`, {
      reason: '该资源已停止提供',
    });
    expect(refused.body).toMatchObject({ status: 'refused', stop: { status: 'effective', inEffect: true } });
    const detail = (await w.hrss.request('GET', `${API}/applications/${before.id}`)).body;
    expect(detail).toMatchObject({ status: 'pending', grantId: null });
  });
});

describe.each(DIALECTS)('a stopped resource (neixiang) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'neixiang');

  it('R11 R35 no agreement is proposed or filed once the stop is in effect', async () => {
    const entry = await w.publish(threeItemContent());
    const agreement = {
      entryId: entry,
      items: ['公民身份号码', '参保状态'],
      purpose: 'business_coordination',
      legalDuty: '城乡居民医保参保核验',
      frequency: 'daily',
      methods: ['interface'],
      validUntil: '2028-12-31',
    };
    const signed = (await w.hrss.request('POST', `${API}/agreements`, agreement)).body.id;
    await w.police.request('POST', `${API}/agreements/${signed}/sign`, {});
    await w.police.request('POST', `${API}/stops`, {
      entryId: entry,
      reason: '资源并入省级平台',
      effectiveDate: '2026-10-12',
    });
    w.clock.set('2026-10-12T02:00:00Z');
    expect(code(await w.hrss.request('POST', `${API}/agreements`, agreement))).toBe(
      '409 SHARING_RESOURCE_STOPPED',
    );
    expect(code(await w.authority.request('POST', `${API}/agreements/${signed}/file`, {}))).toBe(
      '409 SHARING_RESOURCE_STOPPED',
    );
    const still = await w.hrss.request('GET', `${API}/agreements/${signed}`);
    expect(still.body).toMatchObject({ status: 'signed', grantId: null });
    // Neixiang grants in-catalog requests at once: not on a stopped resource.
    expect(code(await w.hrss.request('POST', `${API}/applications`, applicationBody(entry)))).toBe(
      '409 SHARING_RESOURCE_STOPPED',
    );
  });
});
