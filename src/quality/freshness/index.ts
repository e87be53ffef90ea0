import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleMigrations } from '../../platform/db/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { QualityDeps } from '../deps.js';

export { FreshnessActions } from './policies.js';

// Skeleton laid for issue 16; its part of the issue replaces it. Migration names: 2026_12_07_520_quality_freshness_*.

export type FreshnessTables = Record<never, never>;

export const freshnessMigrations: ModuleMigrations = {};

export class FreshnessService {
  constructor(readonly deps: QualityDeps) {}

  /** Registers this part's background work with the platform's jobs runner. */
  registerJobs(_jobs: JobRunner): void {}
}

export const freshnessRoutes =
  (_deps: { freshness: FreshnessService }): FastifyPluginAsyncTypebox =>
  async () => {};
