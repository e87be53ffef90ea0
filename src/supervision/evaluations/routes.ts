import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { errorResponses, Id, Nullable, strict } from '../../platform/http/index.js';
import { INDICATOR_NAMES } from '../indicators/definitions.js';
import { evaluationWorkbook } from './export.js';
import type { ReportService } from './reports.js';
import { PERIOD_PATTERN } from './scheme.js';
import type { EvaluationService } from './service.js';

const EVALUATIONS = '/api/v1/supervision/evaluations';
const REPORTS = '/api/v1/supervision/reports';
const tags = ['supervision'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Label = Type.Object({ zh: Type.String(), en: Type.String() });
const Indicator = Type.Union(INDICATOR_NAMES.map((n) => Type.Literal(n)));
const Unit = Type.Union([Type.Literal('share'), Type.Literal('count'), Type.Literal('score')]);
const Period = Type.String({
  pattern: PERIOD_PATTERN,
  maxLength: 7,
  description: '考核期间：2026（年度）、2026-H1 / 2026-H2（半年）/ period: a year or a half-year',
});
const Publication = Type.Union([Type.Literal('public'), Type.Literal('internal')]);
const Basis = Type.Object({
  article: Nullable(Type.String()),
  text: Type.String(),
  source: Nullable(Type.String()),
});
const Num = Nullable(Type.Number());
/** Free text the authority or a department writes: storable text, bounded. */
const Prose = (maxLength: number) => Type.String({ maxLength });

const Timeline = Type.Array(
  Type.Object({
    at: Type.String(),
    actor: Type.String(),
    action: Type.String(),
    note: Nullable(Type.String()),
  }),
);

const Line = Type.Object({
  departmentId: Type.String(),
  departmentName: Type.String(),
  jurisdictionName: Type.String(),
  rank: Nullable(Type.Integer()),
  total: Num,
  indicators: Type.Array(
    Type.Object({
      indicator: Indicator,
      weight: Type.Number(),
      value: Num,
      numerator: Num,
      denominator: Num,
      score: Nullable(Type.Number({ description: '0–100；无数据为 null / null: no data' })),
    }),
  ),
  suggestion: Type.String(),
  drafted: Type.String(),
});

const summaryFields = {
  id: Type.String(),
  jurisdiction: Type.Object({ id: Type.String(), name: Type.String() }),
  period: Type.String(),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  publication: Publication,
  state: Type.Union([Type.Literal('draft'), Type.Literal('reviewed'), Type.Literal('published')]),
  digest: Nullable(Type.String({ description: 'SHA-256（十六进制）/ hex' })),
  ownLineOnly: Type.Boolean(),
  departments: Type.Integer(),
  createdAt: Type.String(),
  createdBy: Type.String(),
  reviewedAt: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  publishedBy: Nullable(Type.String()),
};
const Summary = Type.Object(summaryFields);
const Evaluation = Type.Object({
  ...summaryFields,
  scheme: Type.Object({
    indicators: Type.Array(
      Type.Object({ indicator: Indicator, weight: Type.Number(), unit: Unit, label: Label }),
    ),
    basis: Type.Object({ indicators: Basis, period: Basis, publication: Basis }),
  }),
  averages: Type.Array(Type.Object({ indicator: Indicator, value: Num, score: Num })),
  lines: Type.Array(Line),
  timeline: Timeline,
});

const ReportState = Type.Union([
  Type.Literal('open'),
  Type.Literal('submitted'),
  Type.Literal('accepted'),
  Type.Literal('returned'),
]);
const reportFields = {
  id: Type.String(),
  department: Type.Object({ id: Type.String(), name: Type.String() }),
  period: Type.String(),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  due: Type.String({ format: 'date' }),
  state: ReportState,
  overdue: Type.Boolean(),
  work: Type.String(),
  problems: Type.String(),
  plans: Type.String(),
  reviewComment: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  submittedBy: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  basis: Type.Object({ article: Nullable(Type.String()), text: Type.String() }),
};
const ReportSummary = Type.Object(reportFields);
const Report = Type.Object({
  ...reportFields,
  figures: Type.Array(
    Type.Object({
      indicator: Indicator,
      unit: Unit,
      label: Label,
      value: Num,
      numerator: Num,
      denominator: Num,
    }),
  ),
  timeline: Timeline,
});
const Sections = Type.Object(
  {
    work: Prose(20_000),
    problems: Prose(20_000),
    plans: Prose(20_000),
  },
  strict,
);
const IdParams = Type.Object({ id: Id }, strict);

/** Evaluations (R111, R115, R117) and department reports (R112) under `/api/v1/supervision`. */
export const evaluationRoutes =
  (deps: { evaluations: EvaluationService; reports: ReportService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { evaluations, reports } = deps;

    app.get(
      `${EVALUATIONS}/scheme`,
      {
        schema: {
          tags,
          summary: '考核评价方案（指标、权重、期间、公开方式及依据）/ The evaluation scheme in force',
          response: {
            200: Type.Object({
              period: Type.Union([Type.Literal('annual'), Type.Literal('half_yearly')]),
              publication: Publication,
              indicators: Type.Array(
                Type.Object({ indicator: Indicator, weight: Type.Number(), unit: Unit, label: Label }),
              ),
              basis: Type.Object({ indicators: Basis, period: Basis, publication: Basis }),
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) => evaluations.schemeView(actorOf(request)),
    );

    app.get(
      EVALUATIONS,
      {
        schema: {
          tags,
          summary: '考核评价列表 / Evaluations the reader may see',
          response: { 200: Type.Object({ items: Type.Array(Summary) }), ...errorResponses() },
        },
      },
      async (request) => ({ items: await evaluations.list(actorOf(request)) }),
    );

    app.post(
      EVALUATIONS,
      {
        schema: {
          tags,
          summary: '开展考核评价（生成草稿）/ Run an evaluation for a period (a draft)',
          body: Type.Object(
            { period: Period, jurisdictionId: Type.Optional(Id), publication: Type.Optional(Publication) },
            strict,
          ),
          response: { 201: Evaluation, ...errorResponses() },
        },
      },
      async (request, reply) => {
        reply.code(201);
        return evaluations.run(requestContext(request), request.body);
      },
    );

    app.get(
      `${EVALUATIONS}/:id`,
      {
        schema: {
          tags,
          summary: '考核评价 / One evaluation',
          params: IdParams,
          response: { 200: Evaluation, ...errorResponses() },
        },
      },
      async (request) => evaluations.get(requestContext(request), request.params.id),
    );

    app.put(
      `${EVALUATIONS}/:id/suggestions/:departmentId`,
      {
        schema: {
          tags,
          summary: '修改某部门的改进建议（草稿）/ Edit a department’s suggestions (draft)',
          params: Type.Object({ id: Id, departmentId: Id }, strict),
          body: Type.Object({ suggestion: Prose(5_000) }, strict),
          response: { 200: Evaluation, ...errorResponses() },
        },
      },
      async (request) =>
        evaluations.editSuggestion(
          requestContext(request),
          request.params.id,
          request.params.departmentId,
          request.body.suggestion,
        ),
    );

    for (const [step, summary] of [
      ['recompute', '按已存储的指标重新计算（草稿）/ Recompute the draft'],
      ['review', '审核（草稿→已审核）/ Review'],
      ['reopen', '退回草稿（已审核→草稿）/ Back to draft'],
      ['publish', '发布并以摘要值封存 / Publish, frozen and sealed'],
    ] as const)
      app.post(
        `${EVALUATIONS}/:id/${step}`,
        {
          schema: {
            tags,
            summary,
            params: IdParams,
            body: Type.Optional(Type.Object({}, strict)),
            response: { 200: Evaluation, ...errorResponses() },
          },
        },
        async (request) => evaluations[step](requestContext(request), request.params.id),
      );

    app.get(
      `${EVALUATIONS}/:id/verify`,
      {
        schema: {
          tags,
          summary: '校验已发布考核评价的摘要值 / Verify a published evaluation’s digest',
          params: IdParams,
          response: {
            200: Type.Object({
              id: Type.String(),
              algorithm: Type.Literal('SHA-256'),
              digest: Type.String(),
              computed: Type.String(),
              valid: Type.Boolean(),
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) => evaluations.verify(requestContext(request), request.params.id),
    );

    app.get(
      `${EVALUATIONS}/:id/export.xlsx`,
      {
        schema: {
          tags,
          summary: '导出考核评价（xlsx，绩效考核指标）/ Export the evaluation as xlsx (KPI export, R115)',
          params: IdParams,
          response: { 200: Type.Any({ description: 'xlsx' }), ...errorResponses() },
        },
      },
      async (request, reply) => {
        const view = await evaluations.forExport(requestContext(request), request.params.id);
        const file = await evaluationWorkbook(view);
        reply.header('content-disposition', `attachment; filename="evaluation-${view.period}.xlsx"`);
        reply.type(XLSX);
        return reply.send(file);
      },
    );

    app.get(
      `${REPORTS}/scheme`,
      {
        schema: {
          tags,
          summary: '部门报告的周期与截止日期 / Department report cadence and due dates',
          response: {
            200: Type.Object({
              scheme: Nullable(
                Type.Object({
                  cadence: Type.Union([Type.Literal('annual'), Type.Literal('half_yearly')]),
                  firstHalfDue: Nullable(Type.String()),
                  annualDue: Type.String(),
                  remindWorkingDays: Type.Integer(),
                  basis: Basis,
                  periods: Type.Array(
                    Type.Object({
                      period: Type.String(),
                      from: Type.String(),
                      to: Type.String(),
                      due: Type.String(),
                    }),
                  ),
                }),
              ),
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) => ({ scheme: reports.schemeView(actorOf(request)) }),
    );

    app.get(
      REPORTS,
      {
        schema: {
          tags,
          summary: '部门共享工作报告 / Department reports the reader may see',
          querystring: Type.Object(
            { state: Type.Optional(ReportState), period: Type.Optional(Period) },
            strict,
          ),
          response: { 200: Type.Object({ items: Type.Array(ReportSummary) }), ...errorResponses() },
        },
      },
      async (request) => ({ items: await reports.list(actorOf(request), request.query) }),
    );

    app.post(
      `${REPORTS}/open`,
      {
        schema: {
          tags,
          summary: '为本辖区各部门开启某期报告 / Open a period’s reports for the jurisdiction’s departments',
          body: Type.Object({ period: Period }, strict),
          response: { 200: Type.Object({ opened: Type.Integer() }), ...errorResponses() },
        },
      },
      async (request) => reports.open(requestContext(request), request.body.period),
    );

    app.get(
      `${REPORTS}/:id`,
      {
        schema: {
          tags,
          summary: '部门报告 / One report',
          params: IdParams,
          response: { 200: Report, ...errorResponses() },
        },
      },
      async (request) => reports.get(requestContext(request), request.params.id),
    );

    app.put(
      `${REPORTS}/:id`,
      {
        schema: {
          tags,
          summary: '填写报告（部门）/ Write the report’s sections',
          params: IdParams,
          body: Sections,
          response: { 200: Report, ...errorResponses() },
        },
      },
      async (request) => reports.save(requestContext(request), request.params.id, request.body),
    );

    app.post(
      `${REPORTS}/:id/submit`,
      {
        schema: {
          tags,
          summary: '报送报告（部门）/ Submit the report',
          params: IdParams,
          body: Type.Optional(Type.Partial(Sections)),
          response: { 200: Report, ...errorResponses() },
        },
      },
      async (request) => reports.submit(requestContext(request), request.params.id, request.body),
    );

    for (const outcome of ['accept', 'return'] as const)
      app.post(
        `${REPORTS}/:id/${outcome}`,
        {
          schema: {
            tags,
            summary:
              outcome === 'accept'
                ? '审阅通过（主管部门）/ Accept the report'
                : '退回修改（主管部门，须写明意见）/ Return the report with comments',
            params: IdParams,
            body: Type.Object(
              {
                comment:
                  outcome === 'return'
                    ? Type.String({ minLength: 1, maxLength: 5_000 })
                    : Type.Optional(Type.String({ maxLength: 5_000 })),
              },
              strict,
            ),
            response: { 200: Report, ...errorResponses() },
          },
        },
        async (request) =>
          reports.review(requestContext(request), request.params.id, outcome, request.body.comment || null),
      );
  };
