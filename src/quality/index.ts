import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleMigrations } from '../platform/db/index.js';
import type { JobRunner } from '../platform/jobs/index.js';
import { CorrectionService, correctionMigrations, correctionRoutes } from './corrections/index.js';
import type { QualityDeps } from './deps.js';
import { FreshnessService, freshnessMigrations, freshnessRoutes } from './freshness/index.js';
import { ScoreService, scoreMigrations, scoreRoutes } from './scores/index.js';
import { SourceService, sourceMigrations, sourceRoutes } from './sources/index.js';

export { CorrectionActions } from './corrections/index.js';
export type { QualityDb, QualityDeps, QualityTables } from './deps.js';
export { FreshnessActions } from './freshness/index.js';
export { overdueVerifications, type QualityBreach, staleResources } from './violation-facts.js';

/** Every quality table's migrations; names sort after the exchange's (`2026_12_07_5xx`). */
export const qualityMigrations: ModuleMigrations = {
  ...correctionMigrations,
  ...freshnessMigrations,
  ...sourceMigrations,
  ...scoreMigrations,
};

/** Data quality (issue 16): verification and correction, freshness, one data one source. */
export interface QualityServices {
  /** Verification and correction requests (校核纠错, 809 第二十六条, R80–R84, R134). */
  corrections: CorrectionService;
  /** Freshness against the declared update cycle (R16, R68–R73). */
  freshness: FreshnessService;
  /** One data, one source (一数一源, 809 第十九条, R76–R79): the registry, duplicates and conflicts. */
  sources: SourceService;
  /** Quality scores per resource and department: completeness, validity, agreement (R111 feeds on them). */
  scores: ScoreService;
  /** Registers the module's background work with the platform's jobs runner. */
  start(options: { jobs: JobRunner }): void;
}

/** Wires data quality: each part is built with the same dependencies. */
export function createQualityServices(deps: QualityDeps): QualityServices {
  const corrections = new CorrectionService(deps);
  const freshness = new FreshnessService(deps);
  const sources = new SourceService({ ...deps, corrections });
  const scores = new ScoreService(deps);
  return {
    corrections,
    freshness,
    sources,
    scores,
    start({ jobs }) {
      corrections.registerJobs(jobs);
      freshness.registerJobs(jobs);
      sources.registerJobs(jobs);
      scores.registerJobs(jobs);
    },
  };
}

/** The quality API under `/api/v1/quality`. */
export const qualityRoutes =
  (quality: QualityServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(correctionRoutes(quality));
    await app.register(freshnessRoutes(quality));
    await app.register(sourceRoutes(quality));
    await app.register(scoreRoutes(quality));
  };
