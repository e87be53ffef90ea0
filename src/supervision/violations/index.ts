import type { Kysely } from 'kysely';
import type { JobRunner } from '../../platform/jobs/index.js';
import { CircularService } from './circulars.js';
import type { ViolationDeps } from './deps.js';
import { registerViolationJobs } from './detection.js';
import type { ViolationTables } from './schema.js';
import { ViolationService } from './service.js';

export { ViolationCase } from './case.js';
export { categoriesOf, categoryFor, nationalCategories, type ViolationCategory } from './categories.js';
export { CircularService } from './circulars.js';
export type { SourceFact, ViolationDeps, ViolationPorts, ViolationReaders } from './deps.js';
export { detectViolations } from './detection.js';
export { ViolationErrors } from './errors.js';
export { violationMigrations } from './migrations.js';
export { ViolationActions } from './policies.js';
export { violationRoutes } from './routes.js';
export type { SourceKind, ViolationTables } from './schema.js';
export type { ToRectify, Violation } from './schemas.js';
export { ViolationService } from './service.js';

/** Violations and circulars (issue 17; R114, N20, N25): the services and their daily job. */
export interface ViolationServices {
  violations: ViolationService;
  circulars: CircularService;
  registerJobs(jobs: JobRunner): void;
}

export function createViolationServices(deps: ViolationDeps): ViolationServices {
  const violations = new ViolationService(deps);
  const circulars = new CircularService({ db: deps.db as Kysely<ViolationTables>, audit: deps.audit });
  return {
    violations,
    circulars,
    registerJobs: (jobs) => registerViolationJobs(jobs, deps, violations),
  };
}
