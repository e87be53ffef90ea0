import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../platform/http/index.js';
import { noteStep, refusalStep, sharingCaseRoutes, withdrawStep } from '../routes/case-routes.js';
import {
  CaseEventSchema,
  DepartmentIdRef,
  Id,
  IsoDate,
  literals,
  Paging,
  Reason,
  strict,
} from '../routes/schemas.js';
import { StopCase } from './case.js';
import { STOP_STATUSES } from './schema.js';
import type { StopService } from './service.js';

const API = '/api/v1/sharing/stops';
const Status = literals(STOP_STATUSES, '停止提供状态 / stop status');
const StopSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '编号 TZ-年份-序号 / stop number' }),
  entry: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  provider: DepartmentIdRef,
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
    await app.register(
      sharingCaseRoutes({
        type: StopCase,
        summary: [
          { key: 'entry.name', label: { zh: '信息资源', en: 'Resource' } },
          { key: 'reason', label: { zh: '停止提供理由', en: 'Reason' } },
          { key: 'effectiveDate', label: { zh: '生效日期', en: 'Effective date' } },
        ],
        base: API,
        response: StopSchema,
        open: {
          summary: '停止提供信息资源（说明理由，提前备案）/ Stop providing a resource, filed in advance',
          body: Type.Object({ entryId: Id, reason: Reason, effectiveDate: IsoDate }, strict),
          errors: [
            'CATALOG_NOT_FOUND',
            'STOP_NOT_PROVIDER',
            'SHARING_ENTRY_NOT_PUBLISHED',
            'SHARING_REASON_REQUIRED',
            'STOP_NOT_IN_ADVANCE',
            'STOP_ALREADY_PENDING',
          ],
          run: (ctx, body) => deps.stops.file(ctx, body),
        },
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
        steps: () => ({
          approve: noteStep(
            '主管部门登记同级政府批准 / The authority records the approval',
            (ctx, id, note) => deps.stops.approve(ctx, id, note ?? ''),
            { errors: ['STOP_NOT_IN_ADVANCE'] },
          ),
          reject: refusalStep('不予批准（须说明理由）/ Reject with a reason', (ctx, id, reason) =>
            deps.stops.reject(ctx, id, reason),
          ),
          withdraw: withdrawStep(
            '提供部门撤回（生效前）/ The provider withdraws it before it takes effect',
            (ctx, id, note) => deps.stops.withdraw(ctx, id, note),
          ),
        }),
      }),
    );
  };
