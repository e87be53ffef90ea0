import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  canonicalKey,
  type HostedColumn,
  type HostedResource,
  type ItemValue,
} from '../../exchange/index.js';
import { newId } from '../../platform/db/index.js';
import type { QualityDeps } from '../deps.js';
import { ConflictCase } from './cases.js';
import { governing } from './duplicates.js';
import { SourceNotices } from './notices.js';
import type { QualityConflictTable, QualitySourceTable, SourceTables } from './schema.js';
import { PLATFORM_CONTEXT } from './scope.js';

/** The most differing records a conflict case lists; the rest are counted. */
export const MAX_DIFFERENCES = 100;
/** Records read from the other resource per page (the source's are then read by those keys). */
const PAGE_SIZE = 500;

/** One differing value: the record's key, the item, the source's value and the other's. */
export interface Difference {
  key: string;
  item: string;
  sourceValue: string;
  otherValue: string;
}

/** A pair to compare: the source's hosted resource and another sharing its key item. */
interface Pair {
  jurisdictionPath: string;
  source: HostedResource;
  other: HostedResource;
  /** The key item, or the key items joined by `+` (a composite key). */
  keyItem: string;
  items: string[];
}

/** What one comparison found. */
export interface ComparisonResult {
  /** Records found on both sides. */
  compared: number;
  /** Values both sides stated (an empty one is incomplete, not compared). */
  values: number;
  /** Values that differ. */
  count: number;
  differences: Difference[];
  digest: string;
}

const text = (value: ItemValue | undefined): string | null => {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
};

const columnIndex = (columns: readonly HostedColumn[], item: string) =>
  columns.findIndex((c) => c.item === item);

/** A hosted resource's key items in its own column order (the order of its composite keys). */
const keyItemsOf = (resource: HostedResource): string[] =>
  resource.columns.filter((c) => c.active && c.isKey).map((c) => c.item);

/** Whether two resources are keyed by the same items, in whatever order each lists them. */
const sameKey = (a: readonly string[], b: readonly string[]): boolean =>
  a.length > 0 && a.length === b.length && a.every((item) => b.includes(item));

/**
 * Turns the other resource's record keys into the source's: a single key is the same value; a
 * composite key (a JSON array in each resource's own column order) is reordered to the source's.
 */
function keyTranslator(other: HostedResource, source: HostedResource): (key: string) => string {
  const theirs = keyItemsOf(other);
  const ours = keyItemsOf(source);
  if (theirs.length <= 1 || theirs.every((item, i) => ours[i] === item)) return (key) => key;
  const at = ours.map((item) => theirs.indexOf(item));
  return (key) => {
    const values = JSON.parse(key) as string[];
    return canonicalKey(at.map((i) => values[i] ?? ''));
  };
}

/**
 * A resource's agreement with its sources (a share in [0, 1]): the values it states that its
 * sources' records state alike, over every pair the last comparison measured; null where none
 * compared a value (not compared, no source, nothing stated on both sides).
 */
export async function agreementOf(db: Kysely<SourceTables>, entryId: string): Promise<number | null> {
  const row = await db
    .selectFrom('quality_agreement')
    .select((eb) => [
      eb.fn.sum<number>('compared_values').as('compared'),
      eb.fn.sum<number>('differing_values').as('differing'),
    ])
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
  const compared = Number(row?.compared ?? 0);
  if (compared === 0) return null;
  return Math.round((1 - Number(row?.differing ?? 0) / compared) * 10_000) / 10_000;
}

/**
 * Multi-source cross-verification (多元校核, R78): for each hosted resource of a designated
 * source, every other hosted resource in the designation's jurisdiction keyed by the same items
 * (a composite key in any order) is read page by page, the source's records fetched by those keys, and the designated items
 * compared value by value. Found differences open a conflict case (R79), unless the pair has an
 * open one or the same differences were handled before (the digest). Flat memory at any size.
 */
export class SourceComparison {
  constructor(private readonly deps: QualityDeps) {}

  /** Compares every pair the designations in force define; answers the conflict cases opened. */
  async run(all: readonly QualitySourceTable[], signal?: AbortSignal): Promise<number> {
    let opened = 0;
    const pairs = await this.#pairs(all);
    for (const pair of pairs) {
      if (signal?.aborted) return opened;
      const found = await this.compare(pair);
      await this.#audit(pair, found);
      await this.#measure(pair, found);
      if (found.count > 0 && (await this.#open(pair, found))) opened++;
    }
    await this.#forget(pairs);
    return opened;
  }

  /** The other resource's agreement with the source, as this comparison measured it (R78 → score). */
  async #measure(pair: Pair, found: ComparisonResult): Promise<void> {
    const row = {
      entry_id: pair.other.entry.id,
      source_entry_id: pair.source.entry.id,
      compared_values: found.values,
      differing_values: found.count,
      measured_at: this.deps.clock.now().toISOString(),
    };
    const { entry_id: _e, source_entry_id: _s, ...update } = row;
    await this.deps.db
      .insertInto('quality_agreement')
      .values(row)
      .onConflict((oc) => oc.columns(['entry_id', 'source_entry_id']).doUpdateSet(update))
      .execute();
  }

  /** Drops the figures of pairs no longer compared (a designation ended, an item removed). */
  async #forget(pairs: readonly Pair[]): Promise<void> {
    const kept = new Set(pairs.map((p) => `${p.other.entry.id}|${p.source.entry.id}`));
    const known = await this.deps.db
      .selectFrom('quality_agreement')
      .select(['entry_id', 'source_entry_id'])
      .execute();
    for (const k of known)
      if (!kept.has(`${k.entry_id}|${k.source_entry_id}`))
        await this.deps.db
          .deleteFrom('quality_agreement')
          .where('entry_id', '=', k.entry_id)
          .where('source_entry_id', '=', k.source_entry_id)
          .execute();
  }

  /** Compares one pair record by record. */
  async compare(pair: Pick<Pair, 'source' | 'other' | 'items'>): Promise<ComparisonResult> {
    const hash = createHash('sha256');
    const differences: Difference[] = [];
    let compared = 0;
    let values = 0;
    let count = 0;
    const { records } = this.deps.exchange;
    const toSource = keyTranslator(pair.other, pair.source);
    for await (const page of records.pages(pair.other.entry.id, { pageSize: PAGE_SIZE })) {
      const theirs = await records.records(
        pair.source.entry.id,
        page.records.map((r) => toSource(r.key)),
      );
      const byKey = new Map(theirs.records.map((r) => [r.key, r.values]));
      const at = pair.items.map((item) => ({
        item,
        other: columnIndex(page.columns, item),
        source: columnIndex(
          theirs.columns.filter((c) => c.active),
          item,
        ),
      }));
      for (const record of page.records) {
        const sourceValues = byKey.get(toSource(record.key));
        if (!sourceValues) continue;
        compared++;
        for (const { item, other, source } of at) {
          // Only two stated values can disagree: an empty one is incomplete, not conflicting.
          const otherValue = text(record.values[other]);
          const sourceValue = text(sourceValues[source]);
          if (otherValue === null || sourceValue === null) continue;
          values++;
          if (otherValue === sourceValue) continue;
          count++;
          hash.update(`${record.key}\u0000${item}\u0000${sourceValue}\u0000${otherValue}\u0001`);
          if (differences.length < MAX_DIFFERENCES)
            differences.push({ key: record.key, item, sourceValue, otherValue });
        }
      }
    }
    return { compared, values, count, differences, digest: hash.digest('hex') };
  }

  /** The pairs: each source resource against the hosted resources sharing its key item. */
  async #pairs(all: readonly QualitySourceTable[]): Promise<Pair[]> {
    const pairs: Pair[] = [];
    const bySource = new Map<string, QualitySourceTable[]>();
    for (const s of all) bySource.set(s.entry_id, [...(bySource.get(s.entry_id) ?? []), s]);
    if (bySource.size === 0) return pairs;
    const published = await this.deps.catalog.listPublished();
    const hosting = this.deps.exchange.hosting;
    for (const [entryId, designations] of bySource) {
      const source = await hosting.resource(entryId);
      const keyItems = source ? keyItemsOf(source) : [];
      if (!source || keyItems.length === 0) continue;
      for (const entry of published) {
        if (entry.id === entryId) continue;
        const scope = designations.find((d) => entry.jurisdictionPath.startsWith(d.jurisdiction_path));
        if (!scope) continue;
        const other = await hosting.resource(entry.id);
        if (!other || !sameKey(keyItemsOf(other), keyItems)) continue;
        const items = designations
          .filter((d) => !keyItems.includes(d.item_name) && columnIndex(other.columns, d.item_name) >= 0)
          .filter((d) => governing(all, d.item_name, entry.jurisdictionPath)?.id === d.id)
          .map((d) => d.item_name);
        if (items.length > 0)
          pairs.push({
            jurisdictionPath: scope.jurisdiction_path,
            source,
            other,
            keyItem: keyItems.join('+'),
            items,
          });
      }
    }
    return pairs;
  }

  /** One entry per pair and run naming what the platform read for the comparison (not who). */
  async #audit(pair: Pair, found: ComparisonResult): Promise<void> {
    await this.deps.audit.record(
      this.deps.db,
      {},
      {
        action: 'quality.source.compare',
        targetType: 'catalog_entry',
        targetId: pair.other.entry.id,
        category: 'admin',
        detail: {
          sourceEntry: pair.source.entry.code,
          otherEntry: pair.other.entry.code,
          items: pair.items,
          compared: found.compared,
          differences: found.count,
        },
      },
    );
  }

  async #open(pair: Pair, found: ComparisonResult): Promise<boolean> {
    const db = this.deps.db;
    const known = await db
      .selectFrom('quality_source_conflict')
      .select('id')
      .where('source_entry_id', '=', pair.source.entry.id)
      .where('other_entry_id', '=', pair.other.entry.id)
      .where((eb) => eb.or([eb('status', 'in', ['open', 'referred']), eb('digest', '=', found.digest)]))
      .executeTakeFirst();
    if (known) return false;
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const row: QualityConflictTable = {
      id: newId(now),
      number: '',
      status: 'open',
      jurisdiction_path: pair.jurisdictionPath,
      source_department_id: pair.source.provider.departmentId,
      source_jurisdiction_path: pair.source.provider.jurisdictionPath,
      source_entry_id: pair.source.entry.id,
      source_entry_code: pair.source.entry.code,
      source_entry_name: pair.source.entry.name,
      other_department_id: pair.other.provider.departmentId,
      other_jurisdiction_path: pair.other.provider.jurisdictionPath,
      other_entry_id: pair.other.entry.id,
      other_entry_code: pair.other.entry.code,
      other_entry_name: pair.other.entry.name,
      key_item: pair.keyItem,
      items: JSON.stringify(pair.items),
      differences: JSON.stringify(found.differences),
      difference_count: found.count,
      compared_count: found.compared,
      digest: found.digest,
      wrong_side: null,
      verification_id: null,
      verification_number: null,
      resolution_note: null,
      decided_by: null,
      decided_at: null,
      created_at: at,
      updated_at: at,
    };
    const content = SourceNotices.notice('source.conflict_detected', {
      entry: pair.other.entry.name,
      sourceEntry: pair.source.entry.name,
      compared: String(found.compared),
      count: String(found.count),
      items: pair.items.join('、'),
    });
    const link = `/quality/sources/conflicts/${row.id}`;
    const kase = { type: ConflictCase.type, id: row.id };
    await this.deps.sharing.cases.open(ConflictCase, PLATFORM_CONTEXT, row, async () => ({
      // The timeline says what was found, never the values (those stay in the case, read audited).
      detail: { compared: found.compared, differences: found.count, items: pair.items },
      notices: [
        { to: { role: 'authority', jurisdictionPath: pair.jurisdictionPath }, ...content, link, case: kase },
        {
          to: { departmentId: row.source_department_id, role: 'resource_admin' },
          ...content,
          link,
          case: kase,
        },
        {
          to: { departmentId: row.other_department_id, role: 'resource_admin' },
          ...content,
          link,
          case: kase,
        },
      ],
    }));
    return true;
  }
}
