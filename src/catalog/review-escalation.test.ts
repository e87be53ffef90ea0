import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { sampleContent } from './test-support/content.js';
import { type CatalogWorld, startCatalogWorld } from './test-support/world.js';

const API = '/api/v1/catalog';

type Notice = { kind: string; title: { zh: string }; body: { zh: string }; link: string | null };

/**
 * N06 (809 第十七条第三款) and R128: the competent authority reviews an updated catalog within 2
 * working days. When it lets that pass, the overdue party is the authority itself: the sweep
 * escalates to the sharing-office head of the authority's department over the provider's
 * jurisdiction (the city's for a city department, the county's for a county one), once.
 */
describe.each(DIALECTS)(
  'N06 R128 an overdue catalog review escalates to the authority’s head on %s',
  (dialect) => {
    let w: CatalogWorld;
    // Monday 2026-11-16, 10:00 in China.
    const clock = new ManualClock('2026-11-16T02:00:00Z');
    let authorityId: string;

    beforeAll(async () => {
      w = await startCatalogWorld(dialect, {
        clock,
        config: { profile: 'national', session: { idleMinutes: 10_000_000, absoluteHours: 200_000 } },
      });
      const user = await w.platform.storage.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'city.authority')
        .executeTakeFirstOrThrow();
      authorityId = user.id;
      // The city authority's department records its sharing office, with its account as the head.
      const office = await w.sysadmin.request('PUT', `/api/v1/departments/${w.cityDepartmentId}/office`, {
        officeName: '示范市政务数据共享办公室',
        officePhone: '0371-12345678',
        officeEmail: 'share@data.example.gov.cn',
        headUserId: authorityId,
        headTitle: '主任',
        officerUserId: authorityId,
      });
      expect(office.status, JSON.stringify(office.body)).toBe(200);
      // Open update obligations make the departments' next submissions updates (第十七条).
      for (const departmentId of [w.departments.police, w.departments.county]) {
        const client = departmentId === w.departments.police ? w.authority : w.countyAuthority;
        const recorded = await client.request('POST', `${API}/obligations`, {
          departmentId,
          cause: 'duty_change',
          description: '机构改革职责调整',
        });
        expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
      }
    }, 120_000);
    afterAll(async () => w?.close());

    const submitted = async (client: typeof w.police, name: string) => {
      const created = await client.request('POST', `${API}/entries`, { content: sampleContent({ name }) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const res = await client.request('POST', `${API}/entries/${created.body.id}/submit`, {});
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { id: string; code: string; reviewDeadline: { dueDate: string } };
    };
    const audits = (entryId: string) =>
      w.platform.storage.db
        .selectFrom('audit_entry')
        .select(['action', 'detail'])
        .where('target_id', '=', entryId)
        .where((eb) =>
          eb.or([eb('action', 'like', 'sharing.overdue.%'), eb('action', '=', 'catalog.review.overdue')]),
        )
        .orderBy('seq')
        .execute();

    it('N06 R128 a city update not reviewed in time reaches the head of the city authority’s department, once; a county one, the county’s', async () => {
      clock.set('2026-11-16T02:00:00Z');
      const city = await submitted(w.police, '户籍人口统计信息');
      const county = await submitted(w.countyAdmin, '县级市场主体登记信息');
      // Received Monday: 2 working days.
      expect(city.reviewDeadline.dueDate).toBe('2026-11-18');

      const sweep = (iso: string) => w.platform.services.catalog.sweepOverdueReviews(new Date(iso));
      expect(await sweep('2026-11-18T09:00:00Z')).toBe(0);
      expect(await sweep('2026-11-19T02:00:00Z')).toBe(2);
      expect(await sweep('2026-11-19T03:00:00Z')).toBe(0);
      clock.set('2026-11-19T03:00:00Z');

      const inbox = (await w.authority.request('GET', '/api/v1/sharing/notices?pageSize=200')).body
        .items as Notice[];
      const told = inbox.filter((n) => n.kind === 'overdue.escalated');
      expect(told).toHaveLength(1);
      expect(told[0]?.title.zh).toContain(city.code);
      expect(told[0]?.body.zh).toContain('2026-11-18');
      expect(told[0]?.body.zh).toContain('第十七条');
      expect(told[0]?.body.zh).toContain('主任');
      expect(told[0]?.link).toBe(`/catalog/entries/${city.id}`);

      const cityAudits = await audits(city.id);
      expect(cityAudits.map((a) => a.action)).toEqual(['sharing.overdue.escalate', 'catalog.review.overdue']);
      const detail = (a: { detail: unknown }) =>
        (typeof a.detail === 'string' ? JSON.parse(a.detail) : a.detail) as Record<string, unknown>;
      expect(detail(cityAudits[0] as { detail: unknown })).toMatchObject({
        departmentId: w.cityDepartmentId,
        reached: 'head',
        userId: authorityId,
      });
      expect(detail(cityAudits[1] as { detail: unknown })).toMatchObject({
        authorityDepartmentId: w.cityDepartmentId,
        escalation: 'head',
      });

      // The county's update is the county authority's to review: its department recorded no office.
      const countyAudits = await audits(county.id);
      expect(countyAudits.map((a) => a.action)).toEqual([
        'sharing.overdue.escalation_unreachable',
        'catalog.review.overdue',
      ]);
      expect(detail(countyAudits[0] as { detail: unknown })).toMatchObject({
        departmentId: w.departments.county,
        reached: null,
      });
      expect(detail(countyAudits[1] as { detail: unknown })).toMatchObject({ escalation: 'unreachable' });
    });
  },
);
