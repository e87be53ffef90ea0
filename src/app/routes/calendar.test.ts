import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditTables } from '../../audit/index.js';
import { AuditTrail, auditMigrations, ephemeralAuditKeys } from '../../audit/index.js';
import {
  type CalendarTables,
  calendarMigrations,
  createCalendarServices,
} from '../../platform/calendar/index.js';
import { ManualClock } from '../../platform/clock/index.js';
import { migrateToLatest } from '../../platform/db/migrations.js';
import { DIALECTS, openTestStorage, type TestStorage } from '../../platform/db/test-support/index.js';
import type { HttpServer } from '../../platform/http/index.js';
import { createTestServer } from '../test-support/route-server.js';
import { calendarRoutes } from './calendar.js';

describe.each(DIALECTS)('calendar routes on %s (R39)', (dialect) => {
  let storage: TestStorage<CalendarTables>;
  let app: HttpServer;
  let services: ReturnType<typeof createCalendarServices>;
  const clock = new ManualClock('2026-12-31T17:00:00Z'); // 2027-01-01 01:00 in China

  beforeEach(async () => {
    storage = await openTestStorage<CalendarTables>(dialect);
    await migrateToLatest(storage.db, storage.dialect, { ...calendarMigrations, ...auditMigrations });
    services = createCalendarServices({ storage, clock });
    app = await createTestServer();
    const audit = new AuditTrail({
      db: storage.db as unknown as Kysely<AuditTables>,
      dialect,
      clock,
      keys: ephemeralAuditKeys('sm'),
      checkpointTimer: false,
    });
    await app.register(calendarRoutes({ calendar: services.calendar, clock, audit }));
  });
  afterEach(async () => {
    // Drop the database first: a failed beforeEach must not leave a schema behind.
    await storage.dispose();
    await app?.close();
  });

  const notice = {
    year: 2027,
    holidays: ['2027-01-01', '2027-02-11'],
    workdays: ['2027-02-20'],
    source: '国办发明电〔2026〕X号',
  };

  it('computes a deadline for any signed-in user, from today in China by default', async () => {
    const res = await app.inject({
      url: '/api/v1/calendar/working-days?from=2026-02-10&days=20',
      headers: { 'x-test-roles': 'dept_user' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      from: '2026-02-10',
      days: 20,
      date: '2026-03-16',
      provisional: false,
    });
    const today = await app.inject({
      url: '/api/v1/calendar/working-days?days=1',
      headers: { 'x-test-roles': 'dept_user' },
    });
    expect(today.json()).toMatchObject({
      from: '2027-01-01',
      date: '2027-01-04',
      provisional: true,
      basis: ['rules-2025:2027'],
    });
  });

  it('answers calendar days when asked (Guangzhou "3日")', async () => {
    const res = await app.inject({
      url: '/api/v1/calendar/working-days?from=2025-09-30&days=3&unit=calendar_days',
      headers: { 'x-test-roles': 'dept_user' },
    });
    expect(res.json()).toMatchObject({ date: '2025-10-03', basis: ['calendar-days'] });
  });

  it('refuses bad input with catalogue codes', async () => {
    const get = (query: string) =>
      app.inject({ url: `/api/v1/calendar/working-days?${query}`, headers: { 'x-test-roles': 'dept_user' } });
    // The schema's date format catches an impossible date before the calendar sees it.
    expect((await get('from=2026-02-30&days=1')).json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: '/querystring/from',
    });
    expect((await get('from=2026-02-10&days=-1')).json().error.code).toBe('VALIDATION_FAILED');
    const unsupported = await get('from=2099-12-20&days=30');
    expect(unsupported.statusCode).toBe(422);
    expect(unsupported.json().error.code).toBe('CALENDAR_YEAR_UNSUPPORTED');
  });

  it('documents the routes and their error codes in OpenAPI', async () => {
    await app.ready();
    const doc = app.swagger() as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const post = doc.paths['/api/v1/calendar/years']?.post;
    expect(JSON.stringify(post?.responses['400'])).toContain('CALENDAR_NOTICE_DATE_IN_BOTH_LISTS');
    expect(JSON.stringify(post?.responses['409'])).toContain('CALENDAR_NOTICE_ALREADY_LOADED');
    expect(doc.paths['/api/v1/calendar/working-days']?.get?.responses['422']).toBeDefined();
  });

  it('refuses anonymous callers', async () => {
    const res = await app.inject({ url: '/api/v1/calendar/years' });
    expect(res.statusCode).toBe(401);
  });

  it('lists the years with their status and source', async () => {
    const res = await app.inject({ url: '/api/v1/calendar/years', headers: { 'x-test-roles': 'auditor' } });
    expect(res.statusCode).toBe(200);
    const years = res.json().years as { year: number; status: string }[];
    expect(years.find((y) => y.year === 2025)?.status).toBe('official');
    expect(years.find((y) => y.year === 2027)?.status).toBe('provisional');
  });

  it('lets only the operator load a notice, which turns provisional deadlines final', async () => {
    const deadline = await services.deadlines.set({
      subjectType: 'sharing.application.reply',
      subjectId: 'a1',
      start: '2027-02-08',
      amount: 5,
      unit: 'working_days',
    });
    expect(deadline.provisional).toBe(true);
    for (const roles of ['authority', 'security_admin', 'resource_admin']) {
      const denied = await app.inject({
        method: 'POST',
        url: '/api/v1/calendar/years',
        headers: { 'x-test-roles': roles },
        payload: notice,
      });
      expect(denied.statusCode, roles).toBe(403);
    }
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/calendar/years',
      headers: { 'x-test-roles': 'operator' },
      payload: notice,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ year: 2027, source: notice.source, recomputedDeadlines: 1 });
    const final = await services.deadlines.get('sharing.application.reply', 'a1');
    expect(final).toMatchObject({ provisional: false, basis: ['notice:2027'] });
    const trace = await (storage.db as unknown as Kysely<AuditTables>)
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'calendar.loadNotice')
      .execute();
    expect(trace).toHaveLength(1);
    expect(trace[0]).toMatchObject({ actor_id: 'user-operator', target_id: '2027' });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/calendar/years',
      headers: { 'x-test-roles': 'operator' },
      payload: notice,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CALENDAR_NOTICE_ALREADY_LOADED');
  });

  it.each([
    [{ ...notice, workdays: ['2027-02-11'] }, 'CALENDAR_NOTICE_DATE_IN_BOTH_LISTS', '/body/workdays/0'],
    [{ ...notice, holidays: ['2028-01-01'] }, 'CALENDAR_NOTICE_DATE_OUTSIDE_YEAR', '/body/holidays/0'],
    [{ ...notice, workdays: ['2027-02-19'] }, 'CALENDAR_NOTICE_WORKDAY_NOT_WEEKEND', '/body/workdays/0'],
    [{ ...notice, holidays: [] }, 'VALIDATION_FAILED', '/body/holidays'],
    [{ ...notice, extra: 1 }, 'UNKNOWN_FIELD', '/body/extra'],
  ])('refuses an invalid notice (%#)', async (payload, code, field) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/calendar/years',
      headers: { 'x-test-roles': 'operator', 'accept-language': 'en' },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code, field });
  });
});
