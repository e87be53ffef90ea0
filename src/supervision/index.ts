import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type ModuleMigrations, tablesOf } from '../platform/db/index.js';
import type { JobRunner } from '../platform/jobs/index.js';
import { alertMigrations } from './alerts/migrations.js';
import { alertRoutes } from './alerts/routes.js';
import { AlertService } from './alerts/service.js';
import type { SupervisionDeps } from './deps.js';
import {
  type ComplianceService,
  complianceRoutes,
  createEvaluationServices,
  type EvaluationService,
  evaluationMigrations,
  evaluationRoutes,
  type ReportService,
} from './evaluations/index.js';
import { indicatorMigrations } from './indicators/migrations.js';
import { indicatorRoutes } from './indicators/routes.js';
import { IndicatorService } from './indicators/service.js';
import {
  type CircularService,
  createViolationServices,
  type ViolationService,
  violationMigrations,
  violationRoutes,
} from './violations/index.js';

export type { AlertSources } from './alerts/deps.js';
export { registerAlertMetrics } from './alerts/metrics.js';
export { AlertActions } from './alerts/policies.js';
export type { IndicatorReaders, SupervisionDeps } from './deps.js';
export { SupervisionErrors } from './errors.js';
export { EvaluationActions, type EvaluationDeps } from './evaluations/index.js';
export { INDICATOR_NAMES, INDICATORS, type IndicatorName } from './indicators/definitions.js';
export { IndicatorActions } from './indicators/policies.js';
/** Every supervision table; it is the only module that owns them. */
export type { SupervisionTables } from './indicators/schema.js';
export type { IndicatorSeries } from './indicators/service.js';
export {
  categoriesOf,
  type SourceFact,
  type ToRectify,
  type Violation,
  ViolationActions,
  type ViolationPorts,
  type ViolationReaders,
  type ViolationTables,
} from './violations/index.js';

/** Supervision's migrations; names sort after quality's (`2026_12_07_5xx`). */
export const supervisionMigrations: ModuleMigrations = {
  ...indicatorMigrations,
  ...alertMigrations,
  ...evaluationMigrations,
  ...violationMigrations,
};

/** Supervision (issue 17): the daily indicators. */
export interface SupervisionServices {
  indicators: IndicatorService;
  /** Security alerts on the access trail (R65, R89). */
  alerts: AlertService;
  /** Evaluations of departments (R111, R115) and department self-reports (R112). */
  evaluations: EvaluationService;
  reports: ReportService;
  /** Sharing compliance reports for IT projects (R116). */
  compliance: ComplianceService;
  /** Violation cases and rectification (R114, N25); `toRectify` feeds the home page's to-do. */
  violations: ViolationService;
  /** Published circulars (通报, N20). */
  circulars: CircularService;
  /** Registers the daily indicators job with the platform's runner. */
  start(options: { jobs: JobRunner }): void;
}

/** Wires supervision from the other modules' read methods. */
export function createSupervisionServices(deps: SupervisionDeps): SupervisionServices {
  const indicators = new IndicatorService(deps);
  const alerts = new AlertService({ ...deps, db: tablesOf(deps.db), sources: deps.alertSources });
  const { evaluations, reports, compliance } = createEvaluationServices(deps);
  const violationServices = createViolationServices({
    ...deps.violationSources,
    db: tablesOf(deps.db),
    clock: deps.clock,
    audit: deps.audit,
    log: deps.log,
  });
  return {
    indicators,
    alerts,
    evaluations,
    reports,
    compliance,
    violations: violationServices.violations,
    circulars: violationServices.circulars,
    start({ jobs }) {
      violationServices.registerJobs(jobs);
      indicators.registerJobs(jobs);
      alerts.registerJobs(jobs);
      reports.registerJobs(jobs);
    },
  };
}

/** The supervision API under `/api/v1/supervision`. */
export const supervisionRoutes =
  (supervision: SupervisionServices): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(indicatorRoutes(supervision));
    await app.register(alertRoutes(supervision));
    await app.register(evaluationRoutes(supervision));
    await app.register(complianceRoutes(supervision.compliance));
    await app.register(violationRoutes(supervision));
  };
