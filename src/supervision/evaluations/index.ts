import type { SupervisionDeps } from '../deps.js';
import { ComplianceService } from './compliance.js';
import { ReportService } from './reports.js';
import { EvaluationService } from './service.js';

export { type ComplianceReport, ComplianceService } from './compliance.js';
export { complianceRoutes } from './compliance-routes.js';
export type { EvaluationDeps } from './deps.js';
export { evaluationMigrations } from './migrations.js';
export { EvaluationActions } from './policies.js';
export { ReportService } from './reports.js';
export { evaluationRoutes } from './routes.js';
export { EvaluationService } from './service.js';

/** Evaluations, department reports and compliance reports (R111, R112, R115–R117), from supervision's dependencies. */
export function createEvaluationServices(deps: SupervisionDeps) {
  const evaluations = new EvaluationService(deps, deps.evaluationSources);
  const reports = new ReportService(deps, deps.evaluationSources, evaluations);
  const compliance = new ComplianceService(deps, deps.evaluationSources);
  return { evaluations, reports, compliance };
}
