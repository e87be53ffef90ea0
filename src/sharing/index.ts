import type { CatalogService, ProviderLookup } from '../catalog/index.js';
import type { CalendarService, DeadlineService } from '../platform/calendar/index.js';
import type { SecretBox } from '../platform/crypto/index.js';
import type { Logger } from '../platform/log/index.js';
import { AgreementService } from './agreements/service.js';
import { ApplicationService } from './applications.js';
import { type SharingCaseDeps, type SharingCaseKernel, sharingCaseKernel } from './cases.js';
import { ComplaintService } from './complaints/service.js';
import { createDeliveryServices, type DeliveryServices } from './delivery/index.js';
import { createDisputeServices, type DisputeServices } from './disputes/index.js';
import { type AccountableLookup, type AuthorityLookup, OverdueEscalation } from './escalation.js';
import { ExtensionService } from './extensions/index.js';
import { GrantService } from './grants.js';
import { NoticeService } from './notices.js';
import type { ApplicationRestrictions } from './restrictions.js';
import { SharingScheduler } from './scheduler.js';
import { StopService } from './stops/service.js';
import { sharingMigrations as grantAndSupplyMigrations } from './supply/index.js';
import { SupplyService } from './supply/service.js';
import { UseChangeService, useChangeMigrations } from './use-changes/index.js';
import { DisposalService, UseRecordService, useRecordMigrations } from './use-records/index.js';

export { accessDecision, replyPeriod } from './access-flow.js';
export { agreementMigrations } from './agreements/migrations.js';
export type { AgreementTables } from './agreements/schema.js';
export { AgreementService } from './agreements/service.js';
export { type ApplicationDetail, ApplicationService, REPLY_SUBJECT } from './applications.js';
export {
  authorityRole,
  ownPartyRole,
  partyRole,
  type SharingCaseKernel,
  sharingCaseKernel,
} from './cases.js';
export { ComplaintService, type ComplaintTables, complaintMigrations } from './complaints/index.js';
export type { SharingDb, SharingModuleTables } from './db.js';
export { type DeliveryServices, type DeliveryTables, deliveryMigrations } from './delivery/index.js';
export { SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from './delivery/schema.js';
export { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './delivery/transports.js';
export { type DisputeServices, type DisputeTables, disputeMigrations } from './disputes/index.js';
export { GRANT_REFUSALS, SharingErrors } from './errors.js';
export { type AccountableLookup, OverdueEscalation, type OverdueItem } from './escalation.js';
export { type ExtensionTables, extensionMigrations } from './extensions/index.js';
export { type AccessAnswer, type AccessQuestion, GrantService } from './grants.js';
export * from './model.js';
export { type Notice, type NoticeInput, NoticeService, type Recipient } from './notices.js';
export { SharingActions } from './policies.js';
export {
  type ApplicationRestrictions,
  RestrictionErrors,
  type RestrictionInfo,
} from './restrictions.js';
export { sharingRoutes } from './routes/index.js';
export { SharingScheduler, type SweepResult, type SweepStep } from './scheduler.js';
export type { SharingTables } from './schema.js';
export { type AnsweredApplication, applicationActivity, type MadeApplication } from './statistics.js';
export type { StopTables } from './stops/schema.js';
export { StopService } from './stops/service.js';
/** The sharing tables' migrations: grants with their supply columns (N12), use changes (N14), use records and disposals (N16, N21). */
export const sharingMigrations = {
  ...grantAndSupplyMigrations,
  ...useChangeMigrations,
  ...useRecordMigrations,
};
export type { UseChangeTables } from './use-changes/index.js';
export type { UseRecordTables } from './use-records/index.js';

export interface SharingServices {
  applications: ApplicationService;
  grants: GrantService;
  notices: NoticeService;
  scheduler: SharingScheduler;
  /** Agreements filed with the authority (R35). */
  agreements: AgreementService;
  /** Stopping a resource, filed in advance (R11). */
  stops: StopService;
  /** E-mail and webhook delivery of notices, after commit. */
  delivery: DeliveryServices;
  /** Negotiation, coordination and out-of-catalog demands (R34, R37, R38). */
  disputes: DisputeServices;
  /** Complaints to the authority, answered in writing (R118). */
  complaints: ComplaintService;
  /** Reply extensions asked by the provider, decided by the authority (809 第二十一条第一款). */
  extensions: ExtensionService;
  /** Widening the use, another purpose, a third party: the provider's consent (N14, 809 第二十五条). */
  useChanges: UseChangeService;
  /** The requester's use records, kept at least 3 years (N21, 809 第二十九条第二款). */
  useRecords: UseRecordService;
  /** Disposal required by the provider, recorded by the requester (N16, 809 第二十七条第一款). */
  disposals: DisposalService;
  /** The case kernel bound to the sharing timeline, audit trail and inbox, for case types declared elsewhere. */
  cases: SharingCaseKernel;
  /** Overdue items told to the responsible department's sharing-office head (N01/R128, N12). */
  escalation: OverdueEscalation;
}

/** What the sharing module is built with: a case service's base but the notices, which it builds itself. */
export interface SharingServicesDeps extends Omit<SharingCaseDeps, 'notices'> {
  catalog: Pick<CatalogService, 'get'>;
  departments: ProviderLookup;
  calendar: Pick<CalendarService, 'calendar'>;
  deadlines: Pick<DeadlineService, 'set'>;
  reminderWorkingDays?: number;
  /** Seals webhook secrets. */
  box: SecretBox;
  smtp: { url: string; from: string } | undefined;
  publicUrl: string;
  /** Networks beyond the public internet that notice webhooks may reach. */
  outboundAllowedNetworks?: () => readonly string[];
  /** Where notice delivery logs the failed attempts it retries. */
  log: Logger;
  /** Names 本级人民政府 for a dispute referred to the government (N19). */
  jurisdictions?: { get(id: string): Promise<{ name: string }> };
  /** The department's head, officer and office: whom an overdue item escalates to (R128). */
  accountable: AccountableLookup;
  /** The competent authority's department over a jurisdiction, when the authority is overdue (N06, N19). */
  authorityOver?: AuthorityLookup;
  /** R71: restrictions of late departments' new applications, kept by data quality. */
  restrictions?: ApplicationRestrictions;
}

/**
 * Wires the sharing workflow: notices first (every step tells someone), grants, then the
 * applications that create them, and the scheduler that watches their deadlines.
 *
 * @example const sharing = createSharingServices({ db, dialect, audit, clock, profile, catalog, departments, calendar, deadlines });
 */
export function createSharingServices(deps: SharingServicesDeps): SharingServices {
  const delivery = createDeliveryServices(deps);
  const notices = new NoticeService({ db: deps.db, clock: deps.clock, outbox: delivery.outbox });
  const escalation = new OverdueEscalation({ ...deps, notices });
  const supply = new SupplyService({ ...deps, notices, escalation });
  const grants = new GrantService({ ...deps, notices, supply });
  const applications = new ApplicationService({ ...deps, grants, notices });
  const scheduler = new SharingScheduler({ ...deps, notices, escalation });
  const agreements = new AgreementService({ ...deps, grants, notices });
  const stops = new StopService({ ...deps, notices });
  scheduler.register('stops', (now) => stops.sweep(now));
  scheduler.register('supply', (now) => supply.sweep(now));
  const disputes = createDisputeServices({ ...deps, grants, notices, escalation });
  scheduler.register('disputes', async (now) => {
    const swept = await disputes.disputeScheduler.sweep(now);
    return swept.dueSoon + swept.overdue;
  });
  const complaints = new ComplaintService({ ...deps, grants, notices, escalation });
  // N17: a suspension not rectified by its date ends in termination (809 第二十七条第二款).
  scheduler.register('rectification', (now) => complaints.rectification.sweep(now));
  const cases = sharingCaseKernel({ ...deps, notices });
  const extensions = new ExtensionService({ ...deps, notices });
  const useChanges = new UseChangeService({ ...deps, notices });
  const useRecords = new UseRecordService(deps);
  const disposals = new DisposalService({ ...deps, notices, escalation });
  scheduler.register('disposals', (now) => disposals.sweep(now));
  return {
    applications,
    grants,
    notices,
    scheduler,
    agreements,
    stops,
    delivery,
    disputes,
    complaints,
    extensions,
    useChanges,
    useRecords,
    disposals,
    cases,
    escalation,
  };
}
export { type CountRange, type ProviderSharingCounts, sharingIndicatorCounts } from './indicator-counts.js';
export {
  missingDisposals,
  overdueReplies,
  overdueSupplies,
  type SharingBreach,
  upheldMisuse,
} from './violation-facts.js';
