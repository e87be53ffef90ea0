import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { errorResponses, Id, Nullable, strict } from '../../platform/http/index.js';
import { INDICATOR_NAMES } from '../indicators/definitions.js';
import type { ComplianceService } from './compliance.js';

const API = '/api/v1/supervision/compliance-reports';
const tags = ['supervision'];

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD（中国时间 / China date）' });
const Label = Type.Object({ zh: Type.String(), en: Type.String() });
const Num = Nullable(Type.Number());
const Header = {
  id: Type.String(),
  number: Type.String({ description: '报告编号 / number (HG-YYYY-NNNNNN)' }),
  department: Type.Object({ id: Type.String(), name: Type.String() }),
  project: Nullable(Type.String()),
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  issuedAt: Type.String(),
  issuedBy: Type.String(),
  digest: Type.String({ description: 'SHA-256（规范化 JSON）/ of the canonical JSON' }),
  intact: Type.Boolean({ description: '内容与摘要一致 / content matches its digest' }),
};
const Report = Type.Object({
  ...Header,
  figures: Type.Array(
    Type.Object({
      indicator: Type.Union(INDICATOR_NAMES.map((n) => Type.Literal(n))),
      label: Label,
      unit: Type.Union([Type.Literal('share'), Type.Literal('count'), Type.Literal('score')]),
      value: Num,
      numerator: Num,
      denominator: Num,
    }),
  ),
  violations: Type.Array(
    Type.Object({
      number: Type.String(),
      category: Type.String(),
      article: Type.String(),
      status: Type.String(),
      openedAt: Type.String(),
    }),
  ),
  basis: Type.Object({
    value: Nullable(Type.String()),
    article: Nullable(Type.String()),
    text: Type.String(),
  }),
});
const IssueBody = Type.Object(
  {
    departmentId: Id,
    from: Day,
    to: Day,
    project: Type.Optional(
      Type.String({ maxLength: 200, description: '信息化项目名称 / the IT project it is for' }),
    ),
  },
  strict,
);
const VerifyQuery = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Z]{2}-\\d{4}-\\d{6}$' }),
    digest: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }),
  },
  strict,
);

/** Sharing compliance reports for IT projects (R116) under `/api/v1/supervision/compliance-reports`. */
export const complianceRoutes =
  (compliance: ComplianceService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      API,
      {
        schema: {
          tags,
          summary:
            '出具共享合规报告（信息化项目审批、运维经费安排用）/ Issue a compliance report for an IT project',
          body: IssueBody,
          response: {
            201: Report,
            ...errorResponses('SUPERVISION_COMPLIANCE_DEPARTMENT', 'SUPERVISION_COMPLIANCE_PERIOD'),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await compliance.issue(requestContext(request), request.body)),
    );
    app.get(
      API,
      {
        schema: {
          tags,
          summary: '共享合规报告列表 / Compliance reports',
          response: { 200: Type.Object({ items: Type.Array(Type.Object(Header)) }), ...errorResponses() },
        },
      },
      async (request) => ({ items: await compliance.list(actorOf(request)) }),
    );
    app.get(
      `${API}/verify`,
      {
        schema: {
          tags,
          summary: '按编号和摘要核验共享合规报告 / Verify a report by number and digest',
          querystring: VerifyQuery,
          response: {
            200: Type.Object({
              valid: Type.Boolean(),
              number: Type.String(),
              department: Type.Optional(Type.String()),
              project: Type.Optional(Nullable(Type.String())),
              period: Type.Optional(Type.Object({ from: Type.String(), to: Type.String() })),
              issuedAt: Type.Optional(Type.String()),
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) =>
        compliance.verify(requestContext(request), request.query.number, request.query.digest),
    );
    app.get(
      `${API}/:id`,
      {
        schema: {
          tags,
          summary: '共享合规报告全文及其摘要校验 / A compliance report with its digest checked',
          params: Type.Object({ id: Id }, strict),
          response: { 200: Report, ...errorResponses('SUPERVISION_COMPLIANCE_NOT_FOUND') },
        },
      },
      async (request) => compliance.get(requestContext(request), request.params.id),
    );
  };
