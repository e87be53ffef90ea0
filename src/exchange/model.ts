import type { DataType, KeyKind } from '../catalog/index.js';
import type { Executor } from '../platform/db/index.js';

/**
 * The exchange vocabulary: a hosted resource (集中存放) is a cataloged resource whose records the
 * platform keeps in a table of its own, one column per information item; every change to it gets
 * the next number in the resource's change log, which drives freshness, pulls and pushes.
 */

/** One information item as a column of a hosted table. */
export interface HostedColumn {
  /** The information item's name in the catalog (the name grants and responses use). */
  item: string;
  /** `c1`, `c2`…: stable for the life of the resource; a new item gets the next number. */
  column: string;
  dataType: DataType;
  length?: number | undefined;
  isKey: boolean;
  keyKind?: KeyKind | undefined;
  /** Personal information: masked in responses unless the grant lists it in clear. */
  personal: boolean;
  /** False once a later catalog version dropped the item: the column stays, nothing reads it. */
  active: boolean;
}

export const HOSTED_STATUSES = ['active', 'suspended'] as const;
export type HostedStatus = (typeof HOSTED_STATUSES)[number];

/**
 * What a read needs to know of a resource, whether its data is hosted here or served by the
 * provider's own registered service: its entry, whether it is available, and its items.
 */
export interface ReadableResource {
  entry: { id: string; code: string; name: string; version: number };
  provider: { departmentId: string; jurisdictionPath: string };
  status: HostedStatus;
  /** The resource's items; `column` matters only for hosted tables. */
  columns: HostedColumn[];
}

export interface HostedResource extends ReadableResource {
  id: string;
  /** The physical table: `xr_<id>`; never taken from user input. */
  table: string;
  /** The last sequence number given in the change log (0 before the first change). */
  lastSeq: number;
  rowCount: number;
  lastChangedAt: string | null;
  createdAt: string;
}

export const CHANGE_OPS = ['insert', 'update', 'delete'] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

/** One entry of a resource's change log. */
export interface Change {
  seq: number;
  op: ChangeOp;
  /** The record's canonical key (see `canonicalKey`). */
  key: string;
  at: string;
  /** What made the change: `load:<id>`, `batch:<id>`, `node:<id>`. */
  source: string;
}

/** A JSON value of one item in a record: what the API reads and writes. */
export type ItemValue = string | number | boolean | null;
export type RecordValues = Record<string, ItemValue>;

/** The purpose and case number a reader states with every read (X-Road's userId / issue). */
export const PURPOSE_HEADER = 'x-govshare-purpose';
export const CASE_NUMBER_HEADER = 'x-govshare-case-number';

/** The leading columns of a row per catalog entry the exchange serves (a hosted resource, an interface service). */
export interface ServedEntryRow {
  id: string;
  entry_id: string;
  entry_code: string;
  entry_name: string;
  entry_version: number;
  provider_department_id: string;
  provider_jurisdiction_path: string;
}

/**
 * Records under verification (校核, R83): named by an open verification request, still served
 * while it is open, and marked as under verification wherever they are read (key query results,
 * downloads, change feeds and pushes, proxied answers where the key is visible). The quality module
 * answers it; the composition root binds it, so the exchange does not import quality.
 */
export interface RecordVerification {
  /** Of the given records of the resource (canonical keys, as `Change.key`), those an open request names. */
  underVerification(entryId: string, keys: readonly string[]): Promise<ReadonlySet<string>>;
  /** Whether an open request names the resource as a whole: every record of it is then marked. */
  resourceUnderVerification(entryId: string): Promise<boolean>;
}

/** Where no verification requests are kept (tests of the exchange alone): nothing is marked. */
export const NO_VERIFICATION: RecordVerification = {
  underVerification: async () => new Set<string>(),
  resourceUnderVerification: async () => false,
};

/**
 * What a sealed record's seal signs (R106): the resource's code, the record's canonical key and
 * its values keyed by item name, empty (null) items left out — so that an item a later catalog
 * version adds leaves the seals of records written before it valid.
 */
export interface SealedRecordDocument {
  [field: string]: unknown;
  resource: string;
  key: string;
  values: RecordValues;
}

/** A record's electronic seal, as the seal module signs it (its `SealInfo`). */
export interface RecordSeal {
  keyId: string;
  sealName: string;
  departmentId: string;
  algorithm: 'sm2' | 'ed25519';
  signedAt: string;
  digest: string;
  signature: string;
}

/** A sealed record as readers receive it: what `POST /api/v1/seal/verify` takes. */
export interface SealedRecord {
  document: SealedRecordDocument;
  seal: RecordSeal;
}

/**
 * Seals hosted records (文书类、证照类, Guangzhou Art.23 ¶1, R106) with the provider department's
 * active seal. The seal module answers it; the composition root binds it, so the exchange does not
 * import seal. Unbound (tests of the exchange alone), nothing is sealed.
 */
export interface RecordSealer {
  /** Whether the profile requires the seal (`features.eSeal`): a write without one is refused. */
  readonly required: boolean;
  /**
   * A signer with the department's active seal (read through `executor`, the write's
   * transaction), or null when the department has no seal in force.
   */
  signerFor(
    departmentId: string,
    executor: Executor,
  ): Promise<((document: SealedRecordDocument) => RecordSeal) | null>;
}
