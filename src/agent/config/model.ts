import type { TextCharset } from '../../platform/charset/index.js';

/**
 * The agent's configuration, as validated from its YAML file (see docs/agent.md). Every value
 * keeps where it came from (`at`: `file:line:col`) so that problems found later, against the
 * database or the catalog, still name the line to fix.
 */
export const DATABASE_TYPES = ['postgres', 'mysql', 'sqlite', 'csv'] as const;
export type DatabaseType = (typeof DATABASE_TYPES)[number];

export const SYNC_MODES = ['updated_at', 'hash'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

export interface DatabaseConfig {
  name: string;
  type: DatabaseType;
  /** Connection URL (postgres, mysql) with secrets from `${ENV}`. */
  url?: string | undefined;
  /** File (sqlite) or folder (csv). */
  path?: string | undefined;
  /** The offset of date-times stored without one; the platform's default is China time. */
  timezone: string;
  /** csv: the files' character encoding; none: recognized per file (UTF-8 or GB18030, issue 22). */
  encoding?: TextCharset | undefined;
  at: string;
}

/** One catalog item and the database column that holds it. */
export interface ItemColumn {
  item: string;
  column: string;
  at: string;
}

export interface OutboundMapping {
  name: string;
  entryId: string;
  database: string;
  table: string;
  items: ItemColumn[];
  mode: SyncMode;
  /** updated_at mode: the column that grows with every change (a time or a sequence). */
  updatedAt?: { column: string; at: string } | undefined;
  /** A column marking rows deleted in place, sent to the platform as deletes. */
  softDelete?: { column: string; at: string } | undefined;
  intervalSeconds: number;
  /** Minutes between full comparisons (deletes, late commits); 0 never. Hash mode compares every interval. */
  compareMinutes: number;
  batchSize: number;
  /** What a row the platform rejects does: skip it (logged, reported) or stop the mapping. */
  onReject: 'skip' | 'stop';
  at: string;
}

export interface InboundMapping {
  name: string;
  entryId: string;
  purpose: string;
  caseNumber?: string | undefined;
  database: string;
  table: string;
  /** Create the local table when it does not exist. */
  create: boolean;
  /** The local column holding the record's canonical key (the table's primary key). */
  keyColumn: string;
  /** Items kept and their local columns; empty: every item received, each in a column of its name. */
  items: ItemColumn[];
  from: 'beginning' | 'latest';
  waitSeconds: number;
  batchSize: number;
  at: string;
}

export interface AgentConfig {
  file: string;
  node: { name: string; stateDir: string; logLevel: string };
  platform: { url: string; clientId: string; clientSecret: string; timeoutSeconds: number; at: string };
  databases: Map<string, DatabaseConfig>;
  outbound: OutboundMapping[];
  inbound: InboundMapping[];
}
