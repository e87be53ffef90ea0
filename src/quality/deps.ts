import type { Kysely } from 'kysely';
import type { AuditTrail } from '../audit/index.js';
import type { CatalogService, ProviderLookup } from '../catalog/index.js';
import type { ExchangeServices } from '../exchange/index.js';
import type { CalendarService, DeadlineService } from '../platform/calendar/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { DialectName } from '../platform/db/index.js';
import type { Logger } from '../platform/log/index.js';
import type { Profile } from '../platform/profiles/index.js';
import type { SharingServices } from '../sharing/index.js';
import type { CorrectionTables } from './corrections/index.js';
import type { FreshnessTables } from './freshness/index.js';
import type { ScoreTables } from './scores/index.js';
import type { SourceTables } from './sources/index.js';

/** Every table of the quality module: each part's own. */
export type QualityTables = CorrectionTables & FreshnessTables & SourceTables & ScoreTables;

/** The quality module's own handle or transaction: the composition root hands its services this view. */
export type QualityDb = Kysely<QualityTables>;

/**
 * What data quality (issue 16) needs from the rest of the platform, passed from the composition
 * root. Quality sits above the exchange: it reads hosted data and the change log through the
 * exchange's services, runs its cases on sharing's case kernel (`sharing.cases`: timeline, audit,
 * inbox) and tells departments through sharing's notices. Nothing below imports quality; where the
 * exchange must ask quality (records under verification), it asks through a port the composition
 * root binds.
 */
export interface QualityDeps {
  db: QualityDb;
  dialect: DialectName;
  clock: Clock;
  audit: AuditTrail;
  /** The effective profile in force (local on top of national): periods, routing, freshness rules. */
  profile: Profile;
  calendar: CalendarService;
  deadlines: DeadlineService;
  departments: ProviderLookup;
  catalog: CatalogService;
  sharing: SharingServices;
  exchange: ExchangeServices;
  /** Where background work logs the failures it continues past. */
  log: Logger;
}
