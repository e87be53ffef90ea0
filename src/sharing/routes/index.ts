import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SharingServices } from '../index.js';
import { applicationRoutes } from './applications.js';
import { grantRoutes } from './grants.js';
import { noticeRoutes } from './notices.js';

/** The sharing API under `/api/v1/sharing`: applications, grants and the notice inbox. */
export const sharingRoutes =
  (deps: Pick<SharingServices, 'applications' | 'grants' | 'notices'>): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(applicationRoutes(deps));
    await app.register(grantRoutes(deps));
    await app.register(noticeRoutes(deps));
  };
