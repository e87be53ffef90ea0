import '../policies.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock/index.js';
import { TraceQuery, type TraceQueryDeps } from '../query.js';
import { AccessReports, type ResourceDirectory } from '../report.js';
import { ChainStatusView, type Verification } from '../report-chain.js';
import { reportRoutes } from './reports.js';
import { statusRoutes } from './status.js';
import { traceRoutes } from './trace.js';

export interface AuditViewDeps extends TraceQueryDeps {
  clock: Clock;
  /** The audit core's verifier over the live store and archives. */
  verify: () => Promise<Verification>;
  /** Which resources a department provides (the catalog answers); absent until it is wired. */
  resources?: ResourceDirectory | undefined;
}

/** Every auditor view: trace search and export, access reports, chain and exchange status. */
export const auditViewRoutes =
  (deps: AuditViewDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(traceRoutes({ trace: new TraceQuery(deps) }));
    await app.register(reportRoutes({ reports: new AccessReports(deps) }));
    await app.register(statusRoutes({ chain: new ChainStatusView(deps), exchange: deps }));
  };
