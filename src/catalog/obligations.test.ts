import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock/index.js';
import { digest } from '../platform/crypto/index.js';
import { tablesOf } from '../platform/db/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { loadProfile } from '../platform/profiles/index.js';
import type { EntryContent } from './model.js';
import { ObligationService } from './obligations.js';
import type { CatalogTables } from './schema.js';
import { conditionalContent, sampleContent } from './test-support/content.js';
import { type CatalogWorld, startCatalogWorld } from './test-support/world.js';

const API = '/api/v1/catalog';

describe.each(DIALECTS)('catalog obligations and editions on %s', (dialect) => {
  let w: CatalogWorld;
  // Friday 2026-09-25, 10:00 in China: the National Day holiday (1–7 October) lies ahead.
  const clock = new ManualClock('2026-09-25T02:00:00Z');

  beforeAll(async () => {
    w = await startCatalogWorld(dialect, { clock });
  }, 120_000);
  afterAll(async () => w?.close());

  const publish = async (content: EntryContent) => {
    const created = await w.police.request('POST', `${API}/entries`, { content });
    const id = created.body.id as string;
    for (const [client, action] of [
      [w.police, 'submit'],
      [w.authority, 'ratify'],
      [w.police, 'publish'],
    ] as const)
      expect((await client.request('POST', `${API}/entries/${id}/${action}`, {})).status).toBe(200);
    return id;
  };

  it('R09 R39 a law change sets the update deadline in working days across the National Day holiday', async () => {
    const res = await w.authority.request('POST', `${API}/obligations`, {
      departmentId: w.departments.hrss,
      cause: 'law_change',
      description: '《社会保险法》修订',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // 10 working days (政务数据共享条例第十七条) from 2026-09-25: 28–30 Sep, 8–10 Oct (10 Oct is a
    // make-up workday), 12–15 Oct.
    expect(res.body).toMatchObject({
      dueDate: '2026-10-15',
      state: 'due',
      status: 'open',
      workingDaysLeft: 10,
      department: { id: w.departments.hrss, name: '示范市人力资源和社会保障局' },
      // Not yet flagged by the sweep, nobody escalated to (R128).
      overdueFlaggedAt: null,
      escalation: null,
    });
    expect(res.body.article).toContain('10个工作日');
    const deadline = await w.platform.services.deadlines.get('catalog.obligation', res.body.id);
    expect(deadline?.dueDate).toBe('2026-10-15');

    // Sessions would lapse across four weeks: ask the service as the signed-in readers would.
    const obligations = w.platform.services.catalogObligations;
    const actor = (name: string, departmentId: string, role: 'resource_admin' | 'authority') => ({
      kind: 'user' as const,
      id: name,
      name,
      departmentId,
      jurisdictionPath: w.city.path,
      roles: [role],
    });
    const hrssAdmin = actor('hrss.admin', w.departments.hrss, 'resource_admin');
    const authority = actor('city.authority', w.cityDepartmentId, 'authority');
    clock.set('2026-10-16T02:00:00Z');
    try {
      expect(await obligations.list(hrssAdmin, { status: 'overdue' })).toEqual([
        expect.objectContaining({ id: res.body.id, state: 'overdue', workingDaysLeft: -1 }),
      ]);
      expect(await obligations.list(hrssAdmin, { status: 'due' })).toEqual([]);
      // Another department's administrator does not see it.
      expect(
        await obligations.list(actor('police.admin', w.departments.police, 'resource_admin'), {}),
      ).toEqual([]);
      const fulfilled = await obligations.fulfil({ actor: authority }, res.body.id, {
        note: '已更新社保目录',
      });
      expect(fulfilled).toMatchObject({ state: 'fulfilled', fulfilledNote: '已更新社保目录' });
    } finally {
      clock.set('2026-09-25T02:00:00Z');
    }
    const again = await w.authority.request('POST', `${API}/obligations/${res.body.id}/fulfil`, {
      note: 'x',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CATALOG_OBLIGATION_FULFILLED');
  });

  it('R09 publishing a change of the department fulfils its open obligations', async () => {
    const recorded = await w.authority.request('POST', `${API}/obligations`, {
      departmentId: w.departments.police,
      cause: 'duty_change',
      description: '户籍管理职能调整',
    });
    clock.advance(60_000);
    await publish(sampleContent({ name: '户籍变动信息' }));
    const [row] = (await w.police.request('GET', `${API}/obligations`)).body.filter(
      (o: { id: string }) => o.id === recorded.body.id,
    );
    expect(row).toMatchObject({ state: 'fulfilled' });
    expect(row.fulfilledNote).toContain('101001/');
  });

  it('R09 a resource administrator may not record an obligation; the profile must set a period', async () => {
    const denied = await w.hrss.request('POST', `${API}/obligations`, {
      departmentId: w.departments.hrss,
      cause: 'law_change',
      description: 'x',
    });
    expect(denied.status).toBe(403);
    const guangzhou = new ObligationService({
      db: tablesOf<CatalogTables>(w.platform.storage.db),
      audit: w.platform.services.audit,
      clock,
      calendar: w.platform.services.calendar,
      deadlines: w.platform.services.deadlines,
      departments: async () => ({
        id: w.departments.hrss,
        name: '人社',
        uscc: 'x',
        jurisdictionPath: w.city.path,
      }),
      profile: loadProfile('guangzhou'),
    });
    const authority = {
      kind: 'user' as const,
      id: 'a',
      name: 'a',
      departmentId: w.cityDepartmentId,
      jurisdictionPath: w.city.path,
      roles: ['authority' as const],
    };
    await expect(
      guangzhou.record(
        { actor: authority },
        { departmentId: w.departments.hrss, cause: 'law_change', description: 'x' },
      ),
    ).rejects.toMatchObject({
      code: 'CATALOG_OBLIGATION_PERIOD_UNDEFINED',
      params: { profile: 'guangzhou' },
    });
  });

  it('R08 R22 editions list published shared entries, are numbered and digested', async () => {
    const shared = await publish(conditionalContent({ name: '社保参保信息（编目）' }));
    const notShared = await publish(
      conditionalContent({
        name: '不予共享的内部信息',
        share: {
          type: 'not_shared',
          methods: [],
          legalBasis: [{ kind: 'law', title: '《保守国家秘密法》', article: '第九条' }],
        },
      }),
    );
    const draft = await w.police.request('POST', `${API}/entries`, {
      content: sampleContent({ name: '草稿' }),
    });
    expect((await w.hrssUser.request('POST', `${API}/editions`)).status).toBe(403);
    const first = await w.authority.request('POST', `${API}/editions`);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const ids = first.body.entries.map((e: { entryId: string }) => e.entryId);
    expect(ids).toContain(shared);
    expect(ids).not.toContain(notShared);
    expect(ids).not.toContain(draft.body.id);
    expect(first.body.digestValid).toBe(true);
    const stored = await w.platform.storage.db
      .selectFrom('catalog_edition')
      .select(['entries', 'digest'])
      .where('edition', '=', first.body.edition)
      .executeTakeFirstOrThrow();
    expect(stored.digest).toBe(digest('sm', stored.entries));
    const second = await w.sysadmin.request('POST', `${API}/editions`);
    expect(second.body.edition).toBe(first.body.edition + 1);
    const list = await w.hrssUser.request('GET', `${API}/editions`);
    expect(list.body.map((e: { edition: number }) => e.edition)).toEqual([
      second.body.edition,
      first.body.edition,
    ]);
    expect((await w.hrssUser.request('GET', `${API}/editions/99`)).body.error.code).toBe(
      'CATALOG_EDITION_NOT_FOUND',
    );
  });

  it('R03 drafts are invisible to other departments; the authority sees its jurisdiction; lists filter before paging', async () => {
    const city = await w.police.request('POST', `${API}/entries`, {
      content: sampleContent({ name: '市级草稿' }),
    });
    const county = await w.countyAdmin.request('POST', `${API}/entries`, {
      content: conditionalContent({ name: '县级草稿' }),
    });
    const seen = async (client: typeof w.hrss, id: string) => {
      const one = await client.request('GET', `${API}/entries/${id}`);
      const list = await client.request('GET', `${API}/entries?pageSize=200`);
      return { status: one.status, listed: list.body.items.some((e: { id: string }) => e.id === id) };
    };
    expect(await seen(w.hrss, city.body.id)).toEqual({ status: 404, listed: false });
    expect(await seen(w.hrssUser, city.body.id)).toEqual({ status: 404, listed: false });
    expect(await seen(w.police, city.body.id)).toEqual({ status: 200, listed: true });
    expect(await seen(w.authority, county.body.id)).toEqual({ status: 200, listed: true });
    expect(await seen(w.countyAuthority, city.body.id)).toEqual({ status: 404, listed: false });
    expect(await seen(w.countyAuthority, county.body.id)).toEqual({ status: 200, listed: true });
    const mine = await w.police.request('GET', `${API}/entries?mine=true&status=draft&pageSize=1`);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.total).toBeGreaterThan(1);
    const drafts = await w.hrssUser.request('GET', `${API}/entries?status=draft`);
    expect(drafts.body).toEqual({ items: [], total: 0 });
  });
});
