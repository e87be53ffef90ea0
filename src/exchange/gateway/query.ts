import type { DialectName } from '../../platform/db/index.js';
import { AppError, type LocalizedParam } from '../../platform/errors/index.js';
import { IDENTIFIER_REASON_TEXT, type IdentifierReason } from '../../platform/identifiers/index.js';
import type { OpenedRead } from '../access.js';
import { canonicalKey, type Encoded, encodeValue, keyColumns } from '../hosting/columns.js';
import type {
  HostedColumn,
  HostedResource,
  RecordValues,
  RecordVerification,
  SealedRecord,
} from '../model.js';
import type { ExchangeDb } from '../schema.js';
import { QueryCursors } from './cursor.js';
import { GatewayErrors } from './errors.js';
import { verificationMarks } from './marks.js';
import { maskRuleOf, maskValue, rowProjector } from './masking.js';
import { type StoredValue, sealedRows, selectRows } from './rows.js';

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

/** The flag a record of an answer carries while an open verification request names it (R83). */
export const UNDER_VERIFICATION = 'underVerification';

export interface QueryAnswer {
  /** Each record's items; `underVerification: true` on a record under verification. */
  records: RecordValues[];
  nextCursor: string | null;
  grantId: string;
  masked: string[];
  /** Keys asked for (as given, in input order) that no record answers; first page only. */
  notFound: string[];
  /** The page's sealed records, for a reader who receives them whole and in clear (R106). */
  sealed?: SealedRecord[];
}

/** What a lookup asks for, validated against the resource's key items. */
interface Lookup {
  keys?: string[];
  /** The keys as given, in input order, each with its canonical form. */
  given?: { raw: string; canonical: string }[];
  filter?: { column: HostedColumn; value: StoredValue }[];
  /** The record keys the question names: its keys, and a filter on a resource's one key item. */
  asked: string[];
  /** Binds cursors to this lookup. */
  scope: string;
}

export const DEFAULT_QUERY_LIMIT = 100;

/** How many bad keys a refusal lists one by one; the rest it counts. */
export const LISTED_BAD_KEYS = 20;

/** A key of a batch that does not validate, and why. */
interface BadKey {
  /** 0-based position in `keys`. */
  index: number;
  raw: string;
  problem: LocalizedParam;
}

const SHOWN_KEY_LENGTH = 40;

/**
 * A bad key as a refusal may show it: printable, at most 40 characters, and masked by the rule of
 * its item when that is personal (a resident ID number as everywhere else: 110105********002X),
 * because an error message reaches logs and screens that the data may not.
 */
function shownKey(keyItems: readonly HostedColumn[], raw: string): string {
  const chars = [...raw.toWellFormed().trim()].map((ch) => (ch < ' ' || ch === '\u007f' ? '\ufffd' : ch));
  const text =
    chars.length > SHOWN_KEY_LENGTH ? `${chars.slice(0, SHOWN_KEY_LENGTH).join('')}…` : chars.join('');
  const only = keyItems.length === 1 ? keyItems[0] : undefined;
  if (only)
    return only.personal || only.keyKind === 'resident_id' ? String(maskValue(text, maskRuleOf(only))) : text;
  return keyItems.some((c) => c.personal) ? String(maskValue(text, 'generic')) : text;
}

/** Why a key value was refused, in words a user reads. */
function problemText(encoded: Extract<Encoded, { ok: false }>): LocalizedParam {
  switch (encoded.problem) {
    case 'identifier':
      return (
        IDENTIFIER_REASON_TEXT[encoded.detail as IdentifierReason] ?? {
          zh: '标识码无效',
          en: 'invalid identifier',
        }
      );
    case 'required':
      return { zh: '为空', en: 'empty' };
    case 'text':
      return {
        zh: `含有无法存储的字符（${encoded.detail}）`,
        en: `holds a character that cannot be stored (${encoded.detail})`,
      };
    case 'length':
      return { zh: `超过长度上限（${encoded.detail}）`, en: `too long (${encoded.detail})` };
    default:
      return { zh: `格式不符（${encoded.detail}）`, en: `wrong format (${encoded.detail})` };
  }
}

/**
 * The refusal of a batch with bad keys: the whole batch is refused (nothing is read), and the
 * message names each bad key by its line (1-based position in `keys`) up to `LISTED_BAD_KEYS`.
 */
function badKeysError(keyItems: readonly HostedColumn[], bad: readonly BadKey[]): AppError {
  const listed = bad.slice(0, LISTED_BAD_KEYS);
  const line = (b: BadKey, locale: 'zh' | 'en') =>
    locale === 'zh'
      ? `第 ${b.index + 1} 行 ${shownKey(keyItems, b.raw)} ${b.problem.zh}`
      : `line ${b.index + 1} ${shownKey(keyItems, b.raw)} ${b.problem.en}`;
  const more = bad.length - listed.length;
  return GatewayErrors.error('EXCHANGE_KEY_INVALID', {
    field: `/body/keys/${bad[0]?.index ?? 0}`,
    item: keyItems.map((c) => c.item).join('+'),
    problem: {
      zh: `${listed.map((b) => line(b, 'zh')).join('；')}${more > 0 ? `；另有 ${more} 行` : ''}（共 ${bad.length} 行有误，整批未查询，请更正后重试）`,
      en: `${listed.map((b) => line(b, 'en')).join('; ')}${more > 0 ? `; and ${more} more` : ''} (${bad.length} bad; nothing was queried, correct them and retry)`,
    },
  });
}

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
      /** Records under verification, marked in answers (R83); none where unbound. */
      verification?: RecordVerification | undefined;
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
      const given: { raw: string; canonical: string }[] = [];
      const bad: BadKey[] = [];
      body.keys.forEach((raw, index) => {
        try {
          given.push({ raw, canonical: this.#canonical(keyItems, raw, `/body/keys/${index}`) });
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'EXCHANGE_KEY_INVALID') throw error;
          const problem = error.params.problem as LocalizedParam;
          // In a key of several items, the item whose value is wrong.
          const part =
            keyItems.length > 1 && !String(error.params.item).includes('+') ? error.params.item : '';
          bad.push({
            index,
            raw,
            problem: part ? { zh: `${part}${problem.zh}`, en: `${part}: ${problem.en}` } : problem,
          });
        }
      });
      if (bad.length > 0) throw badKeysError(keyItems, bad);
      lookup.given = given;
      lookup.keys = [...new Set(given.map((g) => g.canonical))].sort();
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
  ): Promise<{
    answer: QueryAnswer;
    keys: string[];
    found: number;
    notFound: number | undefined;
    /** The canonical key of each record of the answer, in its order. */
    returned: string[];
  }> {
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
    const notFound =
      page.cursor === undefined ? await this.#notFound(read, lookup, more, returned) : undefined;
    const marked = await verificationMarks(this.deps.verification, read.resource.entry.id, returned);
    const sealed = await sealedRows(this.deps.db, read, pageRows);
    return {
      answer: {
        records: pageRows.map((row) => {
          const record = project(row);
          // Still served while the request is open (R83), but never unmarked.
          if (marked(String(row._key))) record[UNDER_VERIFICATION] = true;
          return record;
        }),
        nextCursor: more && last ? this.#cursors.encode(lookup.scope, String(last._key)) : null,
        grantId: read.grant.id,
        masked: [...read.masked],
        notFound: notFound ?? [],
        ...(sealed.length > 0 ? { sealed } : {}),
      },
      keys: [...new Set([...asked, ...returned])],
      found: pageRows.length,
      notFound: notFound?.length,
      returned,
    };
  }

  /**
   * The keys given that no record answers, as given and in input order (each once). A first page
   * that holds every answer says it by itself; otherwise one indexed read of the keys tells.
   */
  async #notFound(
    read: OpenedRead<HostedResource>,
    lookup: Lookup,
    more: boolean,
    returned: readonly string[],
  ): Promise<string[] | undefined> {
    if (!lookup.given || !lookup.keys) return undefined;
    const found = new Set(
      more
        ? (
            await selectRows(this.deps.db, read.resource, [], {
              keys: lookup.keys,
              filter: lookup.filter?.map((f) => ({ column: f.column.column, value: f.value })),
              limit: lookup.keys.length,
            })
          ).map((r) => String(r._key))
        : returned,
    );
    const seen = new Set<string>();
    const missing: string[] = [];
    for (const { raw, canonical } of lookup.given) {
      if (found.has(canonical) || seen.has(canonical)) continue;
      seen.add(canonical);
      missing.push(raw);
    }
    return missing;
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
        problem: {
          zh: `应为 ${keyItems.length} 个值的 JSON 数组`,
          en: `JSON array of ${keyItems.length} values expected`,
        },
      });
    return canonicalKey(keyItems.map((c, i) => this.#encodeKey(c, parts[i], `${field}/${i}`)));
  }

  #encodeKey(column: HostedColumn, raw: unknown, field: string): string | number | boolean {
    const encoded = encodeValue(column, raw, this.deps.dialect);
    if (!encoded.ok || encoded.value === null)
      throw GatewayErrors.error('EXCHANGE_KEY_INVALID', {
        field,
        item: column.item,
        problem: problemText(encoded.ok ? { ok: false, problem: 'required', detail: '' } : encoded),
      });
    return encoded.value;
  }
}
