import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/context/index.js';
import { CommonErrors } from '../../platform/errors/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook when the request carries a valid session or access token. */
    actor?: Actor;
  }
  interface FastifyContextConfig {
    /** The route is reachable by a session that has not finished signing in (password change, TOTP). */
    partialSession?: boolean;
  }
}

/** The authenticated actor of a request; the authentication hook has already refused anonymous calls. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw CommonErrors.error('UNAUTHENTICATED');
  return request.actor;
}
