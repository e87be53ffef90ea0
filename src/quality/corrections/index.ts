import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleMigrations } from '../../platform/db/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { QualityDeps } from '../deps.js';

export { CorrectionActions } from './policies.js';

// Skeleton laid for issue 16; its part of the issue replaces it. Migration names: 2026_12_07_510_quality_correction_*.

export type CorrectionTables = Record<never, never>;

export const correctionMigrations: ModuleMigrations = {};

export class CorrectionService {
  constructor(readonly deps: QualityDeps) {}

  /** Of the given records of the resource, those an open verification request names (R83). */
  async underVerification(_entryId: string, _keys: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set();
  }

  /** Whether an open verification request names the resource as a whole. */
  async resourceUnderVerification(_entryId: string): Promise<boolean> {
    return false;
  }

  /** Registers this part's background work with the platform's jobs runner. */
  registerJobs(_jobs: JobRunner): void {}
}

export const correctionRoutes =
  (_deps: { corrections: CorrectionService }): FastifyPluginAsyncTypebox =>
  async () => {};
