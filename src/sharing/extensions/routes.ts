import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../org/index.js';
import { GoverningProfileSchema } from '../../platform/cases/index.js';
import { Nullable } from '../../platform/http/index.js';
import { noteStep, refusalStep, sharingCaseRoutes } from '../routes/case-routes.js';
import {
  CaseEventSchema,
  DepartmentIdRef,
  Id,
  literals,
  PersonRef,
  Reason,
  sharingErrors,
  strict,
} from '../routes/schemas.js';
import { ExtensionCase } from './case.js';
import { EXTENSION_STATUSES } from './schema.js';
import type { ExtensionService } from './service.js';

const tags = ['sharing'];
const API = '/api/v1/sharing/extensions';
const Status = literals(EXTENSION_STATUSES, '延期答复状态 / extension status');
const ExtensionSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '编号 YQ-年份-序号 / extension number' }),
  status: Status,
  application: Type.Object({ id: Type.String(), number: Type.String(), entryName: Type.String() }),
  consumer: DepartmentIdRef,
  provider: DepartmentIdRef,
  reason: Type.String(),
  workingDays: Type.Integer({ description: '延长的工作日数 / working days asked for' }),
  dueDateBefore: Type.String({ description: '原答复期限 / reply deadline before' }),
  dueDateAfter: Nullable(Type.String({ description: '延长后的答复期限 / reply deadline after' })),
  article: Type.String(),
  requestedBy: PersonRef,
  decidedBy: Nullable(PersonRef),
  decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  createdAt: Type.String(),
  timeline: Type.Array(CaseEventSchema),
  allowedActions: Type.Array(Type.String()),
  rules: GoverningProfileSchema,
});

/**
 * 延期答复 (政务数据共享条例第二十一条第一款): the provider asks, the authority over it approves or
 * refuses; the case's own page is the portal's generic one at `/cases/extension/<id>`.
 */
export const extensionRoutes =
  (deps: { extensions: ExtensionService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      API,
      {
        schema: {
          tags,
          summary: '某一共享申请的延期答复 / The reply extension of an application',
          querystring: Type.Object({ applicationId: Id }, strict),
          response: {
            200: Type.Object({ items: Type.Array(ExtensionSchema) }),
            ...sharingErrors(),
          },
        },
      },
      async (request) => {
        const found = await deps.extensions.ofApplication(actorOf(request), request.query.applicationId);
        return { items: found ? [found] : [] };
      },
    );

    await app.register(
      sharingCaseRoutes({
        type: ExtensionCase,
        summary: [
          { key: 'application.number', label: { zh: '共享申请', en: 'Application' } },
          { key: 'application.entryName', label: { zh: '信息资源', en: 'Resource' } },
          { key: 'reason', label: { zh: '延期理由', en: 'Reason' } },
          { key: 'workingDays', label: { zh: '延长工作日数', en: 'Working days' } },
          { key: 'dueDateBefore', label: { zh: '原答复期限', en: 'Deadline before' } },
          { key: 'dueDateAfter', label: { zh: '延长后答复期限', en: 'Deadline after' } },
          { key: 'article', label: { zh: '依据', en: 'Article' } },
          { key: 'decisionNote', label: { zh: '主管部门意见', en: "Authority's note" } },
        ],
        base: API,
        response: ExtensionSchema,
        open: {
          summary:
            '提供部门申请延长答复期限（一次，说明理由）/ The provider asks once to extend a reply period',
          body: Type.Object(
            {
              applicationId: Id,
              reason: Reason,
              workingDays: Type.Integer({ minimum: 1, description: '延长的工作日数 / working days' }),
            },
            strict,
          ),
          errors: [
            'SHARING_APPLICATION_NOT_FOUND',
            'SHARING_REASON_REQUIRED',
            'EXTENSION_NOT_PROVIDED',
            'EXTENSION_TOO_LONG',
            'EXTENSION_ALREADY_REQUESTED',
            'EXTENSION_APPLICATION_NOT_PENDING',
            'EXTENSION_TOO_LATE',
            'EXTENSION_NO_DEADLINE',
          ],
          run: (ctx, body) => deps.extensions.request(ctx, body),
        },
        read: {
          summary: '延期答复事项及其过程 / A reply extension with its timeline',
          run: (ctx, id) => deps.extensions.get(ctx.actor, id),
        },
        steps: () => ({
          approve: noteStep(
            '主管部门同意延期（答复期限顺延）/ The authority approves: the reply deadline moves',
            (ctx, id, note) => deps.extensions.approve(ctx, id, note),
            { errors: ['EXTENSION_APPLICATION_NOT_PENDING', 'EXTENSION_TOO_LONG'] },
          ),
          refuse: refusalStep(
            '主管部门不同意延期（须说明理由）/ The authority refuses, with a reason',
            (ctx, id, reason) => deps.extensions.refuse(ctx, id, reason),
          ),
        }),
      }),
    );
  };
