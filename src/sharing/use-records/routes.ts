import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { DeadlineSchema, Nullable } from '../../platform/http/index.js';
import { sharingCaseRoutes } from '../routes/case-routes.js';
import {
  CaseEventSchema,
  DepartmentIdRef,
  Id,
  IdParams,
  IsoDate,
  literals,
  PersonRef,
  sharingErrors,
  strict,
} from '../routes/schemas.js';
import { DisposalCase } from './case.js';
import type { DisposalService } from './disposals.js';
import type { UseRecordService } from './records.js';
import { DISPOSAL_GROUNDS, DISPOSAL_STATUSES } from './schema.js';

const tags = ['sharing'];
const GRANTS = '/api/v1/sharing/grants';
const DISPOSALS = '/api/v1/sharing/disposals';
const Text = (description: string, maxLength = 4000) => Type.String({ minLength: 1, maxLength, description });

const UseRecordSchema = Type.Object({
  id: Type.String(),
  grantId: Type.String(),
  scenario: Type.String({ description: '使用场景 / scenario' }),
  process: Type.String({ description: '使用过程 / process' }),
  effect: Type.String({ description: '应用成效 / effect' }),
  storage: Type.String({ description: '存储情况 / storage' }),
  recordedBy: PersonRef,
  recordedAt: Type.String(),
  retainUntil: Type.String({ description: '至少保存至 / kept at least until' }),
});

const DisposalSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '编号 CZ-年份-序号 / case number' }),
  status: literals(DISPOSAL_STATUSES, '处置状态 / disposal status'),
  grant: Type.Object({
    id: Type.String(),
    entryId: Type.String(),
    entryCode: Type.String(),
    entryName: Type.String(),
  }),
  consumer: DepartmentIdRef,
  provider: DepartmentIdRef,
  ground: literals(DISPOSAL_GROUNDS, '处置事由 / ground'),
  groundText: Type.String({ description: '处置事由（文字）/ the ground in words' }),
  requirement: Type.String(),
  deadline: DeadlineSchema,
  requiredBy: PersonRef,
  record: Nullable(
    Type.Object({
      what: Type.String(),
      how: Type.String(),
      on: Type.String(),
      by: Type.String(),
      filedBy: PersonRef,
      filedAt: Type.String(),
      late: Type.Boolean(),
      retainUntil: Nullable(Type.String()),
    }),
  ),
  overdue: Type.Boolean(),
  overdueAt: Nullable(Type.String()),
  createdAt: Type.String(),
  timeline: Type.Array(CaseEventSchema),
  allowedActions: Type.Array(Type.String()),
});

/**
 * Use records (N21, 第二十九条第二款) under `/grants/:id/use-records`, and disposal (N16, 第二十七条
 * 第一款) as a kernel case under `/disposals`, shown by the portal's generic page at
 * `/cases/disposal/<id>`.
 */
export const useRecordRoutes =
  (deps: { useRecords: UseRecordService; disposals: DisposalService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      `${GRANTS}/:id/use-records`,
      {
        schema: {
          tags,
          summary:
            '共享数据使用记录（需求部门、提供部门与主管部门可查阅，保存不少于3年）/ Use records of a grant',
          params: IdParams,
          response: {
            200: Type.Object({
              grantId: Type.String(),
              entry: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
              items: Type.Array(UseRecordSchema),
              retention: Type.Object({ years: Type.Integer(), article: Type.String() }),
              canAdd: Type.Boolean(),
            }),
            ...sharingErrors('USE_RECORDS_NOT_FOUND'),
          },
        },
      },
      async (request) => deps.useRecords.list(requestContext(request), request.params.id),
    );

    app.post(
      `${GRANTS}/:id/use-records`,
      {
        schema: {
          tags,
          summary: '需求部门新增一条使用记录（只增不改）/ The requester adds a use record (append only)',
          params: IdParams,
          body: Type.Object(
            {
              scenario: Text('使用场景 / scenario'),
              process: Text('使用过程 / process'),
              effect: Text('应用成效 / effect'),
              storage: Text('存储情况 / storage'),
            },
            strict,
          ),
          response: { 201: UseRecordSchema, ...sharingErrors('USE_RECORDS_NOT_FOUND') },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await deps.useRecords.add(requestContext(request), request.params.id, request.body)),
    );

    app.get(
      DISPOSALS,
      {
        schema: {
          tags,
          summary: '某一共享授权的处置事项 / The disposal of a grant',
          querystring: Type.Object({ grantId: Id }, strict),
          response: {
            200: Type.Object({ items: Type.Array(DisposalSchema) }),
            ...sharingErrors('GRANT_NOT_FOUND'),
          },
        },
      },
      async (request) => {
        const found = await deps.disposals.ofGrant(actorOf(request), request.query.grantId);
        return { items: found ? [found] : [] };
      },
    );

    await app.register(
      sharingCaseRoutes({
        type: DisposalCase,
        summary: [
          { key: 'grant.entryName', label: { zh: '信息资源', en: 'Resource' } },
          { key: 'groundText', label: { zh: '处置事由', en: 'Ground' } },
          { key: 'requirement', label: { zh: '处置要求', en: 'Requirement' } },
          { key: 'deadline.dueDate', label: { zh: '报送期限', en: 'Due date' } },
          { key: 'deadline.article', label: { zh: '依据', en: 'Article' } },
          { key: 'record.what', label: { zh: '处置内容', en: 'What' } },
          { key: 'record.how', label: { zh: '处置方式', en: 'How' } },
          { key: 'record.on', label: { zh: '处置日期', en: 'When' } },
          { key: 'record.by', label: { zh: '处置人', en: 'Who' } },
        ],
        base: DISPOSALS,
        response: DisposalSchema,
        open: {
          summary:
            '提供部门要求处置共享数据并确定报送期限（第二十七条）/ The provider requires disposal by a date',
          body: Type.Object(
            {
              grantId: Id,
              ground: literals(
                DISPOSAL_GROUNDS,
                '处置事由：授权已终止 / 目的已实现 / 目的无法实现 / 不再必要 — grant ended, purpose achieved, unachievable, no longer necessary',
              ),
              requirement: Text('处置要求 / how the data is to be disposed of', 2000),
              dueDate: IsoDate,
            },
            strict,
          ),
          errors: [
            'GRANT_NOT_FOUND',
            'SHARING_REASON_REQUIRED',
            'DISPOSAL_GRANT_NOT_ENDED',
            'DISPOSAL_ALREADY_REQUIRED',
            'DISPOSAL_DUE_DATE_PAST',
          ],
          run: (ctx, body) => deps.disposals.require(ctx, body),
        },
        read: {
          summary: '处置事项及其过程 / A disposal with its timeline',
          run: (ctx, id) => deps.disposals.get(ctx.actor, id),
        },
        steps: (step) => ({
          file: step({
            summary:
              '需求部门报送处置记录（处置内容、方式、日期、处置人）/ The requester files the disposal record',
            body: Type.Object(
              {
                what: Text('处置内容 / what was disposed of', 2000),
                how: Text('处置方式 / how', 2000),
                on: IsoDate,
                by: Text('处置人 / who', 200),
              },
              strict,
            ),
            errors: ['SHARING_REASON_REQUIRED', 'DISPOSAL_DATE_IN_FUTURE'],
            run: (ctx, id, body) => deps.disposals.file(ctx, id, body),
          }),
        }),
      }),
    );
  };
