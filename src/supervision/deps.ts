import type { Kysely } from 'kysely';
import type { DepartmentUsage } from '../audit/index.js';
import type { DepartmentCatalogCounts } from '../catalog/index.js';
import type { DepartmentService, JurisdictionService } from '../org/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { AuditRecorder } from '../platform/context/index.js';
import type { DialectName } from '../platform/db/index.js';
import type { Logger } from '../platform/log/index.js';
import type { QualityServices } from '../quality/index.js';
import type { CountRange, ProviderSharingCounts } from '../sharing/index.js';
import type { AlertSources } from './alerts/deps.js';
import type { EvaluationDeps } from './evaluations/deps.js';
import type { SupervisionTables } from './indicators/schema.js';
import type { ViolationPorts } from './violations/deps.js';

/**
 * The other modules' read methods the indicators are computed from, bound by the composition root
 * (each reads its own module's tables: supervision reads none but its own).
 */
export interface IndicatorReaders {
  /** Catalog coverage and update obligations per department at the end of a day. */
  catalog(at: { day: string; dayEnd: string }): Promise<DepartmentCatalogCounts[]>;
  /** Replies and supplies per provider department in a range. */
  sharing(range: CountRange): Promise<ProviderSharingCounts[]>;
  /** Successful accesses per reading department in a range, from the audit trail. */
  usage(range: CountRange): Promise<DepartmentUsage[]>;
}

/** What supervision (issue 17) needs from the platform. */
export interface SupervisionDeps {
  db: Kysely<SupervisionTables>;
  /** Locks for work two nodes may start at once (a day's figures). */
  dialect: DialectName;
  clock: Clock;
  audit: AuditRecorder;
  departments: Pick<DepartmentService, 'list'>;
  jurisdictions: Pick<JurisdictionService, 'list' | 'get'>;
  /** Asked lazily: quality is built in the same step of the composition root. */
  quality: () => Pick<QualityServices, 'freshness' | 'scores' | 'corrections'>;
  readers: IndicatorReaders;
  /** The access trail, API clients, calendar, settings and inbox the security alerts use. */
  alertSources: AlertSources;
  /** The profile, calendar and inbox evaluations and department reports use (R111, R112). */
  evaluationSources: EvaluationDeps;
  /** The profile, calendar, case kernel, inbox and read methods violation cases use (R114). */
  violationSources: ViolationPorts;
  log: Pick<Logger, 'info' | 'warn'>;
}
