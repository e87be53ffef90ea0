import type { DatabaseType } from '../config/model.js';
import type { ExchangeValue, ItemSpec } from '../values.js';

/** A local column of an inbound table and the item it keeps. */
export interface SinkColumn {
  column: string;
  spec: ItemSpec & { personal?: boolean };
}

export interface SinkTable {
  /** The mapping's name: the cursor's row. */
  mapping: string;
  table: string;
  keyColumn: string;
  columns: SinkColumn[];
}

/** The net effect of a run of changes on one record: its current values, or gone. */
export interface SinkRow {
  key: string;
  values: ExchangeValue[] | null;
}

/** The cursor table every sink keeps beside its tables, written in the same transaction. */
export const CURSOR_TABLE = 'govshare_agent_cursor';

/**
 * A department database the agent keeps local copies in. `apply` writes the rows and moves the
 * mapping's cursor in one transaction, so a crash leaves both before or both after a pull.
 */
export interface Sink {
  readonly type: DatabaseType;
  /** The table's columns, or undefined when there is no such table. */
  columns(table: string): Promise<string[] | undefined>;
  /** Creates the cursor table, and the local table when missing (if allowed); answers problems. */
  prepare(table: SinkTable, create: boolean): Promise<string[]>;
  cursor(mapping: string): Promise<number | undefined>;
  /**
   * Applies rows and sets the cursor to `lastSeq`, provided it is still `fromSeq` (another node
   * writing the same mapping would otherwise apply changes twice).
   */
  apply(table: SinkTable, rows: SinkRow[], fromSeq: number, lastSeq: number): Promise<void>;
  close(): Promise<void>;
}

/** The cursor moved under us: another process writes the same mapping. */
export class CursorMovedError extends Error {
  constructor(mapping: string, expected: number, found: number | undefined) {
    super(
      `映射 ${mapping} 的游标已被其他进程移动（应为 ${expected}，实为 ${found}）/ the cursor of ${mapping} was moved by another process (expected ${expected}, found ${found})`,
    );
    this.name = 'CursorMovedError';
  }
}

const MYSQL_TEXT_MAX = 2000;

/**
 * The local column type of an item. Personal items may arrive masked (`110105********002X`), so
 * unless they are text anyway they are kept as text.
 */
export function localType(spec: SinkColumn['spec'], type: DatabaseType): string {
  const dt = spec.personal && !['C', 'M', 'G'].includes(spec.dataType) ? 'C' : spec.dataType;
  const length = dt === spec.dataType ? spec.length : undefined;
  switch (type) {
    case 'postgres':
      return {
        C: 'text',
        M: 'text',
        G: 'text',
        N: 'numeric',
        Y: 'numeric',
        D: 'date',
        T: 'timestamptz',
        L: 'boolean',
        I: 'bigint',
        B: 'double precision',
        F: 'double precision',
      }[dt];
    case 'mysql':
      if (dt === 'C') return length && length <= MYSQL_TEXT_MAX ? `varchar(${length})` : 'text';
      return {
        C: 'text',
        M: 'longtext',
        G: 'longtext',
        N: 'decimal(65,30)',
        Y: 'decimal(65,30)',
        D: 'date',
        T: 'datetime(3)',
        L: 'tinyint(1)',
        I: 'bigint',
        B: 'double',
        F: 'double',
      }[dt];
    default:
      return {
        C: 'text',
        M: 'text',
        G: 'text',
        N: 'text',
        Y: 'text',
        D: 'text',
        T: 'text',
        L: 'integer',
        I: 'integer',
        B: 'real',
        F: 'real',
      }[dt];
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** An ISO instant as a naive `YYYY-MM-DD HH:MM:SS.mmm` at the given offset (MySQL DATETIME). */
export function naiveAt(iso: string, offset: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = new Date(at.getTime() + minutes * 60_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}`;
}

/** A received value as the local column takes it. */
export function toLocal(
  spec: SinkColumn['spec'],
  value: ExchangeValue,
  type: DatabaseType,
  offset: string,
): unknown {
  if (value === null || value === undefined) return null;
  const masked = spec.personal && !['C', 'M', 'G'].includes(spec.dataType);
  if (masked) return String(value);
  switch (spec.dataType) {
    case 'L':
      if (type === 'postgres') return value === true || value === 'true';
      return value === true || value === 'true' ? 1 : 0;
    case 'T':
      return type === 'mysql' ? naiveAt(String(value), offset) : String(value);
    case 'I':
    case 'B':
    case 'F':
      return typeof value === 'number' ? value : Number(value);
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/**
 * The shared half of `Sink.prepare`: a missing table is created by `createTable` (or reported
 * where the mapping says `create: false`); an existing one is checked for every column it needs.
 * Answers the problems, empty when the table is ready.
 */
export async function prepareTable(
  sink: Pick<Sink, 'columns'>,
  t: SinkTable,
  create: boolean,
  createTable: () => Promise<void>,
): Promise<string[]> {
  const existing = await sink.columns(t.table);
  if (!existing) {
    if (!create)
      return [`表 ${t.table} 不存在（create: false）/ table ${t.table} does not exist (create: false)`];
    await createTable();
    return [];
  }
  return [t.keyColumn, ...t.columns.map((c) => c.column)]
    .filter((c) => !existing.includes(c))
    .map((c) => `表 ${t.table} 没有列 ${c} / table ${t.table} has no column ${c}`);
}
