import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requestContext } from '../../org/index.js';
import { caseStepRoutes, NoteBody } from '../../platform/cases/index.js';
import { Nullable } from '../../platform/http/index.js';
import {
  CaseEventSchema,
  Id,
  IdParams,
  IsoDate,
  Paging,
  Reason,
  sharingErrors,
  strict,
} from '../routes/schemas.js';
import { StopCase } from './case.js';
import { STOP_STATUSES } from './schema.js';
import type { StopService } from './service.js';

const tags = ['sharing'];
const API = '/api/v1/sharing/stops';
const Status = Type.Unsafe<(typeof STOP_STATUSES)[number]>(
  Type.Union(
    STOP_STATUSES.map((s) => Type.Literal(s)),
    { description: '停止提供状态 / stop status' },
  ),
);
const StopSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '编号 TZ-年份-序号 / stop number' }),
  entry: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  provider: Type.Object({ departmentId: Type.String() }),
  reason: Type.String(),
  effectiveDate: Type.String(),
  rule: Type.Object({ value: Type.String(), article: Nullable(Type.String()), text: Type.String() }),
  status: Status,
  decisionNote: Nullable(Type.String()),
  holdersNoticed: Type.Integer(),
  grantsEnded: Type.Integer(),
  createdAt: Type.String(),
  timeline: Type.Array(CaseEventSchema),
  allowedActions: Type.Array(Type.String()),
});

/** Stopping a resource (停止提供, R11): file with reason and date, approve/reject where required, withdraw. */
export const stopRoutes =
  (deps: { stops: StopService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      API,
      {
        schema: {
          tags,
          summary: '停止提供信息资源（说明理由，提前备案）/ Stop providing a resource, filed in advance',
          body: Type.Object({ entryId: Id, reason: Reason, effectiveDate: IsoDate }, strict),
          response: {
            201: StopSchema,
            ...sharingErrors(
              'CATALOG_NOT_FOUND',
              'STOP_NOT_PROVIDER',
              'SHARING_ENTRY_NOT_PUBLISHED',
              'SHARING_REASON_REQUIRED',
              'STOP_NOT_IN_ADVANCE',
              'STOP_ALREADY_PENDING',
            ),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.stops.file(requestContext(request), request.body)),
    );

    await app.register(
      caseStepRoutes({
        type: StopCase,
        summary: [
          { key: 'entry.name', label: { zh: '信息资源', en: 'Resource' } },
          { key: 'reason', label: { zh: '停止提供理由', en: 'Reason' } },
          { key: 'effectiveDate', label: { zh: '生效日期', en: 'Effective date' } },
        ],
        base: API,
        tags,
        params: IdParams,
        response: StopSchema,
        context: requestContext,
        read: {
          summary: '停止提供事项及其过程 / A stop with its timeline',
          run: (ctx, id) => deps.stops.get(ctx.actor, id),
        },
        list: {
          summary: '停止提供事项列表 / Stops',
          query: Type.Object({ status: Type.Optional(Status), ...Paging }, strict),
          item: StopSchema,
          run: (ctx, query) => deps.stops.list(ctx.actor, query),
        },
        steps: (step) => ({
          approve: step({
            summary: '主管部门登记同级政府批准 / The authority records the approval',
            body: NoteBody,
            errors: ['STOP_NOT_IN_ADVANCE'],
            run: (ctx, id, body) => deps.stops.approve(ctx, id, body.note ?? ''),
          }),
          reject: step({
            summary: '不予批准（须说明理由）/ Reject with a reason',
            body: Type.Object({ reason: Reason }, strict),
            errors: ['SHARING_REASON_REQUIRED'],
            danger: true,
            run: (ctx, id, body) => deps.stops.reject(ctx, id, body.reason),
          }),
          withdraw: step({
            summary: '提供部门撤回（生效前）/ The provider withdraws it before it takes effect',
            body: NoteBody,
            danger: true,
            run: (ctx, id, body) => deps.stops.withdraw(ctx, id, body.note),
          }),
        }),
      }),
    );
  };
