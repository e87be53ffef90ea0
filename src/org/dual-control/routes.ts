import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../platform/http/index.js';
import { requestContext } from '../routes/org.js';
import { IdParams, Paging } from '../routes/schemas.js';
import { DualControlRequestSchema, DualControlStatusSchema } from './schemas.js';
import type { DualControlService } from './service.js';

const Decision = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

/** Dual control (双人审批) of acts on the three administrators' accounts. */
export const dualControlRoutes =
  (deps: { dualControl: DualControlService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/dual-control-requests',
      {
        schema: {
          tags: ['org'],
          summary: '双人审批请求 / Dual-control requests',
          querystring: Type.Object(
            { status: Type.Optional(DualControlStatusSchema), ...Paging },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ items: Type.Array(DualControlRequestSchema), total: Type.Integer() }),
            ...errorResponses(),
          },
        },
      },
      async (request) => deps.dualControl.list(requestContext(request), request.query),
    );

    app.get(
      '/api/v1/dual-control-requests/:id',
      {
        schema: {
          tags: ['org'],
          summary: '双人审批请求详情 / A dual-control request',
          params: IdParams,
          response: { 200: DualControlRequestSchema, ...errorResponses('ORG_DUAL_CONTROL_NOT_FOUND') },
        },
      },
      async (request) => deps.dualControl.get(requestContext(request), request.params.id),
    );

    const decisionErrors = errorResponses(
      'ORG_DUAL_CONTROL_NOT_FOUND',
      'ORG_DUAL_CONTROL_NOT_PENDING',
      'ORG_DUAL_CONTROL_EXPIRED',
      'ORG_DUAL_CONTROL_SELF_APPROVAL',
      'ORG_DUAL_CONTROL_SAME_ROLE',
      'ORG_FACTOR_RESET_SAME_ADMIN',
      'ORG_LAST_ADMINISTRATOR',
      'ORG_ROLE_CONFLICT',
    );

    app.post(
      '/api/v1/dual-control-requests/:id/approve',
      {
        schema: {
          tags: ['org'],
          summary:
            '批准（另一类管理员；执行该操作，密码重置除外） / Approve (another kind of administrator; carries the act out, except a password reset)',
          params: IdParams,
          body: Type.Optional(Decision),
          response: { 200: DualControlRequestSchema, ...decisionErrors },
        },
      },
      async (request) =>
        deps.dualControl.approve(requestContext(request), request.params.id, request.body?.note),
    );

    app.post(
      '/api/v1/dual-control-requests/:id/refuse',
      {
        schema: {
          tags: ['org'],
          summary: '拒绝（申请人为撤回） / Refuse (withdraw, for the requester)',
          params: IdParams,
          body: Type.Optional(Decision),
          response: { 200: DualControlRequestSchema, ...decisionErrors },
        },
      },
      async (request) =>
        deps.dualControl.refuse(requestContext(request), request.params.id, request.body?.note),
    );

    app.post(
      '/api/v1/dual-control-requests/:id/collect',
      {
        schema: {
          tags: ['org'],
          summary:
            '申请人领取已批准的密码重置的一次性密码（仅一次） / The requester collects the one-time password of an approved reset (once)',
          params: IdParams,
          response: {
            200: Type.Object({
              initialPassword: Type.String({ description: '仅显示一次 / shown once' }),
              request: DualControlRequestSchema,
            }),
            ...errorResponses(
              'ORG_DUAL_CONTROL_NOT_FOUND',
              'ORG_DUAL_CONTROL_NOT_PENDING',
              'ORG_DUAL_CONTROL_EXPIRED',
            ),
          },
        },
      },
      async (request) => deps.dualControl.collect(requestContext(request), request.params.id),
    );
  };
