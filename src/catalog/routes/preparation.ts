import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { APPROVAL_RESULTS, ASSESSMENT_RESULTS, PREPARATION_KINDS } from '../preparation.js';
import type { CatalogService } from '../service.js';
import { catalogErrorResponses, EntryContentSchema, IdParams, strict } from './schemas.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);
const Kind = Type.Union(
  PREPARATION_KINDS.map((k) => Type.Literal(k)),
  {
    description:
      'secrecy_risk 保密风险评估 / personal_info_impact 个人信息保护影响评估 / head_approval 部门负责人审核同意',
  },
);
const Result = Type.Union(
  [...ASSESSMENT_RESULTS, ...APPROVAL_RESULTS].map((r) => Type.Literal(r)),
  {
    description:
      '评估：passed 通过 / passed_with_measures 采取措施后通过 / failed 未通过；审核：approved 同意 / refused 不同意',
  },
);

const RecordSchema = Type.Object({
  id: Type.String(),
  kind: Kind,
  result: Type.String(),
  reference: Nullable(Type.String({ description: '评估报告或书面意见文号 / reference' })),
  summary: Type.String(),
  onBehalfOf: Nullable(Type.String({ description: '代为登记的负责人姓名 / head recorded on behalf of' })),
  recordedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  at: Type.String(),
  version: Type.Integer(),
  current: Type.Boolean({ description: '针对当前内容 / judged the current content' }),
});

const StatusSchema = Type.Object({
  entry: Type.Object({
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    currentStatus: Type.String(),
    content: EntryContentSchema,
  }),
  required: Type.Boolean(),
  article: Nullable(Type.String()),
  personalItems: Type.Boolean(),
  head: Type.Union([
    Type.Object({ name: Type.String(), title: Type.String(), hasAccount: Type.Boolean() }),
    Type.Null(),
  ]),
  canAssess: Type.Boolean(),
  canApprove: Type.Boolean(),
  records: Type.Array(RecordSchema),
  missing: Type.Array(Kind),
});

const tags = ['catalog'];

/** 809 第十三条第一款 (N02): the assessments and the head's approval of an entry before submission. */
export const preparationRoutes =
  (deps: { catalog: CatalogService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/catalog/entries/:id/preparation',
      {
        schema: {
          tags,
          summary: '提交前评估与负责人审核 / Assessments and approval before submission',
          params: IdParams,
          response: { 200: StatusSchema, ...catalogErrorResponses('CATALOG_NOT_FOUND') },
        },
      },
      async (request) => deps.catalog.preparation(actorOf(request), request.params.id),
    );

    app.post(
      '/api/v1/catalog/entries/:id/preparation',
      {
        schema: {
          tags,
          summary: '登记评估结果或负责人审核意见 / Record an assessment or the head’s approval',
          params: IdParams,
          body: Type.Object(
            {
              kind: Kind,
              result: Result,
              reference: Type.Optional(Type.String({ maxLength: 200 })),
              summary: Type.String({ minLength: 1, maxLength: 4000 }),
            },
            strict,
          ),
          response: {
            201: RecordSchema,
            ...catalogErrorResponses(
              'CATALOG_NOT_FOUND',
              'CATALOG_INVALID_STATE',
              'CATALOG_FIELD_INVALID',
              'CATALOG_HEAD_NOT_RECORDED',
              'CATALOG_NOT_HEAD',
              'CATALOG_APPROVAL_REFERENCE_REQUIRED',
              'CATALOG_ASSESSMENT_NOT_NEEDED',
              'CATALOG_PREPARATION_MISSING',
            ),
          },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await deps.catalog.recordPreparation(requestContext(request), request.params.id, request.body),
          ),
    );
  };
