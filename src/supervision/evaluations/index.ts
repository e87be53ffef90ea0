import type { SupervisionDeps } from '../deps.js';
import { ReportService } from './reports.js';
import { EvaluationService } from './service.js';

export type { EvaluationDeps } from './deps.js';
export { evaluationMigrations } from './migrations.js';
export { EvaluationActions } from './policies.js';
export { ReportService } from './reports.js';
export { evaluationRoutes } from './routes.js';
export { EvaluationService } from './service.js';

/** Evaluations and department reports (R111, R112, R115, R117), from supervision's dependencies. */
export function createEvaluationServices(deps: SupervisionDeps) {
  const evaluations = new EvaluationService(deps, deps.evaluationSources);
  const reports = new ReportService(deps, deps.evaluationSources, evaluations);
  return { evaluations, reports };
}
