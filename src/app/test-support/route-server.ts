import type { Role } from '../../org/roles.js';
import type { Actor } from '../../platform/context/index.js';
import { createHttpServer, type HttpServer } from '../../platform/http/index.js';

/**
 * An HTTP server for route tests: the real plumbing, with authentication replaced by an
 * `x-test-roles` header (no header: anonymous, refused like the real hook does).
 */
export async function createTestServer(): Promise<HttpServer> {
  const app = await createHttpServer({ bodyLimitBytes: 1 << 20, logger: false, version: 'test' });
  app.addHook('onRequest', async (request) => {
    const roles = request.headers['x-test-roles'];
    if (typeof roles !== 'string') return;
    const actor: Actor = {
      kind: 'user',
      id: `user-${roles}`,
      name: roles,
      departmentId: 'dept-1',
      jurisdictionPath: '/410000/411300/411325/',
      roles: roles.split(',') as Role[],
    };
    request.actor = actor;
  });
  return app;
}
