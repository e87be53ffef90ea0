/**
 * The exchange API as the portal calls it (`/api/v1/exchange`): hosted resources and their loads,
 * reads by a consumer (query, download), subscriptions, registered services and exchange nodes.
 * Shapes are the server's own types, imported as types only.
 */

import type { Static } from '@sinclair/typebox';
import type { DownloadManifest } from '../../../../src/exchange/gateway/download.ts';
import type { Rejection, RejectProblem } from '../../../../src/exchange/hosting/errors.ts';
import type { BatchMode, LoadFormat, LoadStatus } from '../../../../src/exchange/hosting/schema.ts';
import type { HostedResourceSchema, LoadViewSchema } from '../../../../src/exchange/hosting/schemas.ts';
import type { Change, ChangeOp, HostedColumn, ItemValue } from '../../../../src/exchange/model.ts';
import type { NodeMapping, NodeView } from '../../../../src/exchange/nodes/service.ts';
import type {
  InterfaceService,
  NewService,
  ServiceChange,
} from '../../../../src/exchange/services/registry.ts';
import type { NewSubscription } from '../../../../src/exchange/subscriptions/manager.ts';
import type { SubscriptionMode, SubscriptionStatus } from '../../../../src/exchange/subscriptions/schema.ts';
import type {
  DeadLetter,
  DeliveryAttempt,
  Subscription,
} from '../../../../src/exchange/subscriptions/store.ts';
import { api } from '../../api/client.ts';
import type { Items } from '../../api/types.ts';

export type { Change, ChangeOp, HostedColumn, ItemValue };

/** A hosted resource as the API shows it (the physical table name stays on the server). */
export type HostedResourceView = Static<typeof HostedResourceSchema> & {
  /** The entry's declared update cycle, when the view carries it (else read from the catalog). */
  updateCycle?: string;
};

export type { LoadFormat, LoadStatus, Rejection, RejectProblem };
export type LoadMode = BatchMode;

/** One upload as the load history shows it. */
export type LoadView = Static<typeof LoadViewSchema>;

export interface ChangeLogPage {
  changes: Change[];
  lastSeq: number;
  hasMore: boolean;
}

export interface QueryInput {
  keys?: string[];
  filter?: Record<string, string>;
  items?: string[];
  limit?: number;
  cursor?: string;
}

export interface QueryAnswer {
  records: Record<string, ItemValue>[];
  nextCursor: string | null;
  grantId: string;
  masked: string[];
  /** The keys asked that matched no record, in the order asked (on the first page only). */
  notFound: string[];
}

export type {
  DeadLetter,
  DeliveryAttempt,
  DownloadManifest,
  NewSubscription,
  Subscription,
  SubscriptionMode,
  SubscriptionStatus,
};

export interface SubscriptionCreated {
  subscription: Subscription;
  /** The webhook secret of a push subscription, shown once. */
  secret: string | null;
}

export type { InterfaceService, NewService, NodeMapping, NodeView, ServiceChange };

export interface NodesAnswer {
  items: NodeView[];
  /** A node is offline after this many seconds without a heartbeat. */
  offlineAfterSeconds: number;
}

/** A list answer, whichever shape a route gives (`items` with or without `total`). */
export type List<T> = Items<T> & { total?: number };

const base = '/exchange';
const resource = (entryId: string) => `${base}/resources/${encodeURIComponent(entryId)}`;

/** Every call of the exchange contract; paths relative to `/api/v1`. */
export const exchangeApi = {
  resources: (as: 'provided' | 'all') =>
    api<List<HostedResourceView>>(`${base}/resources`, { query: { as } }),
  resource: (entryId: string) => api<HostedResourceView>(resource(entryId)),
  host: (entryId: string) =>
    api<HostedResourceView>(`${base}/resources`, { method: 'POST', body: { entryId } }),
  sync: (entryId: string) =>
    api<HostedResourceView>(`${resource(entryId)}/sync`, { method: 'POST', body: {} }),
  changeLog: (entryId: string, after: number, limit: number) =>
    api<ChangeLogPage>(`${resource(entryId)}/change-log`, { query: { after, limit } }),
  loads: (entryId?: string) => api<List<LoadView>>(`${base}/loads`, { query: { entryId } }),
  load: (id: string) => api<LoadView>(`${base}/loads/${encodeURIComponent(id)}`),
  subscriptions: () => api<List<Subscription>>(`${base}/subscriptions`),
  subscribe: (body: NewSubscription) =>
    api<SubscriptionCreated>(`${base}/subscriptions`, { method: 'POST', body }),
  attempts: (id: string, limit = 50) =>
    api<Items<DeliveryAttempt>>(`${base}/subscriptions/${encodeURIComponent(id)}/attempts`, {
      query: { limit },
    }),
  deadLetters: (id: string) =>
    api<List<DeadLetter>>(`${base}/subscriptions/${encodeURIComponent(id)}/dead-letters`),
  retry: (id: string) =>
    api<Subscription>(`${base}/subscriptions/${encodeURIComponent(id)}/retry`, { method: 'POST', body: {} }),
  unsubscribe: (id: string) =>
    api<void>(`${base}/subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  services: () => api<List<InterfaceService>>(`${base}/services`, { query: { pageSize: 200 } }),
  registerService: (body: NewService) => api<InterfaceService>(`${base}/services`, { method: 'POST', body }),
  updateService: (id: string, body: ServiceChange) =>
    api<InterfaceService>(`${base}/services/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  setServiceStatus: (id: string, change: 'disable' | 'enable', reason?: string) =>
    api<InterfaceService>(`${base}/services/${encodeURIComponent(id)}/${change}`, {
      method: 'POST',
      body: reason ? { reason } : {},
    }),
  nodes: () => api<NodesAnswer>(`${base}/nodes`),
};

/** Paths for plain links, fetched by the browser with the session cookie. */
export const exchangeLinks = {
  rejects: (loadId: string) => `/api/v1${base}/loads/${encodeURIComponent(loadId)}/rejects`,
  loads: (entryId: string, format: LoadFormat, mode: LoadMode) =>
    `/api/v1${resource(entryId)}/loads?format=${format}&mode=${mode}`,
  query: (entryId: string) => `/api/v1${resource(entryId)}/query`,
  download: (entryId: string, format: 'csv' | 'ndjson') =>
    `/api/v1${resource(entryId)}/download?format=${format}`,
  manifest: (downloadId: string) => `/api/v1${base}/downloads/${encodeURIComponent(downloadId)}/manifest`,
};
