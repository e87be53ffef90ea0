import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { agreementRoutes } from '../agreements/routes.js';
import { complaintRoutes } from '../complaints/routes.js';
import { channelRoutes } from '../delivery/routes.js';
import { disputeRoutes } from '../disputes/routes/index.js';
import { extensionRoutes } from '../extensions/index.js';
import type { SharingServices } from '../index.js';
import { stopRoutes } from '../stops/routes.js';
import { useChangeRoutes } from '../use-changes/index.js';
import { useRecordRoutes } from '../use-records/index.js';
import { applicationRoutes } from './applications.js';
import { grantRoutes } from './grants.js';
import { noticeRoutes } from './notices.js';

/** The sharing API under `/api/v1/sharing`: applications, grants and the notice inbox. */
export const sharingRoutes =
  (
    deps: Pick<
      SharingServices,
      | 'applications'
      | 'grants'
      | 'notices'
      | 'agreements'
      | 'stops'
      | 'delivery'
      | 'disputes'
      | 'complaints'
      | 'extensions'
      | 'useChanges'
      | 'useRecords'
      | 'disposals'
    >,
  ): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(applicationRoutes(deps));
    await app.register(grantRoutes(deps));
    await app.register(noticeRoutes(deps));
    await app.register(agreementRoutes(deps));
    await app.register(stopRoutes(deps));
    await app.register(channelRoutes({ channels: deps.delivery.channels }));
    await app.register(disputeRoutes(deps.disputes));
    await app.register(complaintRoutes(deps));
    await app.register(extensionRoutes(deps));
    await app.register(useChangeRoutes(deps));
    await app.register(useRecordRoutes(deps));
  };
