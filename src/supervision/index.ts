import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleMigrations } from '../platform/db/index.js';
import type { JobRunner } from '../platform/jobs/index.js';
import type { SupervisionDeps } from './deps.js';
import { indicatorMigrations } from './indicators/migrations.js';
import { indicatorRoutes } from './indicators/routes.js';
import { IndicatorService } from './indicators/service.js';

export type { IndicatorReaders, SupervisionDeps } from './deps.js';
export { SupervisionErrors } from './errors.js';
export { INDICATOR_NAMES, INDICATORS, type IndicatorName } from './indicators/definitions.js';
export { IndicatorActions } from './indicators/policies.js';
/** Every supervision table; it is the only module that owns them. */
export type { SupervisionTables } from './indicators/schema.js';
export type { IndicatorSeries } from './indicators/service.js';

/** Supervision's migrations; names sort after quality's (`2026_12_07_5xx`). */
export const supervisionMigrations: ModuleMigrations = { ...indicatorMigrations };

/** Supervision (issue 17): the daily indicators. */
export interface SupervisionServices {
  indicators: IndicatorService;
  /** Registers the daily indicators job with the platform's runner. */
  start(options: { jobs: JobRunner }): void;
}

/** Wires supervision from the other modules' read methods. */
export function createSupervisionServices(deps: SupervisionDeps): SupervisionServices {
  const indicators = new IndicatorService(deps);
  return {
    indicators,
    start({ jobs }) {
      indicators.registerJobs(jobs);
    },
  };
}

/** The supervision API under `/api/v1/supervision`. */
export const supervisionRoutes =
  (supervision: SupervisionServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(indicatorRoutes(supervision));
  };
