import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditContext } from '../../audit/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { ApiClientService } from '../api-clients.js';
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

/**
 * Every route requires an authenticated caller unless it is marked `config.public`. A session
 * that has not finished signing in reaches only routes marked `config.partialSession`.
 */
export function registerAuthentication(
  app: FastifyInstance,
  deps: { sessions: SessionStore; auth: AuthService; apiClients: ApiClientService },
): void {
  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config;
    // The portal's static files and the API documentation are public; every other /api route is not.
    const isPublic =
      config.public === true || !request.url.startsWith('/api/') || request.url.startsWith('/api/docs');
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await deps.apiClients.actorForToken(authorization.slice(7).trim());
    } else {
      const token = request.cookies[SESSION_COOKIE];
      const session = token ? await deps.sessions.resolve(token) : undefined;
      if (session) {
        request.session = session;
        if (session.stage === 'done') request.actor = await deps.auth.actorFor(session);
      } else if (token && !isPublic) {
        throw new AppError('AUTH_SESSION_EXPIRED');
      }
    }
    if (isPublic || request.actor) return;
    if (config.partialSession && request.session) return;
    if (request.session) throw new AppError('AUTH_SIGN_IN_INCOMPLETE', { stage: request.session.stage });
    throw new AppError('UNAUTHENTICATED');
  });
}
