import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleMigrations } from '../../platform/db/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { QualityDeps } from '../deps.js';

export { SourceActions } from './policies.js';

// Skeleton laid for issue 16; its part of the issue replaces it. Migration names: 2026_12_07_530_quality_source_*.

export type SourceTables = Record<never, never>;

export const sourceMigrations: ModuleMigrations = {};

export class SourceService {
  constructor(readonly deps: QualityDeps) {}

  /** Registers this part's background work with the platform's jobs runner. */
  registerJobs(_jobs: JobRunner): void {}
}

export const sourceRoutes =
  (_deps: { sources: SourceService }): FastifyPluginAsyncTypebox =>
  async () => {};
