import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { CommonErrors } from '../../platform/errors/index.js';
import { errorResponses } from '../../platform/http/index.js';
import type { ApiClientService } from '../api-clients.js';
import { auditContext } from '../auth/hook.js';
import type { AuthService } from '../auth/service.js';
import { SESSION_COOKIE, setSessionCookie } from '../auth/sessions.js';
import { MeSchema, SignInStateSchema } from './schemas.js';

export interface AuthRouteDeps {
  auth: AuthService;
  apiClients: ApiClientService;
  secureCookies: boolean;
  sessionMaxHours: number;
  sso: { enabled: boolean; label?: string };
}

const Code = Type.String({ pattern: '^[0-9]{6}$', description: '6 位动态验证码 / 6-digit TOTP code' });
const LOGIN_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } };

export const authRoutes =
  (deps: AuthRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const setCookie = (reply: FastifyReply, token: string) => setSessionCookie(reply, token, deps);
    const sessionOf = (request: { session?: import('../schema.js').SessionTable }) => {
      if (!request.session) throw CommonErrors.error('UNAUTHENTICATED');
      return request.session;
    };

    app.post(
      '/api/v1/auth/login',
      {
        config: { public: true, ...LOGIN_LIMIT },
        schema: {
          tags: ['auth'],
          summary: '用户名密码登录 / Sign in with username and password',
          body: Type.Object(
            {
              username: Type.String({ minLength: 1, maxLength: 64 }),
              password: Type.String({ minLength: 1, maxLength: 128 }),
            },
            { additionalProperties: false },
          ),
          response: {
            200: SignInStateSchema,
            ...errorResponses('AUTH_INVALID_CREDENTIALS', 'AUTH_ACCOUNT_LOCKED', 'AUTH_ACCOUNT_DISABLED'),
          },
        },
      },
      async (request, reply) => {
        const { token, state } = await deps.auth.login(
          { ...auditContext(request), userAgent: request.headers['user-agent'] },
          request.body.username,
          request.body.password,
        );
        setCookie(reply, token);
        return state;
      },
    );

    app.post(
      '/api/v1/auth/password',
      {
        config: { partialSession: true, ...LOGIN_LIMIT },
        schema: {
          tags: ['auth'],
          summary: '修改密码（首次登录须修改一次性密码） / Change password',
          body: Type.Object(
            {
              currentPassword: Type.String({ minLength: 1, maxLength: 128 }),
              newPassword: Type.String({ minLength: 1, maxLength: 128 }),
            },
            { additionalProperties: false },
          ),
          response: {
            200: SignInStateSchema,
            ...errorResponses(
              'AUTH_INVALID_CREDENTIALS',
              'AUTH_PASSWORD_WEAK',
              'AUTH_PASSWORD_COMMON',
              'AUTH_PASSWORD_REUSED',
              'AUTH_STAGE_INVALID',
            ),
          },
        },
      },
      async (request) =>
        deps.auth.changePassword(
          auditContext(request),
          sessionOf(request),
          request.body.currentPassword,
          request.body.newPassword,
        ),
    );

    app.post(
      '/api/v1/auth/totp/enrol',
      {
        config: { partialSession: true },
        schema: {
          tags: ['auth'],
          summary: '开始绑定动态口令（TOTP） / Start TOTP enrolment',
          response: {
            200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrDataUrl: Type.String() }),
            ...errorResponses('AUTH_STAGE_INVALID'),
          },
        },
      },
      async (request) => deps.auth.startTotpEnrolment(auditContext(request), sessionOf(request)),
    );

    app.post(
      '/api/v1/auth/totp/replace',
      {
        config: LOGIN_LIMIT,
        schema: {
          tags: ['auth'],
          summary:
            '更换动态口令（须当前密码与当前验证码） / Replace the TOTP factor (password and current code)',
          body: Type.Object(
            {
              currentPassword: Type.String({ minLength: 1, maxLength: 128 }),
              code: Type.Optional(Code),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrDataUrl: Type.String() }),
            ...errorResponses(
              'AUTH_INVALID_CREDENTIALS',
              'AUTH_TOTP_INVALID',
              'AUTH_ACCOUNT_LOCKED',
              'AUTH_STAGE_INVALID',
            ),
          },
        },
      },
      async (request) =>
        deps.auth.startTotpEnrolment(auditContext(request), sessionOf(request), {
          currentPassword: request.body.currentPassword,
          code: request.body.code,
        }),
    );

    app.post(
      '/api/v1/auth/totp/confirm',
      {
        config: { partialSession: true, ...LOGIN_LIMIT },
        schema: {
          tags: ['auth'],
          summary: '确认绑定动态口令 / Confirm TOTP enrolment',
          body: Type.Object({ code: Code }, { additionalProperties: false }),
          response: {
            200: SignInStateSchema,
            ...errorResponses('AUTH_TOTP_INVALID', 'AUTH_TOTP_NOT_STARTED'),
          },
        },
      },
      async (request) =>
        deps.auth.confirmTotpEnrolment(auditContext(request), sessionOf(request), request.body.code),
    );

    app.post(
      '/api/v1/auth/totp/verify',
      {
        config: { partialSession: true, ...LOGIN_LIMIT },
        schema: {
          tags: ['auth'],
          summary: '输入动态验证码完成登录 / Verify TOTP code',
          body: Type.Object({ code: Code }, { additionalProperties: false }),
          response: {
            200: SignInStateSchema,
            ...errorResponses('AUTH_TOTP_INVALID', 'AUTH_ACCOUNT_LOCKED', 'AUTH_STAGE_INVALID'),
          },
        },
      },
      async (request) => deps.auth.verifyTotp(auditContext(request), sessionOf(request), request.body.code),
    );

    app.post(
      '/api/v1/auth/logout',
      {
        config: { partialSession: true },
        schema: {
          tags: ['auth'],
          summary: '退出登录 / Sign out',
          response: { 204: Type.Null(), ...errorResponses() },
        },
      },
      async (request, reply) => {
        await deps.auth.logout(auditContext(request), sessionOf(request));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/me',
      {
        config: { partialSession: true },
        schema: {
          tags: ['auth'],
          summary: '当前用户与登录步骤 / Current user and sign-in step',
          response: {
            200: Type.Object({ stage: SignInStateSchema.properties.stage, me: Type.Optional(MeSchema) }),
            ...errorResponses(),
          },
        },
      },
      async (request) => {
        const session = sessionOf(request);
        return deps.auth.state(session.user_id, session.stage);
      },
    );

    app.get(
      '/api/v1/auth/sso',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '统一身份认证是否启用 / Whether single sign-on is configured',
          response: {
            200: Type.Object({ enabled: Type.Boolean(), label: Type.Optional(Type.String()) }),
            ...errorResponses(),
          },
        },
      },
      async () => deps.sso,
    );

    app.post(
      '/api/v1/auth/token',
      {
        config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: '业务系统以客户端凭证换取访问令牌 / Client credentials grant for department systems',
          body: Type.Object(
            {
              grant_type: Type.Literal('client_credentials'),
              client_id: Type.String({ minLength: 1, maxLength: 64 }),
              client_secret: Type.String({ minLength: 1, maxLength: 128 }),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              access_token: Type.String(),
              token_type: Type.Literal('Bearer'),
              expires_in: Type.Integer(),
            }),
            ...errorResponses('AUTH_CLIENT_INVALID'),
          },
        },
      },
      async (request) => {
        const { accessToken, expiresIn } = await deps.apiClients.issueToken(
          auditContext(request),
          request.body.client_id,
          request.body.client_secret,
        );
        return { access_token: accessToken, token_type: 'Bearer' as const, expires_in: expiresIn };
      },
    );
  };
