import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { Clock } from '../../platform/clock/index.js';
import type { OidcConfig } from '../../platform/config/index.js';
import type { AuditContext, AuditRecorder } from '../../platform/context/index.js';
import { AppError, type LocalizedParam } from '../../platform/errors/index.js';
import { errorResponses } from '../../platform/http/index.js';
import { OrgErrors } from '../errors.js';
import type { OrgTables, UserTable } from '../schema.js';
import { auditContext } from './hook.js';
import type { AuthService } from './service.js';
import { setSessionCookie } from './sessions.js';

export interface OidcRouteDeps {
  auth: AuthService;
  db: Kysely<OrgTables>;
  audit: AuditRecorder;
  clock: Clock;
  config: OidcConfig;
  /** The browser-facing base URL; the redirect URI registered at the IdP is derived from it. */
  publicUrl: string;
  secureCookies: boolean;
  sessionMaxHours: number;
}

const START_PATH = '/api/v1/auth/oidc/start';
const CALLBACK_PATH = '/api/v1/auth/oidc/callback';
/**
 * The sign-in transaction (state, nonce, PKCE verifier) travels in a short-lived cookie rather than a
 * server-side table: several govshare instances behind a load balancer then need no shared store,
 * and nothing is left behind by abandoned sign-ins. It is deliberately not signed: each value in it
 * is checked against its other half held elsewhere (state against the query, nonce against the
 * IdP-signed ID token, verifier against the challenge the IdP stored), so a forged cookie can only
 * make the check fail, and a signature would not stop login CSRF either, since anyone can obtain a
 * validly signed cookie from the start route. HttpOnly keeps scripts away from it; SameSite=Lax
 * (not Strict) is required because the callback is a cross-site top-level navigation from the IdP;
 * the path confines it to the callback and it is cleared as soon as the callback reads it.
 */
const TRANSACTION_COOKIE = 'govshare_oidc';
const TRANSACTION_MINUTES = 10;
// Metadata is re-read daily so an IdP that moves an endpoint is followed without a restart; key
// rotation needs no refresh (openid-client re-fetches the JWKS on an unknown key id).
const METADATA_MAX_AGE_MS = 24 * 3_600_000;
const IDP_TIMEOUT_SECONDS = 10;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Claims outside the `profile` scope need their own scope; only what names the account is asked for.
const SCOPE_OF_CLAIM: Record<string, string> = { email: 'email', phone_number: 'phone' };
const SSO_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };

interface Transaction {
  state: string;
  nonce: string;
  verifier: string;
}

const ssoFailed = (reason: LocalizedParam) => OrgErrors.error('AUTH_SSO_FAILED', { reason });

/** The jurisdiction's identity provider, discovered once and cached; a failed discovery is retried next time. */
class IdentityProvider {
  #configuration: Promise<client.Configuration> | undefined;
  #discoveredAt = 0;

  constructor(
    private readonly config: OidcConfig,
    private readonly clock: Clock,
  ) {}

  configuration(): Promise<client.Configuration> {
    const now = this.clock.now().getTime();
    if (!this.#configuration || now - this.#discoveredAt > METADATA_MAX_AGE_MS) {
      this.#discoveredAt = now;
      this.#configuration = this.#discover().catch((error: unknown) => {
        this.#configuration = undefined;
        throw toSsoError(error, { zh: '无法获取身份提供方配置', en: 'identity provider discovery failed' });
      });
    }
    return this.#configuration;
  }

  async #discover(): Promise<client.Configuration> {
    const issuer = new URL(this.config.issuer);
    // openid-client refuses plain http; only a provider on this machine (tests, a local trial) may use it.
    const insecure = issuer.protocol === 'http:';
    if (insecure && !LOOPBACK.has(issuer.hostname)) {
      throw ssoFailed({
        zh: '身份提供方地址必须使用 https',
        en: 'the identity provider issuer must use https',
      });
    }
    return client.discovery(
      issuer,
      this.config.clientId,
      undefined,
      client.ClientSecretBasic(this.config.clientSecret),
      { timeout: IDP_TIMEOUT_SECONDS, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
    );
  }
}

/** Turns what openid-client or fetch threw into AUTH_SSO_FAILED with a reason a person can act on. */
function toSsoError(error: unknown, context: LocalizedParam): AppError {
  if (error instanceof AppError) return error;
  // What the IdP or the library said is quoted as it came, after the platform's own words.
  const told = (detail: string) => ({ zh: `${context.zh}：${detail}`, en: `${context.en}: ${detail}` });
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) {
    return ssoFailed(told(`${error.error}${error.error_description ? ` ${error.error_description}` : ''}`));
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  if (message === 'fetch failed' || (error instanceof client.ClientError && cause?.name === 'TimeoutError')) {
    const code = (cause as { code?: string })?.code ?? cause?.message ?? message;
    return ssoFailed({ zh: `无法连接身份提供方（${code}）`, en: `identity provider unreachable (${code})` });
  }
  return ssoFailed(
    cause
      ? {
          zh: `${context.zh}：${message}（${cause.message}）`,
          en: `${context.en}: ${message} (${cause.message})`,
        }
      : told(message),
  );
}

function readTransaction(raw: string | undefined): Transaction | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Transaction>;
    const ok = [value.state, value.nonce, value.verifier].every((v) => typeof v === 'string' && v.length > 0);
    return ok ? (value as Transaction) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Single sign-on through the jurisdiction's unified identity authentication (统一身份认证): OpenID
 * Connect authorization code flow with PKCE. The IdP vouches for who the person is; govshare still
 * decides whether that person has an account here (no automatic provisioning).
 *
 * @example
 * if (config.oidc) await http.register(oidcRoutes({ auth, db, audit, clock, config: config.oidc, publicUrl, secureCookies, sessionMaxHours }));
 */
export const oidcRoutes =
  (deps: OidcRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const idp = new IdentityProvider(deps.config, deps.clock);
    const redirectUri = new URL(CALLBACK_PATH, deps.publicUrl).href;
    const usernameClaim = deps.config.usernameClaim || 'preferred_username';
    const scope = [
      'openid',
      'profile',
      ...(SCOPE_OF_CLAIM[usernameClaim] ? [SCOPE_OF_CLAIM[usernameClaim]] : []),
    ].join(' ');

    /**
     * Both routes are reached by browser navigation, so a failure goes back to the portal's sign-in
     * page with the code; a caller asking for JSON gets the usual error body instead.
     */
    const fail = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
      const appError = toSsoError(error, {
        zh: '身份提供方响应校验失败',
        en: 'identity provider response rejected',
      });
      request.log.warn(
        { code: appError.code, reason: appError.params.reason, err: error },
        'sso sign-in refused',
      );
      if (request.headers.accept?.includes('application/json')) throw appError;
      return reply.redirect(`/login?sso_error=${encodeURIComponent(appError.code)}`, 302);
    };

    const auditFailure = (ctx: AuditContext, user: UserTable | undefined, username: string, reason: string) =>
      deps.audit.record(deps.db, ctx, {
        action: 'auth.login',
        outcome: 'failure',
        targetType: 'user',
        targetId: user?.id ?? username,
        actor: { kind: 'user', id: user?.id ?? '', name: username, departmentId: user?.department_id ?? '' },
        detail: { reason, via: 'oidc' },
      });

    /**
     * The govshare account the IdP's person maps to. The username claim finds it; the first sign-in
     * records the IdP's `sub`, and from then on the same username arriving with another `sub` (a
     * reassigned or spoofed name at the IdP) is refused rather than trusted.
     */
    const accountFor = async (ctx: AuditContext, username: string, subject: string): Promise<UserTable> => {
      const user = await deps.db
        .selectFrom('app_user')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      if (!user) {
        await auditFailure(ctx, undefined, username, 'unknown');
        throw OrgErrors.error('AUTH_SSO_UNKNOWN_USER', { username });
      }
      // A disabled account is refused (and audited) by loginVerified; it is not linked on the way.
      if (user.oidc_subject === subject || user.status !== 'active') return user;
      const mismatch = async (reason: string, message: LocalizedParam) => {
        await auditFailure(ctx, user, username, reason);
        return ssoFailed(message);
      };
      if (user.oidc_subject !== null) {
        throw await mismatch('oidc_subject_mismatch', {
          zh: '该账号已关联另一统一身份认证身份',
          en: 'the account is linked to a different SSO identity',
        });
      }
      const other = await deps.db
        .selectFrom('app_user')
        .select('id')
        .where('oidc_subject', '=', subject)
        .executeTakeFirst();
      if (other) {
        throw await mismatch('oidc_subject_taken', {
          zh: '该统一身份认证身份已关联其他账号',
          en: 'the SSO identity is linked to another account',
        });
      }
      const linked = await deps.db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('app_user')
          .set({ oidc_subject: subject, updated_at: deps.clock.now().toISOString() })
          .where('id', '=', user.id)
          .where('oidc_subject', 'is', null)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return false;
        await deps.audit.record(trx, ctx, {
          action: 'auth.oidcLink',
          targetType: 'user',
          targetId: user.id,
          actor: { kind: 'user', id: user.id, name: user.username, departmentId: user.department_id },
          detail: { issuer: deps.config.issuer, subject },
        });
        return true;
      });
      // Lost a race with a concurrent first sign-in that linked another identity.
      if (!linked)
        throw await mismatch('oidc_subject_mismatch', {
          zh: '该账号已关联另一统一身份认证身份',
          en: 'the account is linked to a different SSO identity',
        });
      return { ...user, oidc_subject: subject };
    };

    app.get(
      START_PATH,
      {
        config: { public: true, ...SSO_LIMIT },
        schema: {
          tags: ['auth'],
          summary: '跳转至统一身份认证登录 / Redirect to single sign-on',
          response: {
            302: Type.Null({ description: '跳转至身份提供方 / redirect to the identity provider' }),
            ...errorResponses('AUTH_SSO_FAILED'),
          },
        },
      },
      async (request, reply) => {
        try {
          const configuration = await idp.configuration();
          const transaction: Transaction = {
            state: client.randomState(),
            nonce: client.randomNonce(),
            verifier: client.randomPKCECodeVerifier(),
          };
          const url = client.buildAuthorizationUrl(configuration, {
            redirect_uri: redirectUri,
            scope,
            state: transaction.state,
            nonce: transaction.nonce,
            code_challenge: await client.calculatePKCECodeChallenge(transaction.verifier),
            code_challenge_method: 'S256',
          });
          reply.setCookie(
            TRANSACTION_COOKIE,
            Buffer.from(JSON.stringify(transaction)).toString('base64url'),
            {
              httpOnly: true,
              sameSite: 'lax',
              secure: deps.secureCookies,
              path: CALLBACK_PATH,
              maxAge: TRANSACTION_MINUTES * 60,
            },
          );
          return reply.redirect(url.href, 302);
        } catch (error) {
          return fail(request, reply, error);
        }
      },
    );

    const Param = Type.Optional(Type.String({ maxLength: 4096 }));
    app.get(
      CALLBACK_PATH,
      {
        config: { public: true, ...SSO_LIMIT },
        schema: {
          tags: ['auth'],
          summary: '统一身份认证回调 / Single sign-on callback',
          // IdPs may add parameters of their own (session_state, …); openid-client judges the response.
          querystring: Type.Object({
            code: Param,
            state: Param,
            iss: Param,
            error: Param,
            error_description: Param,
          }),
          response: {
            302: Type.Null({
              description:
                '登录成功跳转至首页，失败跳转至 /login?sso_error=代码 / redirect to / or to /login?sso_error=CODE',
            }),
            ...errorResponses('AUTH_SSO_FAILED', 'AUTH_SSO_UNKNOWN_USER', 'AUTH_ACCOUNT_DISABLED'),
          },
        },
      },
      async (request, reply) => {
        const transaction = readTransaction(request.cookies[TRANSACTION_COOKIE]);
        // One use only, whatever happens next.
        reply.clearCookie(TRANSACTION_COOKIE, { path: CALLBACK_PATH });
        try {
          if (!transaction)
            throw ssoFailed({
              zh: '登录请求已过期或并非从本平台发起，请重新登录',
              en: 'the sign-in request expired or was not started here; sign in again',
            });
          const configuration = await idp.configuration();
          // Rebuilt from publicUrl, not the Host header: behind a proxy this is the URI the IdP knows.
          const currentUrl = new URL(redirectUri);
          currentUrl.search = new URL(request.url, redirectUri).search;
          const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
            pkceCodeVerifier: transaction.verifier,
            expectedState: transaction.state,
            expectedNonce: transaction.nonce,
            idTokenExpected: true,
          });
          const claims = tokens.claims();
          if (!claims) throw ssoFailed({ zh: '身份提供方未返回 ID 令牌', en: 'no ID token returned' });
          // Many IdPs put profile claims only in userinfo when an access token is issued (OIDC core 5.4).
          let username = claims[usernameClaim];
          if (username === undefined)
            username = (await client.fetchUserInfo(configuration, tokens.access_token, claims.sub))[
              usernameClaim
            ];
          if (typeof username !== 'string' || username === '') {
            throw ssoFailed({
              zh: `身份提供方未提供 ${usernameClaim}`,
              en: `the identity provider sent no ${usernameClaim} claim`,
            });
          }
          const ctx = { ...auditContext(request), userAgent: request.headers['user-agent'] };
          const user = await accountFor(ctx, username, claims.sub);
          const token = await deps.auth.loginVerified(ctx, user.id, 'oidc');
          setSessionCookie(reply, token, deps);
          return reply.redirect('/', 302);
        } catch (error) {
          return fail(request, reply, error);
        }
      },
    );
  };
