import type { DialectName } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { OpenedRead } from '../access.js';
import { canonicalKey, encodeValue, keyColumns } from '../hosting/columns.js';
import type { HostedColumn, HostedResource, RecordValues } from '../model.js';
import type { ExchangeDb } from '../schema.js';
import { QueryCursors } from './cursor.js';
import { GatewayErrors } from './errors.js';
import { maskRuleOf, maskValue, rowProjector } from './masking.js';
import { type StoredValue, selectRows } from './rows.js';

/** The body of a key query (联机查询). */
export interface QueryBody {
  /** Canonical keys: the key item's value, or the JSON array of the key items' values. */
  keys?: string[] | undefined;
  /** Equality on key items (indexed), e.g. `{ "统一社会信用代码": "91350100M000100Y43" }`. */
  filter?: Record<string, string | number | boolean | null> | undefined;
  items?: string[] | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface QueryAnswer {
  records: RecordValues[];
  nextCursor: string | null;
  grantId: string;
  masked: string[];
}

/** What a lookup asks for, validated against the resource's key items. */
interface Lookup {
  keys?: string[];
  filter?: { column: HostedColumn; value: StoredValue }[];
  /** The record keys the question names: its keys, and a filter on a resource's one key item. */
  asked: string[];
  /** Binds cursors to this lookup. */
  scope: string;
}

export const DEFAULT_QUERY_LIMIT = 100;

/** A filter on the one key item of a resource names a record key as surely as `keys` does. */
function filteredKey(keyItems: readonly HostedColumn[], filter: Lookup['filter']): string[] {
  if (keyItems.length !== 1 || !filter) return [];
  const only = filter.find((f) => f.column.item === keyItems[0]?.item);
  return only && only.value !== null ? [canonicalKey([only.value])] : [];
}

/**
 * Key queries: records looked up by their key or filtered on key items, paged by key. Each
 * key value goes through the item's codec first, so that a resident ID number is checked
 * (check character) and normalized (`x` → `X`) before it meets the index.
 */
export class KeyQuery {
  readonly #cursors: QueryCursors;

  constructor(
    private readonly deps: {
      db: ExchangeDb;
      dialect: DialectName;
      box: ConstructorParameters<typeof QueryCursors>[0];
    },
  ) {
    this.#cursors = new QueryCursors(deps.box);
  }

  /** Validates what to look up; throws 400/422 before any row is read. */
  lookupOf(resource: HostedResource, body: QueryBody): Lookup {
    const keyItems = keyColumns(resource.columns);
    const filterEntries = Object.entries(body.filter ?? {});
    if (!body.keys?.length && filterEntries.length === 0)
      throw GatewayErrors.error('EXCHANGE_QUERY_KEYS_REQUIRED');
    const lookup: Lookup = { scope: '', asked: [] };
    if (body.keys?.length) {
      const keys = body.keys.map((raw, index) => this.#canonical(keyItems, raw, `/body/keys/${index}`));
      lookup.keys = [...new Set(keys)].sort();
    }
    if (filterEntries.length > 0) {
      lookup.filter = filterEntries.map(([item, raw]) => {
        const column = keyItems.find((c) => c.item === item);
        if (!column)
          throw GatewayErrors.error('EXCHANGE_FILTER_NOT_KEY', {
            field: `/body/filter/${item.slice(0, 100)}`,
            item: item.slice(0, 100),
            keys: keyItems.map((c) => c.item).join('、'),
          });
        return { column, value: this.#encodeKey(column, raw, `/body/filter/${item}`) };
      });
    }
    lookup.asked = [...new Set([...(lookup.keys ?? []), ...filteredKey(keyItems, lookup.filter)])].sort();
    lookup.scope = QueryCursors.scopeOf(resource.entry.id, [
      lookup.keys ?? null,
      (lookup.filter ?? []).map((f) => [f.column.column, f.value]).sort(),
    ]);
    return lookup;
  }

  /**
   * Reads one page for an opened read. The keys it names for the trace: every key asked for
   * (on the first page: the question itself, found or not) and every key returned.
   */
  async run(
    read: OpenedRead<HostedResource>,
    lookup: Lookup,
    page: { limit?: number | undefined; cursor?: string | undefined },
  ): Promise<{ answer: QueryAnswer; keys: string[]; found: number }> {
    const limit = page.limit ?? DEFAULT_QUERY_LIMIT;
    const after = page.cursor === undefined ? undefined : this.#cursors.decode(lookup.scope, page.cursor);
    const rows = await selectRows(this.deps.db, read.resource, read.columns, {
      keys: lookup.keys,
      filter: lookup.filter?.map((f) => ({ column: f.column.column, value: f.value })),
      after,
      limit: limit + 1,
    });
    const more = rows.length > limit;
    const pageRows = more ? rows.slice(0, limit) : rows;
    const project = rowProjector(read);
    const last = pageRows.at(-1);
    const returned = pageRows.map((r) => String(r._key));
    const asked = page.cursor === undefined ? lookup.asked : [];
    return {
      answer: {
        records: pageRows.map(project),
        nextCursor: more && last ? this.#cursors.encode(lookup.scope, String(last._key)) : null,
        grantId: read.grant.id,
        masked: [...read.masked],
      },
      keys: [...new Set([...asked, ...returned])],
      found: pageRows.length,
    };
  }

  /**
   * The record keys a query asks for, before the query is checked: for the trace of a refused
   * query, which names them as a granted one would. A key that does not validate is left out: it
   * names no record (and an ID number is digested only once normalised).
   */
  askedKeys(resource: HostedResource, body: QueryBody): string[] {
    const keyItems = keyColumns(resource.columns);
    const asked = new Set<string>();
    const attempt = (canonical: () => string) => {
      try {
        asked.add(canonical());
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    };
    for (const raw of body.keys ?? []) attempt(() => this.#canonical(keyItems, raw, '/body/keys'));
    const only = keyItems.length === 1 ? keyItems[0] : undefined;
    const filtered = only ? body.filter?.[only.item] : undefined;
    if (only && filtered !== undefined)
      attempt(() => canonicalKey([this.#encodeKey(only, filtered, '/body/filter')]));
    return [...asked].sort();
  }

  /** The lookup as the trace may show it: filter items with their values masked if personal. */
  static describe(lookup: Lookup): Record<string, unknown> {
    const filter = lookup.filter?.map(({ column, value }) => [
      column.item,
      column.personal ? maskValue(value, maskRuleOf(column)) : value,
    ]);
    return {
      ...(lookup.keys ? { asked: lookup.keys.length } : {}),
      ...(filter ? { filter: Object.fromEntries(filter) } : {}),
    };
  }

  #canonical(keyItems: HostedColumn[], raw: string, field: string): string {
    if (keyItems.length === 1)
      return canonicalKey([this.#encodeKey(keyItems[0] as HostedColumn, raw, field)]);
    let parts: unknown;
    try {
      parts = JSON.parse(raw);
    } catch {
      parts = undefined;
    }
    if (!Array.isArray(parts) || parts.length !== keyItems.length)
      throw GatewayErrors.error('EXCHANGE_KEY_INVALID', {
        field,
        item: keyItems.map((c) => c.item).join('+'),
        problem: `JSON array of ${keyItems.length} values expected`,
      });
    return canonicalKey(keyItems.map((c, i) => this.#encodeKey(c, parts[i], `${field}/${i}`)));
  }

  #encodeKey(column: HostedColumn, raw: unknown, field: string): string | number | boolean {
    const encoded = encodeValue(column, raw, this.deps.dialect);
    if (!encoded.ok || encoded.value === null)
      throw GatewayErrors.error('EXCHANGE_KEY_INVALID', {
        field,
        item: column.item,
        problem: encoded.ok ? 'required' : encoded.problem,
      });
    return encoded.value;
  }
}
