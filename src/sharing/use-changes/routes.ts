import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../org/index.js';
import { Nullable } from '../../platform/http/index.js';
import { noteStep, refusalStep, sharingCaseRoutes, withdrawStep } from '../routes/case-routes.js';
import {
  CaseEventSchema,
  DepartmentIdRef,
  Id,
  literals,
  PersonRef,
  Purpose,
  Reason,
  sharingErrors,
  strict,
} from '../routes/schemas.js';
import { UseChangeCase } from './case.js';
import { USE_CHANGE_STATUSES } from './schema.js';
import type { UseChangeService } from './service.js';

const tags = ['sharing'];
const API = '/api/v1/sharing/use-changes';
const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, description });
const Status = literals(USE_CHANGE_STATUSES, '用途变更申请状态 / use-change status');
const UseChangeSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '编号 YT-年份-序号 / case number' }),
  status: Status,
  grant: Type.Object({
    id: Type.String(),
    entryId: Type.String(),
    entryCode: Type.String(),
    entryName: Type.String(),
  }),
  consumer: DepartmentIdRef,
  provider: DepartmentIdRef,
  purposes: Type.Array(Purpose),
  purposesText: Type.String({ description: '其他用途（文字）/ the purposes in words' }),
  scope: Nullable(Type.String()),
  thirdParties: Type.Array(Type.String()),
  thirdPartiesText: Type.String({ description: '第三方（文字）/ the third parties in words' }),
  reason: Type.String(),
  article: Type.String(),
  requestedBy: PersonRef,
  decidedBy: Nullable(PersonRef),
  decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  createdAt: Type.String(),
  timeline: Type.Array(CaseEventSchema),
  allowedActions: Type.Array(Type.String()),
});
const ConsentSchema = Type.Object({
  caseId: Type.String(),
  number: Type.String(),
  purposes: Type.Array(Purpose),
  scope: Nullable(Type.String()),
  thirdParties: Type.Array(Type.String()),
  at: Type.String(),
  by: PersonRef,
});

/**
 * 用途变更 (N14, 政务数据共享条例第二十五条第一款): the requesting department asks, the provider
 * consents or refuses; the case's page is the portal's generic one at `/cases/use_change/<id>`.
 */
export const useChangeRoutes =
  (deps: { useChanges: UseChangeService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      API,
      {
        schema: {
          tags,
          summary:
            '某一共享授权的用途变更申请及已记录的同意 / A grant’s use-change requests and the consents it records',
          querystring: Type.Object({ grantId: Id }, strict),
          response: {
            200: Type.Object({
              items: Type.Array(UseChangeSchema),
              consents: Type.Array(ConsentSchema),
              purposes: Type.Array(Purpose, { description: '授权涵盖的用途 / purposes the grant covers' }),
            }),
            ...sharingErrors('GRANT_NOT_FOUND'),
          },
        },
      },
      async (request) => deps.useChanges.ofGrant(actorOf(request), request.query.grantId),
    );

    await app.register(
      sharingCaseRoutes({
        type: UseChangeCase,
        summary: [
          { key: 'grant.entryName', label: { zh: '信息资源', en: 'Resource' } },
          { key: 'purposesText', label: { zh: '其他用途', en: 'Other purposes' } },
          { key: 'scope', label: { zh: '扩大后的使用范围', en: 'Wider use' } },
          { key: 'thirdPartiesText', label: { zh: '第三方', en: 'Third parties' } },
          { key: 'reason', label: { zh: '理由', en: 'Reason' } },
          { key: 'article', label: { zh: '依据', en: 'Article' } },
          { key: 'decisionNote', label: { zh: '提供部门意见', en: "Provider's note" } },
        ],
        base: API,
        response: UseChangeSchema,
        open: {
          summary:
            '需求部门申请扩大使用范围、用于其他目的或提供给第三方（第二十五条）/ The requester asks to widen the use, change the purpose or pass data on',
          body: Type.Object(
            {
              grantId: Id,
              purposes: Type.Optional(
                Type.Array(Purpose, { maxItems: 5, description: '其他用途 / other purposes' }),
              ),
              scope: Type.Optional(
                Type.String({ maxLength: 2000, description: '扩大后的使用范围 / wider use' }),
              ),
              thirdParties: Type.Optional(
                Type.Array(Text(200, '第三方名称 / third party'), {
                  maxItems: 20,
                  description: '第三方 / third parties',
                }),
              ),
              reason: Reason,
            },
            strict,
          ),
          errors: [
            'GRANT_NOT_FOUND',
            'SHARING_REASON_REQUIRED',
            'USE_CHANGE_EMPTY',
            'USE_CHANGE_ALREADY_COVERED',
            'USE_CHANGE_GRANT_ENDED',
            'USE_CHANGE_PENDING',
          ],
          run: (ctx, body) => deps.useChanges.request(ctx, body),
        },
        read: {
          summary: '用途变更申请及其过程 / A use-change request with its timeline',
          run: (ctx, id) => deps.useChanges.get(ctx.actor, id),
        },
        steps: () => ({
          approve: noteStep(
            '提供部门同意（同意记入共享授权）/ The provider consents; the grant records it',
            (ctx, id, note) => deps.useChanges.approve(ctx, id, note),
            { errors: ['GRANT_NOT_FOUND'] },
          ),
          refuse: refusalStep(
            '提供部门不同意（须说明理由）/ The provider refuses, with a reason',
            (ctx, id, reason) => deps.useChanges.refuse(ctx, id, reason),
          ),
          withdraw: withdrawStep('需求部门撤回申请 / The requester withdraws', (ctx, id, note) =>
            deps.useChanges.withdraw(ctx, id, note),
          ),
        }),
      }),
    );
  };
