import type { Kysely } from 'kysely';
import type { GatewayTables } from './gateway/schema.js';
import type { HostingTables } from './hosting/schema.js';
import type { ChangeOp, HostedStatus, ServedEntryRow } from './model.js';
import type { NodeTables } from './nodes/schema.js';
import type { ServiceTables } from './services/schema.js';
import type { SubscriptionTables } from './subscriptions/schema.js';

/** A hosted resource; `columns` is the JSON of `HostedColumn[]`. */
export interface ExchangeResourceTable extends ServedEntryRow {
  table_name: string;
  columns: string;
  status: HostedStatus;
  last_seq: number;
  row_count: number;
  last_changed_at: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

/** The change log: one row per changed record, numbered gaplessly per resource. */
export interface ExchangeChangeTable {
  resource_id: string;
  seq: number;
  op: ChangeOp;
  key: string;
  at: string;
  source: string;
}

interface CoreTables {
  exchange_resource: ExchangeResourceTable;
  exchange_change: ExchangeChangeTable;
}

/** Every table of the exchange: the core ones here and each part's own. */
export type ExchangeTables = CoreTables &
  HostingTables &
  GatewayTables &
  ServiceTables &
  SubscriptionTables &
  NodeTables;

/** The exchange's own handle or transaction: the composition root hands its services this view. */
export type ExchangeDb = Kysely<ExchangeTables>;
