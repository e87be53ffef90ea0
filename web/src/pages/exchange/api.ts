/**
 * The exchange API as the portal calls it (`/api/v1/exchange`): hosted resources and their loads,
 * reads by a consumer (query, download), subscriptions, registered services and exchange nodes.
 * Shapes are read off the contract (`api/contract.ts`).
 */

import { api } from '../../api/client.ts';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/contract.ts';

/** A hosted resource as the API shows it (the physical table name stays on the server). */
export type HostedResourceView = ResponseOf<`/exchange/resources/${string}`>;
export type HostedColumn = HostedResourceView['columns'][number];

/** One upload as the load history shows it. */
export type LoadView = ResponseOf<`/exchange/loads/${string}`>;
type LoadQuery = QueryOf<`/exchange/resources/${string}/loads`, 'POST'>;
export type LoadFormat = NonNullable<LoadQuery['format']>;
export type LoadMode = NonNullable<LoadQuery['mode']>;

export type ChangeLogPage = ResponseOf<`/exchange/resources/${string}/change-log`>;
export type Change = ChangeLogPage['changes'][number];
export type ChangeOp = Change['op'];

export type QueryInput = BodyOf<`/exchange/resources/${string}/query`, 'POST'>;
export type QueryAnswer = ResponseOf<`/exchange/resources/${string}/query`, 'POST'>;
/** One value of a record as the query answers it. */
export type ItemValue = QueryAnswer['records'][number][string];
export type DownloadManifest = ResponseOf<`/exchange/downloads/${string}/manifest`>;

export type Subscription = ResponseOf<'/exchange/subscriptions'>['items'][number];
export type SubscriptionMode = Subscription['mode'];
export type NewSubscription = BodyOf<'/exchange/subscriptions', 'POST'>;
export type SubscriptionCreated = ResponseOf<'/exchange/subscriptions', 'POST'>;
export type DeliveryAttempt = ResponseOf<`/exchange/subscriptions/${string}/attempts`>['items'][number];
export type DeadLetter = ResponseOf<`/exchange/subscriptions/${string}/dead-letters`>['items'][number];

export type InterfaceService = ResponseOf<`/exchange/services/${string}`>;
export type NewService = BodyOf<'/exchange/services', 'POST'>;
export type ServiceChange = BodyOf<`/exchange/services/${string}`, 'PATCH'>;

export type NodesAnswer = ResponseOf<'/exchange/nodes'>;
export type NodeView = NodesAnswer['items'][number];
export type NodeMapping = NodeView['mappings'][number];

const base = '/exchange';
const resource = (entryId: string) => `${base}/resources/${encodeURIComponent(entryId)}` as const;

/** Every call of the exchange contract; paths relative to `/api/v1`. */
export const exchangeApi = {
  resources: (as: 'provided' | 'all') => api(`${base}/resources`, { query: { as } }),
  resource: (entryId: string) => api(resource(entryId)),
  host: (entryId: string) => api(`${base}/resources`, { method: 'POST', body: { entryId } }),
  sync: (entryId: string) => api(`${resource(entryId)}/sync`, { method: 'POST', body: {} }),
  changeLog: (entryId: string, after: number, limit: number) =>
    api(`${resource(entryId)}/change-log`, { query: { after, limit } }),
  loads: (entryId?: string) => api(`${base}/loads`, { query: { entryId } }),
  load: (id: string) => api(`${base}/loads/${encodeURIComponent(id)}`),
  subscriptions: () => api(`${base}/subscriptions`),
  subscribe: (body: NewSubscription) => api(`${base}/subscriptions`, { method: 'POST', body }),
  attempts: (id: string, limit = 50) =>
    api(`${base}/subscriptions/${encodeURIComponent(id)}/attempts`, {
      query: { limit },
    }),
  deadLetters: (id: string) => api(`${base}/subscriptions/${encodeURIComponent(id)}/dead-letters`),
  retry: (id: string) =>
    api(`${base}/subscriptions/${encodeURIComponent(id)}/retry`, { method: 'POST', body: {} }),
  unsubscribe: (id: string) => api(`${base}/subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  services: () => api(`${base}/services`, { query: { pageSize: 200 } }),
  registerService: (body: NewService) => api(`${base}/services`, { method: 'POST', body }),
  updateService: (id: string, body: ServiceChange) =>
    api(`${base}/services/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  setServiceStatus: (id: string, change: 'disable' | 'enable', reason?: string) =>
    api(`${base}/services/${encodeURIComponent(id)}/${change}`, {
      method: 'POST',
      body: reason ? { reason } : {},
    }),
  nodes: () => api(`${base}/nodes`),
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
