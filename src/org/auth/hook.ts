import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditContext } from '../../platform/context/index.js';
import { CommonErrors } from '../../platform/errors/index.js';
import type { ApiClientService } from '../api-clients.js';
import { OrgErrors } from '../errors.js';
import type { SessionTable } from '../schema.js';
import type { AuthService } from './service.js';
import { SESSION_COOKIE, type SessionStore } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The browser session, also while sign-in is still in progress (password change, TOTP). */
    session?: SessionTable;
  }
}

export function auditContext(request: FastifyRequest): AuditContext {
  return { actor: request.actor, requestId: request.id, clientIp: request.ip };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a browser says the request comes from another site. The cookie is `SameSite=Strict`,
 * but that alone leaves the platform to every browser's cookie rules and to same-site subdomains;
 * the request's own `Sec-Fetch-Site` and `Origin` say where it was made. A client that sends
 * neither (curl, a department's system) is not a browser being misused and passes.
 */
export function isCrossSite(request: FastifyRequest, publicOrigin: string | undefined): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  // Behind a TLS-terminating proxy the platform may see http while the browser says https.
  const own = [publicOrigin, `http://${request.host}`, `https://${request.host}`];
  return !own.includes(origin);
}

/**
 * Every route requires an authenticated caller unless it is marked `config.public`. A session
 * that has not finished signing in reaches only routes marked `config.partialSession`.
 *
 * Runs in `onRequest`, before Fastify reads the body: an anonymous caller is refused before a
 * byte of a 20 MB import or a proxied call's body is buffered. State-changing requests not
 * carrying a Bearer token are refused when a browser made them from another site (CSRF).
 */
export function registerAuthentication(
  app: FastifyInstance,
  deps: { sessions: SessionStore; auth: AuthService; apiClients: ApiClientService; publicUrl?: string },
): void {
  const publicOrigin = deps.publicUrl ? new URL(deps.publicUrl).origin : undefined;
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // The portal's static files and the API documentation are public; every other /api route is not.
    const isPublic =
      config.public === true || !request.url.startsWith('/api/') || request.url.startsWith('/api/docs');
    const authorization = request.headers.authorization;
    const bearer = authorization?.startsWith('Bearer ') === true;
    if (!bearer && !SAFE_METHODS.has(request.method) && isCrossSite(request, publicOrigin))
      throw OrgErrors.error('AUTH_CROSS_SITE_REFUSED');
    if (bearer) {
      request.actor = await deps.apiClients.actorForToken((authorization as string).slice(7).trim());
    } else {
      const token = request.cookies[SESSION_COOKIE];
      const session = token ? await deps.sessions.resolve(token) : undefined;
      if (session) {
        request.session = session;
        if (session.stage === 'done') request.actor = await deps.auth.actorFor(session);
      } else if (token && !isPublic) {
        throw OrgErrors.error('AUTH_SESSION_EXPIRED');
      }
    }
    if (isPublic || request.actor) return;
    if (config.partialSession && request.session) return;
    if (request.session) throw OrgErrors.error('AUTH_SIGN_IN_INCOMPLETE', { stage: request.session.stage });
    throw CommonErrors.error('UNAUTHENTICATED');
  });
}
