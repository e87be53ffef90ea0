import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { localeFrom } from '../../platform/errors/index.js';
import { GRANT_REFUSALS } from '../errors.js';
import type { GrantService } from '../grants.js';
import {
  GrantDetailSchema,
  GrantSchema,
  Id,
  IdParams,
  ItemName,
  Method,
  Paging,
  Purpose,
  Reason,
  sharingErrors,
  strict,
} from './schemas.js';

const tags = ['sharing'];
const API = '/api/v1/sharing/grants';
const CHANGE_ERRORS = ['GRANT_NOT_FOUND', 'GRANT_INVALID_STATE', 'SHARING_REASON_REQUIRED'];
const CHECK_CODES = GRANT_REFUSALS;

/** Grants: held and given, one with its history, suspend / resume / revoke, and the access check. */
export const grantRoutes =
  (deps: { grants: GrantService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      API,
      {
        schema: {
          tags,
          summary: '共享授权列表（本部门持有 / 本部门提供）/ Grants held or given',
          querystring: Type.Object(
            {
              as: Type.Optional(
                Type.Union([Type.Literal('held'), Type.Literal('given'), Type.Literal('all')]),
              ),
              entryId: Type.Optional(Id),
              ...Paging,
            },
            strict,
          ),
          response: {
            200: Type.Object({ items: Type.Array(GrantSchema), total: Type.Integer() }),
            ...sharingErrors(),
          },
        },
      },
      async (request) => deps.grants.list(actorOf(request), request.query),
    );

    app.post(
      `${API}/check`,
      {
        schema: {
          tags,
          summary: '自检本部门系统对某资源的访问是否获授权 / Test whether this department may access',
          description: `不予访问时返回原因代码 / when refused, the reason code: ${CHECK_CODES.join(', ')}`,
          body: Type.Object(
            {
              entryId: Id,
              items: Type.Array(ItemName, { minItems: 1, maxItems: 500 }),
              purpose: Purpose,
              method: Method,
            },
            strict,
          ),
          response: {
            200: Type.Object({
              allowed: Type.Boolean(),
              grant: Type.Optional(GrantSchema),
              code: Type.Optional(Type.String({ description: CHECK_CODES.join(' | ') })),
              message: Type.Optional(Type.String()),
            }),
            ...sharingErrors(),
          },
        },
      },
      async (request) => {
        const answer = await deps.grants.checkAs(actorOf(request), request.body);
        if (answer.allowed) return { allowed: true, grant: answer.grant };
        const locale = localeFrom(request.headers['accept-language']);
        return { allowed: false, code: answer.error.code, message: answer.error.localized(locale) };
      },
    );

    app.get(
      `${API}/:id`,
      {
        schema: {
          tags,
          summary: '共享授权及其变更记录 / A grant with its history',
          params: IdParams,
          response: { 200: GrantDetailSchema, ...sharingErrors('GRANT_NOT_FOUND') },
        },
      },
      async (request) => deps.grants.get(actorOf(request), request.params.id),
    );

    for (const change of ['suspend', 'resume', 'revoke'] as const) {
      app.post(
        `${API}/:id/${change}`,
        {
          schema: {
            tags,
            summary: {
              suspend: '暂停授权（须说明理由）/ Suspend with a reason',
              resume: '恢复授权 / Resume',
              revoke: '撤销授权（须说明理由）/ Revoke with a reason',
            }[change],
            params: IdParams,
            body: Type.Object({ reason: Reason }, strict),
            response: { 200: GrantDetailSchema, ...sharingErrors(...CHANGE_ERRORS) },
          },
        },
        async (request) =>
          deps.grants.change(requestContext(request), request.params.id, change, request.body.reason),
      );
    }
  };
