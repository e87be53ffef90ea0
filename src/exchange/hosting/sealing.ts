import type { SealType } from '../../catalog/index.js';
import type { BulkWriter } from '../../platform/db/bulk/index.js';
import type { Executor } from '../../platform/db/index.js';
import type {
  HostedResource,
  RecordSeal,
  RecordSealer,
  RecordValues,
  SealedRecord,
  SealedRecordDocument,
} from '../model.js';
import { HostingErrors } from './errors.js';
import type { RecordCodec } from './records.js';
import { tables } from './store.js';

/** A hosted resource ready for a write, with the seal type its published entry gives (R106). */
export interface WritableResource extends HostedResource {
  /** 文书类 / 证照类 (`sealTypeOf` of the published entry), or null: its records are not sealed. */
  sealType: SealType | null;
}

/** Signs one record's document with the provider's active seal. */
export type RecordSigner = (document: SealedRecordDocument) => RecordSeal;

export const SEAL_TABLE = 'exchange_record_seal';
export const SEAL_COLUMNS = ['id', 'resource_id', 'record_key', 'seq', 'seal'] as const;

/** The seal row's id: a resource id (a UUID) has no colon, so the pair is unambiguous. */
export const sealId = (resourceId: string, key: string): string => `${resourceId}:${key}`;

/**
 * The document a record's seal signs (R106): `{ resource, key, values }` — the entry's code, the
 * canonical key and the record's items, empty ones left out. The seal module signs its canonical
 * JSON together with the seal's fields (docs/seal.md).
 */
export function sealedRecordDocument(
  resource: string,
  key: string,
  record: RecordValues,
): SealedRecordDocument {
  const values: RecordValues = {};
  for (const [item, value] of Object.entries(record)) if (value !== null) values[item] = value;
  return { resource, key, values };
}

/**
 * The signer a write of the resource uses, read in the write's transaction: null when its records
 * are not sealed (not 文书类/证照类, or no sealer bound), or when the provider has no seal in force
 * and the profile does not require one. Where `features.eSeal` requires it, a provider without a
 * seal in force is refused (EXCHANGE_SEAL_REQUIRED) before anything is written.
 */
export async function signerOf(
  sealer: RecordSealer | undefined,
  resource: Pick<WritableResource, 'sealType' | 'provider' | 'entry'>,
  executor: Executor,
): Promise<RecordSigner | null> {
  if (!sealer || !resource.sealType) return null;
  const signer = await sealer.signerFor(resource.provider.departmentId, executor);
  if (!signer && sealer.required)
    throw HostingErrors.error('EXCHANGE_SEAL_REQUIRED', {
      code: resource.entry.code,
      type: resource.sealType === 'licence' ? '证照类' : '文书类',
      typeEn: resource.sealType,
    });
  return signer;
}

/** One stored row to (re)seal: its key, the seq that wrote it and its values in codec order. */
export type ChangedRow = { key: string; seq: number; values: readonly unknown[] };

/**
 * Seals the rows a write changed and stores their seals; `gone` keys (deleted rows) lose theirs.
 * `upsert` writes seal rows (`SEAL_COLUMNS` order), replacing a stored one of the same id.
 */
export async function storeSeals(input: {
  resource: Pick<HostedResource, 'id' | 'entry'>;
  codec: RecordCodec;
  signer: RecordSigner;
  changed: readonly ChangedRow[];
  gone: readonly string[];
  upsert: (rows: unknown[][]) => Promise<void>;
  remove: (ids: string[]) => Promise<void>;
}): Promise<void> {
  const { resource, codec, signer } = input;
  const items = codec.columns.map((c) => c.item);
  if (input.gone.length > 0) await input.remove(input.gone.map((key) => sealId(resource.id, key)));
  if (input.changed.length === 0) return;
  const rows: unknown[][] = [];
  for (const { key, seq, values } of input.changed) {
    const decoded = codec.comparable(values);
    const record: RecordValues = {};
    items.forEach((item, i) => {
      record[item] = decoded[i] ?? null;
    });
    const seal = signer(sealedRecordDocument(resource.entry.code, key, record));
    rows.push([sealId(resource.id, key), resource.id, key, seq, JSON.stringify(seal)]);
  }
  await input.upsert(rows);
}

/** Seal writes through the bulk writer (COPY on PostgreSQL), for `ResourceWriter`. */
export function bulkSealWrites(trx: Executor, bulk: BulkWriter) {
  return {
    upsert: (rows: unknown[][]) => bulk.insert(trx, SEAL_TABLE, SEAL_COLUMNS, rows, 'id'),
    remove: (ids: string[]) => bulk.deleteKeys(trx, SEAL_TABLE, 'id', ids),
  };
}

/** Seal writes through plain statements, in chunks (the staged SQLite load's final transaction). */
export function plainSealWrites(trx: Executor) {
  const db = tables(trx);
  return {
    async upsert(rows: unknown[][]) {
      for (let i = 0; i < rows.length; i += 150) {
        const values = rows.slice(i, i + 150).map(([id, resource_id, record_key, seq, seal]) => ({
          id: id as string,
          resource_id: resource_id as string,
          record_key: record_key as string,
          seq: seq as number,
          seal: seal as string,
        }));
        await db
          .insertInto(SEAL_TABLE)
          .values(values)
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq'), seal: eb.ref('excluded.seal') })),
          )
          .execute();
      }
    },
    async remove(ids: string[]) {
      for (let i = 0; i < ids.length; i += 500)
        await db
          .deleteFrom(SEAL_TABLE)
          .where('id', 'in', ids.slice(i, i + 500))
          .execute();
    },
  };
}

/**
 * The seals of the given records of a resource, as readers receive them (`SealedRecord`), for the
 * records whose values the reader receives whole (every active item, none masked): a seal proves
 * the whole record, so a partial or masked one would not verify and is not given.
 */
export async function readSeals(
  executor: Executor,
  resourceId: string,
  keys: readonly string[],
): Promise<Map<string, RecordSeal>> {
  const found = new Map<string, RecordSeal>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += 500) {
    const ids = unique.slice(i, i + 500).map((key) => sealId(resourceId, key));
    if (ids.length === 0) continue;
    const rows = await tables(executor)
      .selectFrom(SEAL_TABLE)
      .select(['record_key', 'seal'])
      .where('id', 'in', ids)
      .execute();
    for (const row of rows) found.set(row.record_key, JSON.parse(row.seal) as RecordSeal);
  }
  return found;
}

/** A record with its seal, ready for `POST /api/v1/seal/verify`. */
export function sealedRecord(
  code: string,
  key: string,
  record: RecordValues,
  seal: RecordSeal,
): SealedRecord {
  return { document: sealedRecordDocument(code, key, record), seal };
}
