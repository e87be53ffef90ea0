import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuditTrail } from '../audit/index.js';
import type { CatalogService, ProviderLookup } from '../catalog/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { CryptoSuite, ExchangeConfig } from '../platform/config/index.js';
import type { SecretBox } from '../platform/crypto/index.js';
import type { DialectName, ModuleMigrations } from '../platform/db/index.js';
import type { JobRunner } from '../platform/jobs/index.js';
import type { Logger } from '../platform/log/index.js';
import type { GrantService, NoticeService } from '../sharing/index.js';
import { ExchangeAccess } from './access.js';
import {
  createGatewayServices,
  type GatewayServices,
  gatewayMigrations,
  gatewayRoutes,
} from './gateway/index.js';
import type { SnapshotRecorder } from './gateway/snapshots.js';
import { HostingService, hostingMigrations, hostingRoutes } from './hosting/index.js';
import { HostedRecordReads } from './hosting/platform-reads.js';
import { exchangeCoreMigrations } from './migrations.js';
import type { HostedResource, RecordSealer, RecordVerification } from './model.js';
import { NodeService, nodeMigrations, nodeRoutes } from './nodes/index.js';
import { InterfaceServices, serviceMigrations, serviceRoutes } from './services/index.js';
import { SubscriptionService, subscriptionMigrations, subscriptionRoutes } from './subscriptions/index.js';

export { type ReadStatement, readStatementOf } from './access.js';
export { ExchangeErrors } from './errors.js';
export type { SnapshotKind, SnapshotRecorder, SnapshotTaking } from './gateway/snapshots.js';
export { canonicalKey, encodeValue, keyColumns } from './hosting/columns.js';
export type { ScannedPage, ScannedRecord } from './hosting/platform-reads.js';
export * from './model.js';
export { ExchangeActions } from './policies.js';

import type { ExchangeDb } from './schema.js';

export type { ExchangeDb, ExchangeTables } from './schema.js';

/** What the exchange needs from the rest of the platform, passed from the composition root. */
export interface ExchangeDeps {
  db: ExchangeDb;
  dialect: DialectName;
  audit: AuditTrail;
  clock: Clock;
  /** Sharing's grant check: the single question asked before any data leaves. */
  grants: Pick<GrantService, 'check'>;
  /** Tells a department when its front-end node goes offline and comes back (R45, R55). */
  notices: Pick<NoticeService, 'send'>;
  /** The catalog: a hosted table follows its entry's published items. */
  catalog: Pick<CatalogService, 'get'>;
  departments: ProviderLookup;
  /** Seals webhook and service secrets with the instance master key. */
  box: SecretBox;
  cryptoSuite: CryptoSuite;
  config: ExchangeConfig;
  /** `<dataDir>/exchange`: spooled uploads and reject files. */
  workDir: string;
  /** Where the background work (pushes, load recovery) logs the failures it continues past. */
  log: Logger;
  /** Records under an open verification request, marked where read (R83); none where not bound. */
  verification?: RecordVerification;
  /** Data snapshots of key queries (Guangzhou Art.23 ¶2, R107); none where not bound. */
  snapshots?: SnapshotRecorder;
  /** Seals records of document- and licence-type resources (R106); none where not bound. */
  sealer?: RecordSealer;
}

export interface ExchangeServices {
  hosting: HostingService;
  /** The access check of reads of hosted data. */
  access: ExchangeAccess<HostedResource>;
  services: InterfaceServices;
  /** Key queries and batch downloads of hosted data. */
  gateway: GatewayServices;
  subscriptions: SubscriptionService;
  nodes: NodeService;
  /** Hosted records and change logs for the platform's own checks (data quality), not for a reader. */
  records: HostedRecordReads;
  /**
   * Starts the push worker (woken by committed changes; failed pushes are logged) and registers
   * its periodic poll, the node watch and load recovery with the platform's jobs runner; `close`
   * stops the worker.
   */
  start(options: { jobs: JobRunner }): void;
  close(): Promise<void>;
}

/** Every exchange table's migrations; names sort after sharing's (`25x`). */
export const exchangeMigrations: ModuleMigrations = {
  ...exchangeCoreMigrations,
  ...hostingMigrations,
  ...gatewayMigrations,
  ...serviceMigrations,
  ...subscriptionMigrations,
  ...nodeMigrations,
};

/**
 * Wires the exchange (issue 6): hosting first (every read finds its resource there), the access
 * check every read goes through, then services, subscriptions and nodes.
 */
export function createExchangeServices(deps: ExchangeDeps): ExchangeServices {
  const hosting = new HostingService(deps);
  const access = new ExchangeAccess({
    grants: deps.grants,
    audit: deps.audit,
    clock: deps.clock,
    resource: (entryId) => hosting.resource(entryId),
  });
  const services = new InterfaceServices(deps);
  const gateway = createGatewayServices({ ...deps, access, hosting });
  const subscriptions = new SubscriptionService({ ...deps, access, hosting });
  const nodes = new NodeService(deps);
  const records = new HostedRecordReads({ db: deps.db, resource: (entryId) => hosting.resource(entryId) });
  return {
    hosting,
    access,
    services,
    gateway,
    subscriptions,
    nodes,
    records,
    start(options) {
      subscriptions.start({ pollMs: 0 });
      options.jobs.register(subscriptions.worker.pollJob());
      options.jobs.register(nodes.watchJob());
      // Loads a crash left `running` are found at start, and by the job when another node died.
      options.jobs.register(hosting.loads.recovery.job());
      // Once now through the runner (its claim keeps two nodes from sweeping at the same moment).
      options.jobs
        .runNow('exchange.load-recovery')
        .catch((err: unknown) =>
          deps.log.error(
            { err, job: 'exchange.load-recovery' },
            'recovering interrupted loads at start failed',
          ),
        );
    },
    async close() {
      await subscriptions.close();
    },
  };
}

/** The exchange API under `/api/v1/exchange`. */
export const exchangeRoutes =
  (deps: ExchangeDeps & { exchange: ExchangeServices }): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(hostingRoutes({ ...deps, hosting: deps.exchange.hosting }));
    await app.register(
      gatewayRoutes({ ...deps, access: deps.exchange.access, gateway: deps.exchange.gateway }),
    );
    await app.register(serviceRoutes({ ...deps, services: deps.exchange.services }));
    await app.register(subscriptionRoutes({ ...deps, subscriptions: deps.exchange.subscriptions }));
    await app.register(nodeRoutes({ ...deps, nodes: deps.exchange.nodes }));
  };
