import { join } from 'node:path';
import { type AuditTables, AuditTrail, loadAuditKeys, usageByDepartment } from '../audit/index.js';
import {
  CatalogSearch,
  CatalogSearchIndex,
  type CatalogSearchTables,
  CatalogService,
  type CatalogTables,
  catalogIndicatorCounts,
  type DepartmentNameLookup,
  EditionService,
  ObligationService,
  type ProviderLookup,
} from '../catalog/index.js';
import {
  createExchangeServices,
  type ExchangeDeps,
  type ExchangeServices,
  type ExchangeTables,
} from '../exchange/index.js';
import {
  ApiClientService,
  AuthService,
  DepartmentService,
  JurisdictionService,
  type OrgTables,
  SessionStore,
  UserService,
} from '../org/index.js';
import {
  type CalendarService,
  type CalendarTables,
  createCalendarServices,
  type DeadlineService,
} from '../platform/calendar/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { PlatformConfig } from '../platform/config/index.js';
import { SecretBox } from '../platform/crypto/index.js';
import { type Storage, tablesOf } from '../platform/db/index.js';
import { JobRunner } from '../platform/jobs/index.js';
import type { Logger } from '../platform/log/index.js';
import {
  loadEffectiveProfile,
  loadProfile,
  type Profile,
  ProfileErrors,
} from '../platform/profiles/index.js';
import { Settings } from '../platform/settings/index.js';
import { createQualityServices, type QualityServices, type QualityTables } from '../quality/index.js';
import { SealService, type SealTables, SnapshotService, type SnapshotTables } from '../seal/index.js';
import {
  createSharingServices,
  type SharingModuleTables,
  type SharingServices,
  sharingIndicatorCounts,
} from '../sharing/index.js';
import {
  createSupervisionServices,
  type SupervisionServices,
  type SupervisionTables,
} from '../supervision/index.js';
import { bindAlertSources } from './alert-sources.js';
import type { Database } from './database.js';
import { openMasterKey } from './master-key.js';
import { bindViolationReaders } from './violation-sources.js';

export interface Services {
  settings: Settings;
  audit: AuditTrail;
  jurisdictions: JurisdictionService;
  departments: DepartmentService;
  users: UserService;
  auth: AuthService;
  sessions: SessionStore;
  apiClients: ApiClientService;
  calendar: CalendarService;
  deadlines: DeadlineService;
  /** The catalog's full-text index; the catalog service reindexes an entry in each change's transaction. */
  catalogSearchIndex: CatalogSearchIndex;
  catalogSearch: CatalogSearch;
  catalog: CatalogService;
  catalogObligations: ObligationService;
  catalogEditions: EditionService;
  /** Applications, grants, notices and the deadline sweep (issue 5). */
  sharing: SharingServices;
  /** The background jobs: retention, checkpoints, sweeps, delivery, push poll, node watch (issue 14). */
  jobs: JobRunner;
  /** Hosted data, the read gateway, proxied services, subscriptions and nodes (issue 6). */
  exchange: ExchangeServices;
  /** Verification and correction, freshness, one data one source (issue 16). */
  quality: QualityServices;
  /** Supervision indicators, computed daily from the modules above (issue 17). */
  supervision: SupervisionServices;
  /** Department electronic seals: issue, rotate, revoke, seal and verify documents (issue 19). */
  seal: SealService;
  /** Data snapshots of key queries of document- and licence-type resources (issue 19; R107). */
  snapshots: SnapshotService;
}

/** What every step of the composition root works with: the configuration, open storage, time and the log. */
export interface PlatformContext {
  config: PlatformConfig;
  storage: Storage<Database>;
  clock: Clock;
  /** The platform's one logger (Fastify's too); modules get a child bound to their name. */
  log: Logger;
}

export interface BuiltServices extends PlatformContext {
  services: Services;
  /** The policy profile this instance was created with. */
  profileId: string;
  /** The effective profile it runs on (local on top of national, R123). */
  profile: Profile;
  /** The exchange's dependencies, shared by its services and its routes. */
  exchangeDeps: ExchangeDeps;
}

/**
 * Every service of the platform on migrated storage, with explicit dependencies and no HTTP.
 * Services built in the same object ask each other lazily (exchange asks sharing's grants,
 * the catalog asks sharing on a reduction), so the order below is free of cycles.
 */
export async function buildServices(context: PlatformContext): Promise<BuiltServices> {
  const { config, storage, clock, log } = context;
  const db = storage.db;
  // Each module gets the view of the schema it owns (its tables plus the audit trail it writes).
  const orgDb = tablesOf<OrgTables>(db);
  const catalogDb = tablesOf<CatalogTables>(db);
  const settings = new Settings(tablesOf(db));
  const masterKey = await openMasterKey({ dataDir: config.dataDir, settings, suite: config.cryptoSuite });
  const box = new SecretBox(masterKey, config.cryptoSuite);
  const profileId = await selectedProfile(settings, config);
  const auditKeys = await loadAuditKeys(settings, box, config.cryptoSuite);
  const audit = await AuditTrail.open({
    db: tablesOf<AuditTables>(db),
    dialect: storage.dialect,
    clock,
    keys: auditKeys,
    checkpoint: { entries: config.audit.checkpointEntries, seconds: config.audit.checkpointSeconds },
    archiveDir: join(config.dataDir, 'audit-archive'),
    // The jobs runner signs checkpoints (`audit.checkpoint`), with failures logged.
    checkpointTimer: false,
  });
  const sessions = new SessionStore(tablesOf(db), clock, config.session, config.cryptoSuite);
  const { calendar, deadlines } = createCalendarServices({
    storage: { db: tablesOf<CalendarTables>(db) },
    clock,
  });
  const departments = new DepartmentService(orgDb, audit, clock);
  // The catalog and its index read the provider inside their own transactions.
  const providerLookup: ProviderLookup = (executor, id) => departments.lookup(id, executor);
  const departmentName: DepartmentNameLookup = async (executor, id) =>
    (await departments.lookup(id, executor))?.name;
  // The instance's policy profile, read once: every module takes its numbers from it. It is the
  // effective profile: the local one on top of 政务数据共享条例 (国务院令第809号), R123.
  const profile = loadEffectiveProfile(profileId);
  // R107: snapshots are signed with the platform key that signs the audit chain's checkpoints.
  const snapshots = new SnapshotService({
    db: tablesOf<SnapshotTables & CatalogTables>(db),
    audit,
    clock,
    signer: auditKeys.signer,
    departments: (id, executor) => departments.lookup(id, executor),
  });
  const exchangeDeps: ExchangeDeps = {
    db: tablesOf<ExchangeTables>(db),
    dialect: storage.dialect,
    audit,
    clock,
    // Asked lazily: the sharing services are built in the same object.
    grants: { check: (question, executor) => services.sharing.grants.check(question, executor) },
    notices: { send: (trx, notice) => services.sharing.notices.send(trx, notice) },
    catalog: { get: (actor, id, executor) => services.catalog.get(actor, id, executor) },
    departments: providerLookup,
    box,
    cryptoSuite: config.cryptoSuite,
    config: config.exchange,
    workDir: join(config.dataDir, 'exchange'),
    log: log.child({ module: 'exchange' }),
    // Guangzhou Art.23 ¶2 (`features.snapshots`): key queries of 文书类/证照类 fix a snapshot (R107).
    ...(profile.features.snapshots.value ? { snapshots } : {}),
    // Asked lazily: quality, built last, keeps the verification requests (R83).
    verification: {
      underVerification: (entryId, keys) => services.quality.corrections.underVerification(entryId, keys),
      resourceUnderVerification: (entryId) => services.quality.corrections.resourceUnderVerification(entryId),
    },
    // Asked lazily: the seal service (issue 19) signs 文书类/证照类 records as they are written (R106);
    // Guangzhou's `features.eSeal` refuses a write by a department without a seal in force.
    sealer: {
      required: profile.features.eSeal.value,
      signerFor: (departmentId, executor) => services.seal.signerFor(departmentId, executor),
    },
  };
  const base: Omit<Services, 'quality' | 'supervision'> = {
    jobs: new JobRunner({ db, dialect: storage.dialect, clock, log: log.child({ module: 'jobs' }) }),
    exchange: createExchangeServices(exchangeDeps),
    catalogObligations: new ObligationService({
      db: catalogDb,
      audit,
      clock,
      calendar,
      deadlines,
      departments: providerLookup,
      profile,
      // Asked lazily: R128, an overdue obligation escalates through the inbox to the head.
      escalate: (trx, item) => services.sharing.escalation.escalate(trx, item),
    }),
    catalogEditions: new EditionService({
      db: catalogDb,
      audit,
      clock,
      catalog: { listPublished: (executor) => services.catalog.listPublished(executor) },
      cryptoSuite: config.cryptoSuite,
    }),
    catalogSearchIndex: new CatalogSearchIndex({ departmentName }),
    catalogSearch: new CatalogSearch({ db: tablesOf<CatalogSearchTables>(db) }),
    catalog: new CatalogService({
      db: catalogDb,
      dialect: storage.dialect,
      audit,
      clock,
      // Asked lazily: the department service is built in this same object.
      departments: providerLookup,
      search: { reindex: (trx, id) => services.catalogSearchIndex.reindex(trx, id) },
      profile,
      networkZone: config.networkZone,
      // Asked lazily: N06/R128, an overdue review escalates to the authority department's head.
      escalateToAuthority: (trx, path, item) =>
        services.sharing.escalation.escalateToAuthority(trx, path, item),
      // R11: an approved reduction is recorded and told to every department holding a grant on it.
      onReduction: async (trx, event) => {
        const holders = await services.sharing.grants.noticeReduction(trx, event);
        await audit.record(
          trx,
          {},
          {
            action: 'catalog.reduction',
            targetType: 'catalog_entry',
            targetId: event.entryId,
            detail: { ...event, noticedHolders: holders },
          },
        );
      },
    }),
    sharing: createSharingServices({
      db: tablesOf<SharingModuleTables>(db),
      dialect: storage.dialect,
      audit,
      clock,
      profile,
      // Asked lazily: the catalog service is built in this same object.
      catalog: { get: (actor, id, executor) => services.catalog.get(actor, id, executor) },
      departments: providerLookup,
      calendar,
      deadlines,
      box,
      smtp: config.smtp,
      publicUrl: config.publicUrl,
      outboundAllowedNetworks: () => config.exchange.serviceAllowedNetworks,
      log: log.child({ module: 'sharing' }),
      // Asked lazily: names 本级人民政府 of a dispute referred to the government (N19).
      jurisdictions: { get: (id) => services.jurisdictions.get(id) },
      // R128: an overdue item escalates to the department's sharing-office head.
      accountable: (id, executor) => departments.accountable(id, executor),
      // N06/N19: where the overdue party is the authority, its department over the jurisdiction.
      authorityOver: (path, executor) => departments.authorityOver(path, executor),
      // Asked lazily: R71, quality (built last) keeps the restrictions of late departments.
      restrictions: {
        restricted: (departmentId, executor) => services.quality.freshness.restricted(departmentId, executor),
      },
    }),
    calendar,
    deadlines,
    settings,
    audit,
    sessions,
    seal: new SealService({
      db: tablesOf<SealTables>(db),
      dialect: storage.dialect,
      audit,
      clock,
      box,
      cryptoSuite: config.cryptoSuite,
      departments: (id, executor) => departments.lookup(id, executor),
    }),
    snapshots,
    jurisdictions: new JurisdictionService(orgDb, audit, clock),
    departments,
    // Org tells account owners and auditors through the inbox without importing sharing.
    users: new UserService(orgDb, audit, clock, {
      send: (trx, notice) => services.sharing.notices.send(trx, notice),
    }),
    auth: new AuthService(orgDb, sessions, audit, clock, box, config.login),
    apiClients: new ApiClientService(orgDb, audit, clock, settings, box, {
      issuer: config.publicUrl,
      ttlSeconds: config.apiToken.ttlSeconds,
    }),
  };
  // Quality sits on top of the modules above: built last, from them.
  const services: Services = Object.assign(base, {
    quality: createQualityServices({
      db: tablesOf<QualityTables>(db),
      dialect: storage.dialect,
      clock,
      audit,
      profile,
      calendar,
      deadlines,
      departments: providerLookup,
      catalog: base.catalog,
      sharing: base.sharing,
      exchange: base.exchange,
      log: log.child({ module: 'quality' }),
    }),
    // Supervision reads every module through its own read methods; quality is asked lazily.
    supervision: createSupervisionServices({
      db: tablesOf<SupervisionTables>(db),
      dialect: storage.dialect,
      clock,
      audit,
      departments,
      jurisdictions: base.jurisdictions,
      quality: () => services.quality,
      readers: {
        catalog: (at) => catalogIndicatorCounts(catalogDb, at),
        sharing: (range) => sharingIndicatorCounts(tablesOf<SharingModuleTables>(db), range),
        usage: (range) => usageByDepartment(tablesOf<AuditTables>(db), range),
      },
      alertSources: bindAlertSources({
        db,
        settings,
        calendar,
        departments,
        apiClients: base.apiClients,
        notices: () => services.sharing.notices,
      }),
      // Evaluations and department reports (R111, R112): the profile's scheme, working days, the inbox.
      evaluationSources: {
        dialect: storage.dialect,
        profile,
        calendar,
        notices: { send: (trx, notice) => services.sharing.notices.send(trx, notice) },
      },
      // Violation cases (R114): sharing's case kernel and inbox, asked lazily; the modules' read methods.
      violationSources: {
        profile,
        calendar,
        deadlines,
        cases: () => services.sharing.cases,
        notices: () => services.sharing.notices,
        departments: (id, executor) => departments.lookup(id, executor),
        readers: bindViolationReaders(storage, clock),
      },
      log: log.child({ module: 'supervision' }),
    }),
  });
  return { ...context, services, profileId, profile, exchangeDeps };
}

/**
 * The profile this instance runs under: stored at the first start (from GOVSHARE_PROFILE, or
 * `national`), changed afterwards only by `govshare profile set` (audited). A GOVSHARE_PROFILE
 * naming another profile than the stored one is refused, not silently ignored.
 */
async function selectedProfile(settings: Settings, config: PlatformConfig): Promise<string> {
  const stored = await settings.get('profile');
  if (stored !== undefined) {
    if (config.profileRequested && config.profile !== stored)
      throw ProfileErrors.error('PROFILE_SELECTION_CHANGED', { stored, requested: config.profile });
    return stored;
  }
  loadProfile(config.profile); // an unknown or broken profile stops the first start before it is stored
  return settings.getOrInit('profile', () => config.profile);
}
