import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { RequestContext } from '../../platform/context/index.js';
import { errorResponses } from '../../platform/http/index.js';
import type { ApiClientService } from '../api-clients.js';
import { PendingSchema } from '../dual-control/schemas.js';
import type { Pending, UserService } from '../users.js';
import { requestContext } from './org.js';
import { ApiClientSchema, Id, IdParams, Paging, RoleSchema, UserSchema } from './schemas.js';

/** A privileged account's act answers 202 with the dual-control request now waiting for a second administrator. */
const PENDING_ERRORS = [
  'ORG_DUAL_CONTROL_DUPLICATE',
  'ORG_FACTOR_RESET_SAME_ADMIN',
  'ORG_LAST_ADMINISTRATOR',
];

function isPending<T extends object>(result: T | Pending): result is Pending {
  return 'pending' in result;
}

const Username = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$',
  description: '3–32 位字母数字 / 3–32 letters or digits',
});

export const userRoutes =
  (deps: { users: UserService; apiClients: ApiClientService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/users',
      {
        schema: {
          tags: ['org'],
          summary: '用户列表（按权限范围过滤） / Users within the reader’s scope',
          querystring: Type.Object(
            { departmentId: Type.Optional(Id), q: Type.Optional(Type.String({ maxLength: 100 })), ...Paging },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() }),
            ...errorResponses(),
          },
        },
      },
      async (request) => deps.users.list(requestContext(request), request.query),
    );

    app.get(
      '/api/v1/users/:id',
      {
        schema: {
          tags: ['org'],
          summary: '用户详情 / A user',
          params: IdParams,
          response: { 200: UserSchema, ...errorResponses('ORG_USER_NOT_FOUND') },
        },
      },
      async (request) => {
        const { jurisdictionPath: _, ...user } = await deps.users.get(
          requestContext(request),
          request.params.id,
        );
        return user;
      },
    );

    app.post(
      '/api/v1/users',
      {
        schema: {
          tags: ['org'],
          summary: '新增用户（返回一次性密码） / Create a user (returns a one-time password)',
          body: Type.Object(
            {
              username: Username,
              displayName: Type.String({ minLength: 1, maxLength: 50 }),
              departmentId: Id,
              email: Type.Optional(Type.String({ format: 'email', maxLength: 100 })),
              phone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
              roles: Type.Optional(Type.Array(RoleSchema, { maxItems: 6, uniqueItems: true })),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({ user: UserSchema, initialPassword: Type.String() }),
            ...errorResponses('ORG_USERNAME_TAKEN', 'ORG_DEPARTMENT_NOT_FOUND', 'ORG_ROLE_CONFLICT'),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.users.create(requestContext(request), request.body)),
    );

    app.patch(
      '/api/v1/users/:id',
      {
        schema: {
          tags: ['org'],
          summary:
            '修改用户资料或停用（特权账号的启用/停用与电子邮箱、电话须双人审批） / Update or disable a user (dual control for a privileged account’s status, e-mail and phone)',
          params: IdParams,
          body: Type.Object(
            {
              displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
              email: Type.Optional(
                Type.Union([Type.String({ format: 'email', maxLength: 100 }), Type.Null()]),
              ),
              phone: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9+\\- ]{5,20}$' }), Type.Null()])),
              status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: {
            200: UserSchema,
            202: Type.Object({
              request: PendingSchema.properties.request,
              also: Type.Optional(
                Type.Array(PendingSchema.properties.request, {
                  description:
                    '同时提交的其他请求（如同时停用并改电子邮箱） / further requests filed by the same change',
                }),
              ),
              user: UserSchema,
            }),
            ...errorResponses('ORG_USER_NOT_FOUND', 'ORG_SELF_ACTION', ...PENDING_ERRORS),
          },
        },
      },
      async (request, reply) => {
        const result = await deps.users.update(requestContext(request), request.params.id, request.body);
        if (isPending(result))
          return reply.status(202).send({
            request: result.pending,
            ...(result.also.length > 0 ? { also: result.also } : {}),
            user: result.user,
          });
        return result;
      },
    );

    app.put(
      '/api/v1/users/:id/roles',
      {
        schema: {
          tags: ['org'],
          summary: '设置用户角色（安全管理员） / Set a user’s roles (security administrator)',
          params: IdParams,
          body: Type.Object(
            { roles: Type.Array(RoleSchema, { maxItems: 6, uniqueItems: true }) },
            { additionalProperties: false },
          ),
          response: {
            200: UserSchema,
            202: PendingSchema,
            ...errorResponses(
              'ORG_USER_NOT_FOUND',
              'ORG_ROLE_CONFLICT',
              'ORG_ROLE_SELF_GRANT',
              ...PENDING_ERRORS,
            ),
          },
        },
      },
      async (request, reply) => {
        const result = await deps.users.setRoles(
          requestContext(request),
          request.params.id,
          request.body.roles,
        );
        if (isPending(result)) return reply.status(202).send({ request: result.pending });
        return result;
      },
    );

    /**
     * An act on one account (unlock, factor resets): done at once (200), or, on a privileged account,
     * filed for a second administrator (202).
     */
    function accountAct<S extends TSchema>(
      action: string,
      summary: string,
      done: S,
      act: (ctx: RequestContext, id: string) => Promise<Static<S> | Pending>,
    ): void;
    function accountAct(
      action: string,
      summary: string,
      done: TSchema,
      act: (ctx: RequestContext, id: string) => Promise<object>,
    ) {
      app.post(
        `/api/v1/users/:id/${action}`,
        {
          schema: {
            tags: ['org'],
            summary,
            params: IdParams,
            response: {
              200: done,
              202: PendingSchema,
              ...errorResponses('ORG_USER_NOT_FOUND', 'ORG_SELF_ACTION', ...PENDING_ERRORS),
            },
          },
        },
        async (request, reply) => {
          const result = await act(requestContext(request), request.params.id);
          if (isPending(result)) return reply.status(202).send({ request: result.pending });
          return result;
        },
      );
    }

    accountAct('unlock', '解锁账号 / Unlock an account', UserSchema, (ctx, id) => deps.users.unlock(ctx, id));
    accountAct(
      'reset-totp',
      '重置动态口令（与重置密码分开；特权账号须双人审批） / Reset TOTP (separate from a password reset; dual control for privileged accounts)',
      UserSchema,
      (ctx, id) => deps.users.resetTotp(ctx, id),
    );
    accountAct(
      'reset-password',
      '重置密码（返回一次性密码；动态口令保留；特权账号须双人审批） / Reset password (one-time password; TOTP kept; dual control for privileged accounts)',
      Type.Object({ initialPassword: Type.String() }),
      (ctx, id) => deps.users.resetPassword(ctx, id),
    );

    app.get(
      '/api/v1/api-clients',
      {
        schema: {
          tags: ['org'],
          summary: '业务系统 API 客户端 / API clients of department systems',
          querystring: Type.Object({ departmentId: Type.Optional(Id) }, { additionalProperties: false }),
          response: { 200: Type.Object({ items: Type.Array(ApiClientSchema) }), ...errorResponses() },
        },
      },
      async (request) => ({ items: await deps.apiClients.list(requestContext(request), request.query) }),
    );

    const WithSecret = Type.Object({
      client: ApiClientSchema,
      clientSecret: Type.String({ description: '仅显示一次 / shown once' }),
    });

    app.post(
      '/api/v1/api-clients',
      {
        schema: {
          tags: ['org'],
          summary: '新增 API 客户端（返回密钥，仅此一次） / Create an API client (secret shown once)',
          body: Type.Object(
            { name: Type.String({ minLength: 1, maxLength: 100 }), departmentId: Id },
            { additionalProperties: false },
          ),
          response: { 201: WithSecret, ...errorResponses('ORG_DEPARTMENT_NOT_FOUND') },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.apiClients.create(requestContext(request), request.body)),
    );

    app.post(
      '/api/v1/api-clients/:id/rotate',
      {
        schema: {
          tags: ['org'],
          summary: '轮换客户端密钥 / Rotate the client secret',
          params: IdParams,
          response: {
            200: WithSecret,
            ...errorResponses('ORG_API_CLIENT_NOT_FOUND', 'ORG_API_CLIENT_REVOKED'),
          },
        },
      },
      async (request) => deps.apiClients.rotate(requestContext(request), request.params.id),
    );

    app.post(
      '/api/v1/api-clients/:id/revoke',
      {
        schema: {
          tags: ['org'],
          summary: '吊销客户端 / Revoke the client',
          params: IdParams,
          response: {
            200: Type.Object({ client: ApiClientSchema }),
            ...errorResponses('ORG_API_CLIENT_NOT_FOUND'),
          },
        },
      },
      async (request) => ({
        client: await deps.apiClients.revoke(requestContext(request), request.params.id),
      }),
    );
  };
