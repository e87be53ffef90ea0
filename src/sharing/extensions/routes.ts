import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { caseStepRoutes, GoverningProfileSchema, NoteBody } from '../../platform/cases/index.js';
import { Nullable } from '../../platform/http/index.js';
import { CaseEventSchema, Id, IdParams, Reason, sharingErrors, strict } from '../routes/schemas.js';
import { ExtensionCase } from './case.js';
import { EXTENSION_STATUSES } from './schema.js';
import type { ExtensionService } from './service.js';

const tags = ['sharing'];
const API = '/api/v1/sharing/extensions';
const Status = Type.Unsafe<(typeof EXTENSION_STATUSES)[number]>(
  Type.Union(
    EXTENSION_STATUSES.map((s) => Type.Literal(s)),
    { description: '延期答复状态 / extension status' },
  ),
);
const Person = Type.Object({ id: Type.String(), name: Type.String() });
const ExtensionSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '编号 YQ-年份-序号 / extension number' }),
  status: Status,
  application: Type.Object({ id: Type.String(), number: Type.String(), entryName: Type.String() }),
  consumer: Type.Object({ departmentId: Type.String() }),
  provider: Type.Object({ departmentId: Type.String() }),
  reason: Type.String(),
  workingDays: Type.Integer({ description: '延长的工作日数 / working days asked for' }),
  dueDateBefore: Type.String({ description: '原答复期限 / reply deadline before' }),
  dueDateAfter: Nullable(Type.String({ description: '延长后的答复期限 / reply deadline after' })),
  article: Type.String(),
  requestedBy: Person,
  decidedBy: Nullable(Person),
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
    app.post(
      API,
      {
        schema: {
          tags,
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
          response: {
            201: ExtensionSchema,
            ...sharingErrors(
              'SHARING_APPLICATION_NOT_FOUND',
              'SHARING_REASON_REQUIRED',
              'EXTENSION_NOT_PROVIDED',
              'EXTENSION_TOO_LONG',
              'EXTENSION_ALREADY_REQUESTED',
              'EXTENSION_APPLICATION_NOT_PENDING',
              'EXTENSION_TOO_LATE',
              'EXTENSION_NO_DEADLINE',
            ),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.extensions.request(requestContext(request), request.body)),
    );

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
      caseStepRoutes({
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
        tags,
        params: IdParams,
        response: ExtensionSchema,
        context: requestContext,
        read: {
          summary: '延期答复事项及其过程 / A reply extension with its timeline',
          run: (ctx, id) => deps.extensions.get(ctx.actor, id),
        },
        steps: (step) => ({
          approve: step({
            summary: '主管部门同意延期（答复期限顺延）/ The authority approves: the reply deadline moves',
            body: NoteBody,
            errors: ['EXTENSION_APPLICATION_NOT_PENDING', 'EXTENSION_TOO_LONG'],
            run: (ctx, id, body) => deps.extensions.approve(ctx, id, body.note),
          }),
          refuse: step({
            summary: '主管部门不同意延期（须说明理由）/ The authority refuses, with a reason',
            body: Type.Object({ reason: Reason }, strict),
            errors: ['SHARING_REASON_REQUIRED'],
            danger: true,
            run: (ctx, id, body) => deps.extensions.refuse(ctx, id, body.reason),
          }),
        }),
      }),
    );
  };
