import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DemandService } from '../demands.js';
import type { DisputeService } from '../disputes.js';
import { demandRoutes } from './demands.js';
import { disputeCaseRoutes } from './disputes.js';

/** `/api/v1/sharing/disputes` and `/api/v1/sharing/demands`. */
export const disputeRoutes =
  (deps: { disputes: DisputeService; demands: DemandService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(disputeCaseRoutes(deps));
    await app.register(demandRoutes(deps));
  };
