import type { OverdueEscalation } from '../escalation.js';
import { DemandService } from './demands.js';
import { DisputeService, type DisputeServiceDeps } from './disputes.js';
import { DisputeScheduler } from './sweep.js';

export { DemandService } from './demands.js';
export { DisputeService, type DisputeServiceDeps } from './disputes.js';
export { DisputeErrors } from './errors.js';
export { disputeMigrations } from './migrations.js';
export * from './model.js';
export { disputeRoutes } from './routes/index.js';
export type { DisputeTables } from './schema.js';
export { DisputeScheduler, type DisputeSweepResult } from './sweep.js';

export interface DisputeServices {
  disputes: DisputeService;
  demands: DemandService;
  disputeScheduler: DisputeScheduler;
}

/**
 * Negotiation / coordination cases, out-of-catalog demands and the sweep of their deadlines,
 * built on the sharing services' grants and notices.
 *
 * @example const { disputes, demands, disputeScheduler } = createDisputeServices({ ...deps, grants, notices });
 */
export function createDisputeServices(
  deps: DisputeServiceDeps & {
    reminderWorkingDays?: number | undefined;
    escalation: Pick<OverdueEscalation, 'escalate' | 'escalateToAuthority'>;
  },
): DisputeServices {
  return {
    disputes: new DisputeService(deps),
    demands: new DemandService(deps),
    disputeScheduler: new DisputeScheduler(deps),
  };
}
