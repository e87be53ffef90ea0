import type BetterSqlite from 'better-sqlite3';
import { residentId } from '../../exchange/test-support/index.js';
import { type Scratch, scratchMariadb, scratchPostgres, WITH_MARIADB, WITH_PG } from './databases.js';

/** A row of the department's own people table (the source of `exchangeContent`). */
export interface Person {
  id_number: string;
  full_name: string | null;
  birth: string | null;
  status: string;
  base: string | null;
  changed: string | null;
  valid: boolean | null;
}

const NAMES = ['张三', '李四 👨‍👩‍👧', '王五', 'Ōno 小野', '欧阳娜娜', '𠀀字', '赵六', "O'Neil"];

/** `count` people with every awkward value: emoji, rare characters, NULLs, decimals, leap days. */
export function people(count: number, from = 0): Person[] {
  return Array.from({ length: count }, (_, n) => {
    const i = from + n;
    const year = 1950 + (i % 50);
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((Math.floor(i / 12) % 28) + 1).padStart(2, '0');
    const region = String(110101 + (Math.floor(i / 336_000) % 50));
    return {
      id_number: residentId(`${year}${month}${day}`, (Math.floor(i / 12 / 28) % 1000) + 1, region),
      full_name: i % 17 === 5 ? null : `${NAMES[i % NAMES.length]}${i}`,
      birth: i % 13 === 7 ? null : i % 29 === 3 ? '2000-02-29' : `${year}-${month}-${day}`,
      status: i % 3 === 2 ? '暂停' : '正常',
      base: i % 11 === 4 ? null : `${(3000 + (i % 9000)).toString()}.${String(i % 100).padStart(2, '0')}`,
      changed:
        i % 7 === 1
          ? null
          : `2026-0${(i % 9) + 1}-1${i % 10} 0${i % 10}:1${i % 6}:2${i % 10}.${String(i % 1000).padStart(3, '0')}`,
      valid: i % 19 === 6 ? null : i % 4 !== 3,
    };
  });
}

function decimal(text: string | null): string | null {
  if (text === null) return null;
  const [whole, fraction = ''] = text.split('.');
  const f = fraction.replace(/0+$/, '');
  return `${String(Number(whole))}${f ? `.${f}` : ''}`;
}

/** The record the platform should hold for a person. */
export function expectedRecord(p: Person): Record<string, string | number | boolean | null> {
  return {
    公民身份号码: p.id_number,
    姓名: p.full_name,
    出生日期: p.birth,
    参保状态: p.status,
    缴费基数: decimal(p.base),
    更新时间: p.changed ? new Date(`${p.changed.replace(' ', 'T')}+08:00`).toISOString() : null,
    是否有效: p.valid,
  };
}

/** The configuration's item → column map of the people table. */
export const PEOPLE_ITEMS = `
      公民身份号码: id_number
      姓名: full_name
      出生日期: birth
      参保状态: status
      缴费基数: base
      更新时间: changed
      是否有效: valid`;

export type DepartmentKind = 'postgres' | 'mysql';

/** The department database kinds this machine runs (PostgreSQL, MariaDB). */
export const DEPARTMENT_KINDS: DepartmentKind[] = [
  ...(WITH_PG ? ['postgres' as const] : []),
  ...(WITH_MARIADB ? ['mysql' as const] : []),
];

/**
 * The outbound mapping `population` of the department's people table onto the entry, as a YAML
 * list item; `sync` is the mapping's sync setting, `more` further lines of it.
 */
export function populationMapping(entryId: string, sync: string, more = ''): string {
  return `  - name: population
    entryId: ${entryId}
    database: dept
    table: people
    items:${PEOPLE_ITEMS}
    sync: ${sync}
${more}`;
}

/**
 * A department's SQLite file with a people table of these rows; `updatedAt` gives each row's
 * `updated_at` (the column is left out without it). The database is answered open.
 */
export async function sqlitePeople(
  path: string,
  rows: Person[],
  updatedAt?: (index: number) => number,
): Promise<BetterSqlite.Database> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path);
  db.exec(`CREATE TABLE people (id_number text PRIMARY KEY, full_name text, birth text, status text, base text,
      changed text, valid integer${updatedAt ? ', updated_at integer NOT NULL' : ''})`);
  const insert = db.prepare(`INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?${updatedAt ? ', ?' : ''})`);
  for (const [i, p] of rows.entries())
    insert.run(
      p.id_number,
      p.full_name,
      p.birth,
      p.status,
      p.base,
      p.changed,
      p.valid === null ? null : Number(p.valid),
      ...(updatedAt ? [updatedAt(i)] : []),
    );
  return db;
}

/** A department database with a people table; `updated_at` is kept by the database itself. */
export class DepartmentDb {
  private constructor(
    readonly kind: DepartmentKind,
    readonly scratch: Scratch,
  ) {}

  static async open(kind: DepartmentKind): Promise<DepartmentDb> {
    return new DepartmentDb(kind, kind === 'postgres' ? await scratchPostgres() : await scratchMariadb());
  }

  get url(): string {
    return this.scratch.url;
  }

  #ph(i: number): string {
    return this.kind === 'postgres' ? `$${i}` : '?';
  }

  /** Creates `table`, with an `updated_at` column kept current on every write when asked. */
  async createPeople(
    table = 'people',
    options: { updatedAt?: boolean; softDelete?: boolean } = {},
  ): Promise<void> {
    const pg = this.kind === 'postgres';
    const columns = [
      'id_number varchar(18) PRIMARY KEY',
      'full_name varchar(50)',
      'birth date',
      'status varchar(10) NOT NULL',
      pg ? 'base numeric(12,2)' : 'base decimal(12,2)',
      pg ? 'changed timestamp(3)' : 'changed datetime(3)',
      pg ? 'valid boolean' : 'valid tinyint(1)',
    ];
    if (options.softDelete)
      columns.push(pg ? 'deleted boolean NOT NULL DEFAULT false' : 'deleted tinyint(1) NOT NULL DEFAULT 0');
    if (options.updatedAt)
      columns.push(
        pg
          ? 'updated_at timestamptz(6) NOT NULL DEFAULT clock_timestamp()'
          : 'updated_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)',
      );
    await this.scratch.exec(`CREATE TABLE ${table} (${columns.join(', ')})`);
    if (options.updatedAt) {
      await this.scratch.exec(`CREATE INDEX ${table}_updated ON ${table} (updated_at, id_number)`);
      if (pg) {
        // PostgreSQL has no ON UPDATE default: a trigger keeps updated_at current.
        await this.scratch.exec(`CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger AS $$
          BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$ LANGUAGE plpgsql`);
        await this.scratch.exec(
          `CREATE TRIGGER ${table}_touch BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION touch_updated_at()`,
        );
      }
    }
  }

  async insert(rows: Person[], table = 'people'): Promise<void> {
    const names = ['id_number', 'full_name', 'birth', 'status', 'base', 'changed', 'valid'];
    for (let start = 0; start < rows.length; start += 500) {
      const values: unknown[] = [];
      const tuples = rows.slice(start, start + 500).map((p) => {
        const row = names.map((n) => p[n as keyof Person]);
        return `(${row.map((v) => this.#ph(values.push(this.kind === 'mysql' && typeof v === 'boolean' ? Number(v) : v))).join(', ')})`;
      });
      await this.scratch.exec(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES ${tuples.join(', ')}`,
        values,
      );
    }
  }

  /** Sets a column of these rows (the database moves their updated_at). */
  async update(ids: string[], column: keyof Person, value: unknown, table = 'people'): Promise<void> {
    const v = this.kind === 'mysql' && typeof value === 'boolean' ? Number(value) : value;
    for (const id of ids)
      await this.scratch.exec(
        `UPDATE ${table} SET ${column} = ${this.#ph(1)} WHERE id_number = ${this.#ph(2)}`,
        [v, id],
      );
  }

  async remove(ids: string[], table = 'people'): Promise<void> {
    for (const id of ids)
      await this.scratch.exec(`DELETE FROM ${table} WHERE id_number = ${this.#ph(1)}`, [id]);
  }

  async markDeleted(ids: string[], table = 'people'): Promise<void> {
    for (const id of ids)
      await this.scratch.exec(
        `UPDATE ${table} SET deleted = ${this.kind === 'postgres' ? 'true' : '1'} WHERE id_number = ${this.#ph(1)}`,
        [id],
      );
  }

  /** The config's database section for this database. */
  yaml(name = 'dept'): string {
    return `  ${name}:\n    type: ${this.kind}\n    url: ${this.url}\n`;
  }

  drop(): Promise<void> {
    return this.scratch.drop();
  }
}
