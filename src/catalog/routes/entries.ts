import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import type { CatalogService } from '../service.js';
import {
  Comment,
  catalogErrorResponses,
  DiffSchema,
  EntryContentSchema,
  EntryDetailSchema,
  EntryStatusSchema,
  EntrySummarySchema,
  Id,
  IdParams,
  Paging,
  PendingReductionSchema,
  strict,
  ValidationIssueSchema,
  VersionDetailSchema,
} from './schemas.js';

const RULES = [
  'CATALOG_GRADING_LEVEL_INVALID',
  'CATALOG_FIELD_REQUIRED',
  'CATALOG_FIELD_INVALID',
  'CATALOG_AREA_REQUIRED',
  'CATALOG_AREA_NOT_IN_PROFILE',
  'CATALOG_CLASSIFIED_ON_EXTERNAL',
  'CATALOG_CLASSIFIED_FORBIDDEN',
];
const SUBMIT_RULES = [
  ...RULES,
  'CATALOG_BASE_ITEM_NOT_UNCONDITIONAL',
  'CATALOG_LEGAL_BASIS_REQUIRED',
  'CATALOG_LEGAL_BASIS_KIND_NOT_ALLOWED',
  'CATALOG_SHARE_CONDITIONS_REQUIRED',
  'CATALOG_CLASSIFIED_OPEN',
  'CATALOG_ITEM_SHARE_LOOSER',
  'CATALOG_KEY_KIND_REQUIRED',
  'CATALOG_DUPLICATE_ITEM_NAME',
  'CATALOG_RELATED_CODE_UNKNOWN',
  'CATALOG_REDUCTION_REASON_REQUIRED',
  'CATALOG_GRADING_REQUIRED',
  'CATALOG_GRADING_LEVEL_REQUIRED',
  'CATALOG_PREPARATION_MISSING',
];
const STEP = ['CATALOG_NOT_FOUND', 'CATALOG_INVALID_STATE'];
const REVIEW = [...STEP, 'CATALOG_SELF_REVIEW'];

const ChangeReason = Type.String({
  maxLength: 2000,
  description: '变更理由（减少共享时必填）/ reason for the change',
});
const tags = ['catalog'];

/** The entries of the resource catalog: read, draft, submit, ratify, publish, withdraw (R01–R11). */
export const entryRoutes =
  (deps: { catalog: CatalogService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { catalog } = deps;

    app.post(
      '/api/v1/catalog/validate',
      {
        schema: {
          tags,
          summary: '校验目录条目内容（编辑器实时校验）/ Validate entry content live',
          body: Type.Object(
            {
              content: Type.Unknown({ description: '目录条目内容 / EntryContent' }),
              stage: Type.Union([Type.Literal('draft'), Type.Literal('submit')]),
            },
            strict,
          ),
          response: {
            200: Type.Object({ issues: Type.Array(ValidationIssueSchema) }),
            ...catalogErrorResponses(),
          },
        },
      },
      async (request) => {
        actorOf(request);
        return { issues: catalog.validate(request.body.content, { stage: request.body.stage }) };
      },
    );

    app.get(
      '/api/v1/catalog/entries',
      {
        schema: {
          tags,
          summary: '目录条目列表 / Catalog entries the reader may see',
          querystring: Type.Object(
            {
              status: Type.Optional(EntryStatusSchema),
              mine: Type.Optional(Type.Boolean({ description: '只看本部门 / only my department' })),
              providerDepartmentId: Type.Optional(Id),
              ...Paging,
            },
            strict,
          ),
          response: {
            200: Type.Object({ items: Type.Array(EntrySummarySchema), total: Type.Integer() }),
            ...catalogErrorResponses(),
          },
        },
      },
      async (request) => {
        const { page, pageSize, ...filters } = request.query;
        return catalog.list(actorOf(request), filters, { page, pageSize });
      },
    );

    app.post(
      '/api/v1/catalog/entries',
      {
        schema: {
          tags,
          summary: '新建目录条目草稿（分配信息资源代码）/ Create a draft entry (assigns its code)',
          body: Type.Object({ providerDepartmentId: Type.Optional(Id), content: EntryContentSchema }, strict),
          response: {
            201: EntryDetailSchema,
            ...catalogErrorResponses(...RULES, 'CATALOG_PROVIDER_INVALID', 'CATALOG_CODE_EXHAUSTED'),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await catalog.createDraft(requestContext(request), request.body)),
    );

    app.get(
      '/api/v1/catalog/entries/:id',
      {
        schema: {
          tags,
          summary: '目录条目详情 / A catalog entry',
          params: IdParams,
          response: { 200: EntryDetailSchema, ...catalogErrorResponses('CATALOG_NOT_FOUND') },
        },
      },
      async (request) => catalog.get(actorOf(request), request.params.id),
    );

    app.get(
      '/api/v1/catalog/entries/by-code/:classCode/:seq',
      {
        schema: {
          tags,
          summary: '按信息资源代码查找 / An entry by its resource code',
          params: Type.Object({
            classCode: Type.String({ pattern: '^[1-3]\\d{5,12}$' }),
            seq: Type.String({ pattern: '^\\d{6}$' }),
          }),
          response: { 200: EntryDetailSchema, ...catalogErrorResponses('CATALOG_NOT_FOUND') },
        },
      },
      async (request) =>
        catalog.getByCode(actorOf(request), `${request.params.classCode}/${request.params.seq}`),
    );

    app.put(
      '/api/v1/catalog/entries/:id',
      {
        schema: {
          tags,
          summary:
            '修改草稿；已发布条目则新开一版草稿 / Edit the draft, or open a new version of a published entry',
          params: IdParams,
          body: Type.Object(
            { content: EntryContentSchema, changeReason: Type.Optional(ChangeReason) },
            strict,
          ),
          response: { 200: EntryDetailSchema, ...catalogErrorResponses(...RULES, ...STEP) },
        },
      },
      async (request) => catalog.update(requestContext(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/catalog/entries/:id/submit',
      {
        schema: {
          tags,
          summary: '提交主管部门核定 / Submit to the competent authority',
          params: IdParams,
          body: Type.Object({ changeReason: Type.Optional(ChangeReason) }, strict),
          response: { 200: EntryDetailSchema, ...catalogErrorResponses(...SUBMIT_RULES, ...STEP) },
        },
      },
      async (request) => catalog.submit(requestContext(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/catalog/entries/:id/ratify',
      {
        schema: {
          tags,
          summary: '核定 / Ratify (competent authority)',
          params: IdParams,
          body: Type.Object({ comment: Type.Optional(Comment) }, strict),
          response: { 200: EntryDetailSchema, ...catalogErrorResponses(...REVIEW) },
        },
      },
      async (request) => catalog.ratify(requestContext(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/catalog/entries/:id/return',
      {
        schema: {
          tags,
          summary: '退回修改（须填意见）/ Return with comments',
          params: IdParams,
          body: Type.Object({ comment: Comment }, strict),
          response: {
            200: EntryDetailSchema,
            ...catalogErrorResponses(...REVIEW, 'CATALOG_COMMENT_REQUIRED'),
          },
        },
      },
      async (request) => catalog.returnEntry(requestContext(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/catalog/entries/:id/publish',
      {
        schema: {
          tags,
          summary: '发布已核定的版本 / Publish the ratified version',
          params: IdParams,
          response: { 200: EntryDetailSchema, ...catalogErrorResponses(...STEP) },
        },
      },
      async (request) => catalog.publish(requestContext(request), request.params.id),
    );

    app.post(
      '/api/v1/catalog/entries/:id/withdraw',
      {
        schema: {
          tags,
          summary: '申请撤销（减少共享，须主管部门同意）/ Request withdrawal (a reduction)',
          params: IdParams,
          body: Type.Object({ reason: ChangeReason }, strict),
          response: {
            200: EntryDetailSchema,
            ...catalogErrorResponses(...STEP, 'CATALOG_REDUCTION_REASON_REQUIRED'),
          },
        },
      },
      async (request) => catalog.withdraw(requestContext(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/catalog/entries/:id/reduction/approve',
      {
        schema: {
          tags,
          summary: '同意减少共享或撤销 / Approve a reduction or withdrawal',
          params: IdParams,
          body: Type.Object({ comment: Type.Optional(Comment) }, strict),
          response: { 200: EntryDetailSchema, ...catalogErrorResponses(...REVIEW) },
        },
      },
      async (request) => catalog.approveReduction(requestContext(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/catalog/entries/:id/reduction/reject',
      {
        schema: {
          tags,
          summary: '驳回减少共享或撤销（须填意见）/ Reject a reduction or withdrawal',
          params: IdParams,
          body: Type.Object({ comment: Comment }, strict),
          response: {
            200: EntryDetailSchema,
            ...catalogErrorResponses(...REVIEW, 'CATALOG_COMMENT_REQUIRED'),
          },
        },
      },
      async (request) => catalog.rejectReduction(requestContext(request), request.params.id, request.body),
    );

    app.get(
      '/api/v1/catalog/entries/:id/versions/:version',
      {
        schema: {
          tags,
          summary: '某一版本 / One version of an entry',
          params: Type.Object({ id: Id, version: Type.Integer({ minimum: 1 }) }),
          response: {
            200: VersionDetailSchema,
            ...catalogErrorResponses('CATALOG_NOT_FOUND', 'CATALOG_VERSION_NOT_FOUND'),
          },
        },
      },
      async (request) => catalog.version(actorOf(request), request.params.id, request.params.version),
    );

    app.get(
      '/api/v1/catalog/entries/:id/diff',
      {
        schema: {
          tags,
          summary: '版本差异与减少共享项 / What changed between two versions',
          params: IdParams,
          querystring: Type.Object(
            {
              from: Type.Optional(Type.Integer({ minimum: 1 })),
              to: Type.Optional(Type.Integer({ minimum: 1 })),
            },
            strict,
          ),
          response: {
            200: DiffSchema,
            ...catalogErrorResponses('CATALOG_NOT_FOUND', 'CATALOG_VERSION_NOT_FOUND'),
          },
        },
      },
      async (request) => catalog.diff(actorOf(request), request.params.id, request.query),
    );

    app.get(
      '/api/v1/catalog/inbox',
      {
        schema: {
          tags,
          summary: '待主管部门处理（核定与减少共享）/ Awaiting the authority',
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Composite([
                  EntrySummarySchema,
                  Type.Object({ pendingReduction: Type.Optional(PendingReductionSchema) }),
                ]),
              ),
            }),
            ...catalogErrorResponses(),
          },
        },
      },
      async (request) => catalog.inbox(actorOf(request)),
    );
  };
