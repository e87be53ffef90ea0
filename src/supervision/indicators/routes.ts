import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { errorResponses, Id, Nullable, strict } from '../../platform/http/index.js';
import { INDICATOR_NAMES } from './definitions.js';
import type { IndicatorService } from './service.js';

const API = '/api/v1/supervision/indicators';
const tags = ['supervision'];
const Day = Type.String({ format: 'date', maxLength: 10, description: '日期（北京时间）/ China date' });
const Indicator = Type.Union(
  INDICATOR_NAMES.map((n) => Type.Literal(n)),
  { description: '指标 / indicator' },
);
const Subject = Type.Union([Type.Literal('department'), Type.Literal('jurisdiction')]);

const Point = Type.Object({
  day: Type.String({ format: 'date' }),
  value: Nullable(
    Type.Number({
      description: '比例 0–1、计数或 0–100 评分；无可计量时为 null / value, null when nothing to measure',
    }),
  ),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
});

const Series = Type.Object({
  subject: Type.Object({
    kind: Subject,
    id: Type.String(),
    name: Type.String(),
    jurisdictionId: Type.String(),
  }),
  indicator: Indicator,
  unit: Type.Union([Type.Literal('share'), Type.Literal('count'), Type.Literal('score')]),
  label: Type.Object({ zh: Type.String(), en: Type.String() }),
  points: Type.Array(Point),
});

/** The supervision indicators (issue 17; R111, R113): series over a range, and a day recomputed. */
export const indicatorRoutes =
  (deps: { indicators: IndicatorService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      API,
      {
        schema: {
          tags,
          summary: '监督考核指标（按部门、按行政区划的日序列）/ Supervision indicators as daily series',
          querystring: Type.Object(
            {
              from: Type.Optional(Day),
              to: Type.Optional(Day),
              departmentId: Type.Optional(Id),
              jurisdictionId: Type.Optional(Id),
              indicator: Type.Optional(Indicator),
              subject: Type.Optional(Subject),
            },
            strict,
          ),
          response: {
            200: Type.Object({
              from: Type.String({ format: 'date' }),
              to: Type.String({ format: 'date' }),
              series: Type.Array(Series),
              truncated: Type.Boolean(),
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) => deps.indicators.series(actorOf(request), request.query),
    );

    app.post(
      `${API}/compute`,
      {
        schema: {
          tags,
          summary: '重新计算某一日的监督考核指标 / Compute one day’s indicators now (replaces the day)',
          body: Type.Object({ day: Day }, strict),
          response: {
            200: Type.Object({ day: Type.String({ format: 'date' }), values: Type.Integer() }),
            ...errorResponses(),
          },
        },
      },
      async (request) => deps.indicators.computeOnDemand(requestContext(request), request.body.day),
    );
  };
