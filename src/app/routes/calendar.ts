import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AuditTrail } from '../../audit/index.js';
import { actorOf, auditContext, authorize, definePolicies } from '../../org/index.js';
import {
  type CalendarService,
  chinaDate,
  MAX_DAYS,
  NOTICE_YEAR_RANGE,
} from '../../platform/calendar/index.js';
import type { Clock } from '../../platform/clock/index.js';
import { errorResponses } from '../../platform/http/index.js';

export const CalendarActions = definePolicies({
  /** Load a State Council holiday notice into the working-day calendar. */
  'calendar.manage': { operator: 'all' },
});

export interface CalendarRoutesDeps {
  calendar: CalendarService;
  clock: Clock;
  audit: AuditTrail;
}

const IsoDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-02-10'] });
const Basis = Type.Array(Type.String(), {
  description:
    '每年所用日历数据 / calendar data used per year, e.g. chinese-days@1.5.7:2026, notice:2027, rules-2025:2027',
});
const Status = Type.Union([Type.Literal('official'), Type.Literal('provisional')], {
  description:
    'official：国务院放假通知；provisional：按放假办法推算，未含调休 / computed, without make-up workdays',
});

const YearSummary = Type.Object({
  year: Type.Integer(),
  status: Status,
  basis: Type.String(),
  source: Type.String(),
  loadedAt: Type.Optional(Type.String({ format: 'date-time' })),
});

const NoticeBody = Type.Object(
  {
    year: Type.Integer({ minimum: NOTICE_YEAR_RANGE.min, maximum: NOTICE_YEAR_RANGE.max }),
    holidays: Type.Array(IsoDate, {
      minItems: 1,
      maxItems: 366,
      description: '放假日期（含周末） / days off',
    }),
    workdays: Type.Array(IsoDate, { maxItems: 366, description: '调休上班日 / make-up workdays' }),
    source: Type.String({ minLength: 1, maxLength: 200, examples: ['国办发明电〔2026〕X号'] }),
  },
  { additionalProperties: false },
);

const DATE_ERRORS = ['CALENDAR_DATE_INVALID', 'CALENDAR_DAYS_INVALID', 'CALENDAR_YEAR_UNSUPPORTED'];
const NOTICE_ERRORS = [
  'CALENDAR_DATE_INVALID',
  'CALENDAR_NOTICE_YEAR_INVALID',
  'CALENDAR_NOTICE_SOURCE_MISSING',
  'CALENDAR_NOTICE_NO_HOLIDAYS',
  'CALENDAR_NOTICE_DATE_OUTSIDE_YEAR',
  'CALENDAR_NOTICE_DATE_IN_BOTH_LISTS',
  'CALENDAR_NOTICE_WORKDAY_NOT_WEEKEND',
  'CALENDAR_NOTICE_ALREADY_LOADED',
  'UNKNOWN_FIELD',
];

/**
 * The working-day calendar over HTTP (R39): the years it knows, deadline computation, and the
 * loading of a year's State Council notice by the platform operator.
 *
 * @example await app.register(calendarRoutes({ calendar, clock }))
 */
export function calendarRoutes(deps: CalendarRoutesDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/calendar/years',
      {
        schema: {
          tags: ['calendar'],
          summary: '工作日历年份 / calendar years',
          response: { 200: Type.Object({ years: Type.Array(YearSummary) }), ...errorResponses() },
        },
      },
      async (request) => {
        actorOf(request);
        return { years: await deps.calendar.listYears() };
      },
    );

    app.get(
      '/api/v1/calendar/working-days',
      {
        schema: {
          tags: ['calendar'],
          summary: '计算期限 / compute a deadline',
          description: '自 from 起（不含当日）第 days 个工作日；from 缺省为今天（北京时间）。',
          querystring: Type.Object(
            {
              from: Type.Optional(IsoDate),
              days: Type.Integer({ minimum: 0, maximum: MAX_DAYS }),
              unit: Type.Optional(Type.Union([Type.Literal('working_days'), Type.Literal('calendar_days')])),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              from: IsoDate,
              days: Type.Integer(),
              unit: Type.String(),
              date: IsoDate,
              provisional: Type.Boolean(),
              basis: Basis,
            }),
            ...errorResponses(...DATE_ERRORS),
          },
        },
      },
      async (request) => {
        actorOf(request);
        const from = request.query.from ?? chinaDate(deps.clock.now());
        const unit = request.query.unit ?? 'working_days';
        const calendar = await deps.calendar.calendar();
        const due = calendar.add(from, request.query.days, unit);
        return { from, days: request.query.days, unit, ...due };
      },
    );

    app.post(
      '/api/v1/calendar/years',
      {
        schema: {
          tags: ['calendar'],
          summary: '载入年度放假通知 / load a year’s holiday notice',
          description: '载入后，该年的临时（推算）期限重新计算为正式期限。',
          body: NoticeBody,
          response: {
            201: Type.Object({
              year: Type.Integer(),
              holidays: Type.Array(IsoDate),
              workdays: Type.Array(IsoDate),
              source: Type.String(),
              loadedAt: Type.String({ format: 'date-time' }),
              recomputedDeadlines: Type.Integer({ description: '转为正式的期限数 / deadlines made final' }),
            }),
            ...errorResponses(...NOTICE_ERRORS),
          },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        authorize(actor, CalendarActions['calendar.manage']);
        const { notice, recomputed } = await deps.calendar.loadNotice(request.body, actor.id, (trx, result) =>
          deps.audit.record(trx, auditContext(request), {
            action: 'calendar.loadNotice',
            targetType: 'calendar_year',
            targetId: String(result.notice.year),
            detail: { source: result.notice.source, recomputedDeadlines: result.recomputed },
          }),
        );
        return reply.status(201).send({
          year: notice.year,
          holidays: notice.holidays,
          workdays: notice.workdays,
          source: notice.source,
          loadedAt: notice.loadedAt,
          recomputedDeadlines: recomputed,
        });
      },
    );
  };
}
