import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requestContext } from '../../org/index.js';
import { caseStepRoutes, NoteBody } from '../../platform/cases/index.js';
import { errorResponses, Id, literals, Nullable, strict } from '../../platform/http/index.js';
import { ConflictCase, DuplicateCase } from './cases.js';
import { CONFLICT_SIDES, CONFLICT_STATUSES, DUPLICATE_STATUSES, SOURCE_STATUSES } from './schema.js';
import type { SourceService } from './service.js';

const API = '/api/v1/quality/sources';
const tags = ['quality'];
const Paging = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};
const IdParams = Type.Object({ id: Id }, strict);
const Text = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, description });
const EntryRef = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });
const Timeline = Type.Array(
  Type.Object({
    action: Type.String(),
    actor: Type.Object({ id: Nullable(Type.String()), name: Type.String() }),
    at: Type.String(),
    detail: Type.Unknown(),
  }),
);
const LEGAL_BASIS_KINDS = [
  'law',
  'regulation',
  'administrative_regulation',
  'rule',
  'central_policy',
  'policy',
  'other',
] as const;

const DesignationSchema = Type.Object({
  id: Type.String(),
  jurisdictionPath: Type.String(),
  itemName: Type.String({ description: '数据项 / data item' }),
  department: Type.Object({ id: Type.String(), name: Type.String() }),
  entry: EntryRef,
  basis: Nullable(Type.String()),
  status: literals(SOURCE_STATUSES, '登记状态 / designation status'),
  designatedBy: Type.String(),
  designatedAt: Type.String(),
  endedAt: Nullable(Type.String()),
  endReason: Nullable(Type.String()),
});

const CandidateSchema = Type.Object({
  entry: EntryRef,
  department: Type.Object({ id: Type.String(), name: Type.String() }),
  items: Type.Array(Type.Object({ name: Type.String(), base: Type.Boolean(), isKey: Type.Boolean() })),
});

const LegalBasisSchema = Type.Object(
  {
    kind: literals(LEGAL_BASIS_KINDS, '依据类别 / kind of legal basis'),
    title: Text(200, '法律依据名称 / title'),
    article: Text(100, '条款 / article'),
  },
  strict,
);

const DuplicateSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '编号 CF-年份-序号 / flag number' }),
  status: literals(DUPLICATE_STATUSES, '重复采集状态 / flag status'),
  itemName: Type.String(),
  source: Type.Object({ id: Type.String(), departmentId: Type.String(), entry: EntryRef }),
  entry: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), status: Type.String() }),
  department: Type.Object({ id: Type.String() }),
  decisionNote: Nullable(Type.String()),
  legalBasis: Nullable(Type.Object({ kind: Type.String(), title: Type.String(), article: Type.String() })),
  decidedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  allowedActions: Type.Array(Type.String()),
  timeline: Type.Optional(Timeline),
});

const DifferenceSchema = Type.Object({
  key: Type.String(),
  item: Type.String(),
  sourceValue: Type.String(),
  otherValue: Type.String(),
});
const ConflictSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '编号 CT-年份-序号 / conflict number' }),
  jointHandling: Type.Optional(
    Type.Object(
      { value: Type.Boolean(), article: Type.Union([Type.String(), Type.Null()]) },
      {
        description:
          '政策是否规定由主管部门会同提供部门联合核实并作出处理决定（R79）/ joint verification by the authority and the providers, per the profile',
      },
    ),
  ),
  status: literals(CONFLICT_STATUSES, '数据冲突状态 / conflict status'),
  source: Type.Object({ departmentId: Type.String(), entry: EntryRef }),
  other: Type.Object({ departmentId: Type.String(), entry: EntryRef }),
  keyItem: Type.String(),
  items: Type.Array(Type.String()),
  comparedCount: Type.Integer(),
  differenceCount: Type.Integer(),
  differences: Type.Optional(Type.Array(DifferenceSchema)),
  wrongSide: Nullable(literals(CONFLICT_SIDES, '有误的一方：数源 / 比对方 — the side found wrong')),
  verification: Nullable(Type.Object({ id: Type.String(), number: Nullable(Type.String()) })),
  resolutionNote: Nullable(Type.String()),
  createdAt: Type.String(),
  allowedActions: Type.Array(Type.String()),
  timeline: Type.Optional(Timeline),
});

/** One data, one source (一数一源, R76–R79): the registry, duplicate flags and conflicts. */
export const sourceRoutes =
  (deps: { sources: SourceService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { sources } = deps;
    app.get(
      API,
      {
        schema: {
          tags,
          summary: '数源登记目录 / The registry of source departments',
          querystring: Type.Object(
            {
              status: Type.Optional(literals(SOURCE_STATUSES, '登记状态 / status')),
              item: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              departmentId: Type.Optional(Id),
              ...Paging,
            },
            strict,
          ),
          response: {
            200: Type.Object({ items: Type.Array(DesignationSchema), total: Type.Integer() }),
            ...errorResponses(),
          },
        },
      },
      async (request) => sources.registry.list(requestContext(request).actor, request.query),
    );
    app.get(
      `${API}/candidates`,
      {
        schema: {
          tags,
          summary:
            '可登记为数源的已发布资源及其数据项 / Published resources that may be designated, with their items',
          response: { 200: Type.Object({ items: Type.Array(CandidateSchema) }), ...errorResponses() },
        },
      },
      async (request) => ({ items: await sources.registry.candidates(requestContext(request).actor) }),
    );
    app.post(
      API,
      {
        schema: {
          tags,
          summary: '登记数源部门（一数一源）/ Designate the source department of a data item',
          body: Type.Object(
            {
              itemName: Text(200, '数据项 / data item'),
              departmentId: Id,
              entryId: Id,
              basis: Type.Optional(Type.String({ maxLength: 2000, description: '依据 / basis' })),
            },
            strict,
          ),
          response: {
            201: DesignationSchema,
            ...errorResponses(
              'CATALOG_NOT_FOUND',
              'SOURCE_ALREADY_DESIGNATED',
              'SOURCE_ITEM_NOT_IN_RESOURCE',
              'SOURCE_RESOURCE_NOT_PUBLISHED',
              'SOURCE_NOT_PROVIDER',
              'SOURCE_TEXT_REQUIRED',
            ),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await sources.designate(requestContext(request), request.body)),
    );
    app.post(
      `${API}/designations/:id/end`,
      {
        schema: {
          tags,
          summary: '终止数源登记 / End a designation',
          params: IdParams,
          body: Type.Object({ reason: Text(2000, '终止理由 / reason') }, strict),
          response: {
            200: DesignationSchema,
            ...errorResponses('SOURCE_NOT_FOUND', 'SOURCE_ALREADY_ENDED', 'SOURCE_TEXT_REQUIRED'),
          },
        },
      },
      async (request) =>
        sources.registry.end(requestContext(request), request.params.id, request.body.reason),
    );
    await app.register(
      caseStepRoutes({
        type: DuplicateCase,
        base: `${API}/duplicates`,
        tags,
        params: IdParams,
        response: DuplicateSchema,
        context: requestContext,
        summary: [
          { key: 'itemName', label: { zh: '数据项', en: 'Data item' } },
          { key: 'entry.name', label: { zh: '重复采集的目录', en: 'Collecting entry' } },
          { key: 'source.entry.name', label: { zh: '数源资源', en: 'Source resource' } },
        ],
        list: {
          summary: '重复采集事项 / Duplicate collection flags',
          query: Type.Object(
            { status: Type.Optional(literals(DUPLICATE_STATUSES, '状态 / status')), ...Paging },
            strict,
          ),
          item: DuplicateSchema,
          run: (ctx, query) => sources.duplicates.list(ctx.actor, query),
        },
        read: {
          summary: '重复采集事项及其过程 / A duplicate collection flag with its timeline',
          run: (ctx, id) => sources.duplicates.get(ctx.actor, id),
        },
        steps: (step) => ({
          use_source: step({
            summary: '责令改用数源数据（条例第四十条第一项）/ Tell the department to use the source',
            body: NoteBody,
            run: (ctx, id, body) => sources.duplicates.useSource(ctx, id, body.note),
          }),
          lawful: step({
            summary: '认定依法采集（须说明理由及法律依据）/ Record the collection as lawful, with its basis',
            body: Type.Object(
              { reason: Text(2000, '依法采集的理由 / why it is lawful'), legalBasis: LegalBasisSchema },
              strict,
            ),
            errors: ['SOURCE_TEXT_REQUIRED'],
            run: (ctx, id, body) => sources.duplicates.lawful(ctx, id, body),
          }),
        }),
      }),
    );
    await app.register(
      caseStepRoutes({
        type: ConflictCase,
        base: `${API}/conflicts`,
        tags,
        params: IdParams,
        response: ConflictSchema,
        context: requestContext,
        summary: [
          { key: 'source.entry.name', label: { zh: '数源资源', en: 'Source resource' } },
          { key: 'other.entry.name', label: { zh: '比对资源', en: 'Compared resource' } },
          { key: 'differenceCount', label: { zh: '不一致数', en: 'Differences' } },
        ],
        list: {
          summary: '数据冲突事项 / Data conflicts',
          query: Type.Object(
            { status: Type.Optional(literals(CONFLICT_STATUSES, '状态 / status')), ...Paging },
            strict,
          ),
          item: ConflictSchema,
          run: (ctx, query) => sources.conflicts.list(ctx.actor, query),
        },
        read: {
          summary: '数据冲突及双方取值（查阅留痕）/ A conflict with both values (the read is audited)',
          run: (ctx, id) => sources.conflicts.get(ctx, id),
        },
        steps: (step) => ({
          refer: step({
            summary: '认定有误一方并转校核申请 / Refer to the side found wrong as a verification request',
            body: Type.Object(
              {
                side: literals(CONFLICT_SIDES, '有误的一方：数源 / 比对方 — the side found wrong'),
                note: Type.Optional(Type.String({ maxLength: 2000 })),
              },
              strict,
            ),
            errors: ['SOURCE_REFERRAL_UNAVAILABLE'],
            run: (ctx, id, body) => sources.conflicts.refer(ctx, id, body),
          }),
          resolve: step({
            summary: '主管部门直接办结（须说明）/ Resolve directly with a note',
            body: Type.Object({ note: Text(2000, '办结说明 / resolution') }, strict),
            errors: ['SOURCE_TEXT_REQUIRED'],
            run: (ctx, id, body) => sources.conflicts.resolve(ctx, id, body.note),
          }),
        }),
      }),
    );
  };
