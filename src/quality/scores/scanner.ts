import type { Kysely } from 'kysely';
import type { AuditTrail } from '../../audit/index.js';
import type { ExchangeServices, HostedColumn, HostedResource, ScannedRecord } from '../../exchange/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { DialectName, Executor } from '../../platform/db/index.js';
import { checkRecord, type RecordFlags, ruleOf } from './rules.js';
import type { QualityScoreStateTable, ScoreTables } from './schema.js';

/** Counts per column over the records counted: how many are empty, how many break the item's rule. */
export type ColumnCounts = Record<string, { item: string; empty: number; invalid: number }>;

/** What one refresh of a resource did. */
export interface ScanOutcome {
  entryId: string;
  mode: 'full' | 'incremental' | 'none';
  /** Records read (a full scan: all of them; incremental: the changed ones). */
  records: number;
  checkedSeq: number;
}

export interface ScannerDeps {
  db: Kysely<ScoreTables>;
  dialect: DialectName;
  clock: Clock;
  audit: AuditTrail;
  exchange: Pick<ExchangeServices, 'records' | 'hosting'>;
}

/** Changes read per step of the incremental path, and keys read back per query. */
const CHANGES_PER_STEP = 5_000;
const KEYS_PER_READ = 500;
const FLAGS_PER_INSERT = 500;

/**
 * Keeps each hosted resource's quality counts current. A full scan reads every record once
 * (keyset pages, flat memory); after it, the incremental path follows the change log: for each
 * changed record it takes back what the record counted before (its stored flags) and counts what
 * it holds now, so applying a change twice counts it once, and a scan racing writers converges.
 */
export class QualityScanner {
  constructor(private readonly deps: ScannerDeps) {}

  /** Brings one resource's counts up to date: a full scan the first time, the change log after. */
  async refresh(entryId: string): Promise<ScanOutcome> {
    const resource = await this.deps.exchange.hosting.resource(entryId);
    if (!resource) return { entryId, mode: 'none', records: 0, checkedSeq: 0 };
    const state = await this.#state(this.deps.db, entryId);
    const columns = resource.columns.filter((c) => c.active);
    if (!state || !sameColumns(JSON.parse(state.counts) as ColumnCounts, columns)) return this.full(entryId);
    return this.catchUp(resource, state);
  }

  /** Reads every record of the resource and rebuilds its counts and flags. */
  async full(entryId: string): Promise<ScanOutcome> {
    const resource = await this.deps.exchange.hosting.resource(entryId);
    if (!resource) return { entryId, mode: 'none', records: 0, checkedSeq: 0 };
    const checkedSeq = resource.lastSeq;
    const columns = resource.columns.filter((c) => c.active);
    const rules = columns.map((c) => ruleOf(c, chinaDate(this.deps.clock.now())));
    const counts = emptyCounts(columns);
    await this.deps.db.deleteFrom('quality_score_flag').where('entry_id', '=', entryId).execute();
    let records = 0;
    for await (const page of this.deps.exchange.records.pages(entryId)) {
      const flagged: FlagRow[] = [];
      for (const record of page.records) {
        const flags = checkRecord(rules, record.values);
        add(counts, flags, 1);
        if (flags.empty.length + flags.invalid.length > 0) flagged.push(flagRow(entryId, record.key, flags));
      }
      records += page.records.length;
      await this.#insertFlags(this.deps.db, flagged);
    }
    await this.deps.db.transaction().execute(async (trx) => {
      await this.#saveState(trx, resource, { counts, checkedSeq, rows: records, scanned: true });
      await this.#audit(trx, entryId, { mode: 'full', records, toSeq: checkedSeq });
    });
    return { entryId, mode: 'full', records, checkedSeq };
  }

  /** Counts the records changed since the last check, step by step until the change log is read. */
  async catchUp(resource: HostedResource, from: QualityScoreStateTable): Promise<ScanOutcome> {
    const entryId = resource.entry.id;
    const columns = resource.columns.filter((c) => c.active);
    const rules = columns.map((c) => ruleOf(c, chinaDate(this.deps.clock.now())));
    let checkedSeq = Number(from.checked_seq);
    let records = 0;
    for (;;) {
      const changes = await this.deps.exchange.records.changesAfter(entryId, checkedSeq, CHANGES_PER_STEP);
      if (changes.length === 0) break;
      const keys = [...new Set(changes.map((c) => c.key))];
      const current = new Map<string, ScannedRecord>();
      for (let i = 0; i < keys.length; i += KEYS_PER_READ) {
        const page = await this.deps.exchange.records.records(entryId, keys.slice(i, i + KEYS_PER_READ));
        for (const record of page.records) current.set(record.key, record);
      }
      const toSeq = changes[changes.length - 1]?.seq ?? checkedSeq;
      const fresh = await this.deps.exchange.hosting.resource(entryId);
      await this.deps.db.transaction().execute(async (trx) => {
        const state = await this.#lockState(trx, entryId);
        if (!state || Number(state.checked_seq) >= toSeq) return; // another run counted these changes
        const counts = JSON.parse(state.counts) as ColumnCounts;
        const stored = await this.#flagsOf(trx, entryId, keys);
        const flagged: FlagRow[] = [];
        for (const key of keys) {
          const before = stored.get(key);
          if (before) add(counts, before, -1);
          const record = current.get(key);
          if (!record) continue;
          const after = checkRecord(rules, record.values);
          add(counts, after, 1);
          if (after.empty.length + after.invalid.length > 0) flagged.push(flagRow(entryId, key, after));
        }
        // Each changed record's flags are replaced: taken out where it had some, written where it has.
        const hadFlags = keys.filter((key) => stored.has(key));
        for (let i = 0; i < hadFlags.length; i += KEYS_PER_READ)
          await tablesOf(trx)
            .deleteFrom('quality_score_flag')
            .where('entry_id', '=', entryId)
            .where('record_key', 'in', hadFlags.slice(i, i + KEYS_PER_READ))
            .execute();
        await this.#insertFlags(trx, flagged);
        await this.#saveState(trx, fresh ?? resource, {
          counts,
          checkedSeq: toSeq,
          rows: (fresh ?? resource).rowCount,
          scanned: false,
        });
        await this.#audit(trx, entryId, {
          mode: 'incremental',
          records: keys.length,
          fromSeq: checkedSeq,
          toSeq,
        });
      });
      records += keys.length;
      checkedSeq = toSeq;
      if (changes.length < CHANGES_PER_STEP) break;
    }
    return { entryId, mode: records > 0 ? 'incremental' : 'none', records, checkedSeq };
  }

  async #state(executor: Executor, entryId: string): Promise<QualityScoreStateTable | undefined> {
    return tablesOf(executor)
      .selectFrom('quality_score_state')
      .selectAll()
      .where('entry_id', '=', entryId)
      .executeTakeFirst();
  }

  /** The state row, locked until the transaction ends (PostgreSQL; SQLite has one writer). */
  async #lockState(trx: Executor, entryId: string): Promise<QualityScoreStateTable | undefined> {
    let query = tablesOf(trx).selectFrom('quality_score_state').selectAll().where('entry_id', '=', entryId);
    if (this.deps.dialect === 'postgres') query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async #saveState(
    executor: Executor,
    resource: HostedResource,
    next: { counts: ColumnCounts; checkedSeq: number; rows: number; scanned: boolean },
  ): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    const row = {
      entry_id: resource.entry.id,
      provider_department_id: resource.provider.departmentId,
      provider_jurisdiction_path: resource.provider.jurisdictionPath,
      checked_seq: next.checkedSeq,
      counts: JSON.stringify(next.counts),
      rows: next.rows,
      scanned_at: next.scanned ? at : null,
      updated_at: at,
    };
    const { scanned_at, ...always } = row;
    await tablesOf(executor)
      .insertInto('quality_score_state')
      .values(row)
      .onConflict((oc) =>
        oc.column('entry_id').doUpdateSet(next.scanned ? { ...always, scanned_at } : always),
      )
      .execute();
  }

  async #flagsOf(
    executor: Executor,
    entryId: string,
    keys: readonly string[],
  ): Promise<Map<string, RecordFlags>> {
    const found = new Map<string, RecordFlags>();
    for (let i = 0; i < keys.length; i += KEYS_PER_READ) {
      const rows = await tablesOf(executor)
        .selectFrom('quality_score_flag')
        .selectAll()
        .where('entry_id', '=', entryId)
        .where('record_key', 'in', keys.slice(i, i + KEYS_PER_READ))
        .execute();
      for (const row of rows)
        found.set(row.record_key, { empty: split(row.empty), invalid: split(row.invalid) });
    }
    return found;
  }

  async #insertFlags(executor: Executor, rows: readonly FlagRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += FLAGS_PER_INSERT)
      await tablesOf(executor)
        .insertInto('quality_score_flag')
        .values(rows.slice(i, i + FLAGS_PER_INSERT))
        .onConflict((oc) => oc.columns(['entry_id', 'record_key']).doNothing())
        .execute();
  }

  /** The platform read the resource's records for its own check: one entry per run, never per record. */
  async #audit(trx: Executor, entryId: string, detail: Record<string, unknown>): Promise<void> {
    await this.deps.audit.record(
      trx,
      {},
      { action: 'quality.scan', targetType: 'catalog_entry', targetId: entryId, detail },
    );
  }
}

interface FlagRow {
  entry_id: string;
  record_key: string;
  empty: string;
  invalid: string;
}

const tablesOf = (executor: Executor) => executor as unknown as Kysely<ScoreTables>;
const split = (list: string): string[] => (list === '' ? [] : list.split(','));
const flagRow = (entryId: string, key: string, flags: RecordFlags): FlagRow => ({
  entry_id: entryId,
  record_key: key,
  empty: flags.empty.join(','),
  invalid: flags.invalid.join(','),
});

function emptyCounts(columns: readonly HostedColumn[]): ColumnCounts {
  return Object.fromEntries(columns.map((c) => [c.column, { item: c.item, empty: 0, invalid: 0 }]));
}

function add(counts: ColumnCounts, flags: RecordFlags, sign: 1 | -1): void {
  for (const column of flags.empty) {
    const c = counts[column];
    if (c) c.empty += sign;
  }
  for (const column of flags.invalid) {
    const c = counts[column];
    if (c) c.invalid += sign;
  }
}

/** Whether the counts were kept for exactly these columns (a new catalog version adds or drops items). */
function sameColumns(counts: ColumnCounts, columns: readonly HostedColumn[]): boolean {
  const kept = Object.keys(counts);
  return kept.length === columns.length && columns.every((c) => c.column in counts);
}
