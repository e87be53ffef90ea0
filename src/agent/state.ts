import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Position } from './sources/types.js';

/** Where a mapping's full comparison stands. */
export interface ScanState {
  /** The comparison's generation: rows seen in it are stamped with it. */
  generation: number;
  phase: 'rows' | 'deletes';
  /** rows: position in the source; deletes: the last key sent as deleted. */
  after: Position | string | undefined;
  startedAt: string;
}

export interface MappingState {
  name: string;
  fingerprint: string;
  /** Incremental (updated-at) position: the last row the platform acknowledged. */
  cursor: Position | undefined;
  scan: ScanState | undefined;
  /** Generation of the last comparison started (0 before any). */
  generation: number;
  /** When the last full comparison finished (or the mapping was first set up). */
  lastCompareAt: string | null;
  rowsSynced: number;
  lastSyncedAt: string | null;
}

/** One page's effect, written in one transaction after the platform acknowledged it. */
export interface Commit {
  /** Rows now on the platform with these values (key → hash), stamped with `generation`. */
  put?: Array<[key: string, hash: string]>;
  /** Rows seen unchanged in a comparison: stamped with its generation. */
  seen?: string[];
  /** Rows deleted on the platform. */
  removed?: string[];
  generation: number;
  cursor?: Position | undefined;
  scan?: ScanState | null;
  lastCompareAt?: string;
  rows: number;
  at: string;
}

interface MappingRow {
  name: string;
  fingerprint: string;
  cursor: string | null;
  scan: string | null;
  generation: number;
  last_compare_at: string | null;
  rows_synced: number;
  last_synced_at: string | null;
}

/**
 * The agent's own small database (`<stateDir>/state.db`): each outbound mapping's position and
 * the digest of every row the platform holds from it. It changes only after the platform has
 * acknowledged a batch, in one durable transaction, so a crash at any point loses at most the
 * acknowledgement of the last batch: that batch is sent again and the platform finds it
 * unchanged, so no change event is written twice and no row is skipped.
 */
export class StateStore {
  readonly #db: Database.Database;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.#db = new Database(join(dir, 'state.db'));
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS mapping (
        name TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        cursor TEXT,
        scan TEXT,
        generation INTEGER NOT NULL DEFAULT 0,
        last_compare_at TEXT,
        rows_synced INTEGER NOT NULL DEFAULT 0,
        last_synced_at TEXT
      );
      CREATE TABLE IF NOT EXISTS row_hash (
        mapping TEXT NOT NULL,
        key TEXT NOT NULL,
        hash TEXT NOT NULL,
        generation INTEGER NOT NULL,
        PRIMARY KEY (mapping, key)
      ) WITHOUT ROWID;
    `);
  }

  #map(row: MappingRow): MappingState {
    return {
      name: row.name,
      fingerprint: row.fingerprint,
      cursor: row.cursor ? JSON.parse(row.cursor) : undefined,
      scan: row.scan ? JSON.parse(row.scan) : undefined,
      generation: row.generation,
      lastCompareAt: row.last_compare_at,
      rowsSynced: row.rows_synced,
      lastSyncedAt: row.last_synced_at,
    };
  }

  /**
   * The mapping's state. A changed fingerprint (another table, mode or columns) restarts its
   * positions; another catalog entry also forgets its rows, which belong to the old resource.
   * `compared` is what a new mapping counts as its last comparison (now: not before the next
   * period; null: at once).
   */
  open(name: string, fingerprint: string, entryId: string, compared: string | null): MappingState {
    const row = this.#db.prepare('SELECT * FROM mapping WHERE name = ?').get(name) as MappingRow | undefined;
    if (row && row.fingerprint === fingerprint) return this.#map(row);
    this.#db.transaction(() => {
      if (row && !row.fingerprint.startsWith(`${entryId}:`))
        this.#db.prepare('DELETE FROM row_hash WHERE mapping = ?').run(name);
      this.#db
        .prepare(
          `INSERT INTO mapping (name, fingerprint, cursor, scan, generation, last_compare_at, rows_synced)
           VALUES (?, ?, NULL, NULL, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, cursor = NULL, scan = NULL,
             last_compare_at = NULL`,
        )
        .run(name, fingerprint, row?.generation ?? 0, row ? null : compared, row?.rows_synced ?? 0);
    })();
    return this.#map(this.#db.prepare('SELECT * FROM mapping WHERE name = ?').get(name) as MappingRow);
  }

  /** The stored digests of these keys. */
  hashes(mapping: string, keys: readonly string[]): Map<string, string> {
    const rows = this.#db
      .prepare('SELECT key, hash FROM row_hash WHERE mapping = ? AND key IN (SELECT value FROM json_each(?))')
      .all(mapping, JSON.stringify(keys)) as Array<{ key: string; hash: string }>;
    return new Map(rows.map((r) => [r.key, r.hash]));
  }

  /** Keys the platform holds from this mapping that the comparison `generation` did not see, in key order. */
  unseen(mapping: string, generation: number, after: string | undefined, limit: number): string[] {
    const rows = this.#db
      .prepare(
        `SELECT key FROM row_hash WHERE mapping = ? AND key > ? AND generation < ? ORDER BY key LIMIT ?`,
      )
      .all(mapping, after ?? '', generation, limit) as Array<{ key: string }>;
    return rows.map((r) => r.key);
  }

  rowCount(mapping: string): number {
    return (
      this.#db.prepare('SELECT count(*) AS n FROM row_hash WHERE mapping = ?').get(mapping) as { n: number }
    ).n;
  }

  /** Applies one acknowledged page: digests, positions and counters together. */
  commit(mapping: string, change: Commit): MappingState {
    const put = this.#db.prepare(
      `INSERT INTO row_hash (mapping, key, hash, generation) VALUES (?, ?, ?, ?)
       ON CONFLICT (mapping, key) DO UPDATE SET hash = excluded.hash, generation = excluded.generation`,
    );
    const seen = this.#db.prepare(
      `UPDATE row_hash SET generation = ? WHERE mapping = ? AND key IN (SELECT value FROM json_each(?))`,
    );
    const remove = this.#db.prepare(
      'DELETE FROM row_hash WHERE mapping = ? AND key IN (SELECT value FROM json_each(?))',
    );
    this.#db.transaction(() => {
      for (const [key, hash] of change.put ?? []) put.run(mapping, key, hash, change.generation);
      if (change.seen?.length) seen.run(change.generation, mapping, JSON.stringify(change.seen));
      if (change.removed?.length) remove.run(mapping, JSON.stringify(change.removed));
      const sets = ['rows_synced = rows_synced + @rows', 'generation = @generation'];
      if (change.rows > 0) sets.push('last_synced_at = @at');
      if ('cursor' in change) sets.push('cursor = @cursor');
      if ('scan' in change) sets.push('scan = @scan');
      if (change.lastCompareAt) sets.push('last_compare_at = @lastCompareAt');
      this.#db.prepare(`UPDATE mapping SET ${sets.join(', ')} WHERE name = @name`).run({
        name: mapping,
        rows: change.rows,
        generation: change.generation,
        at: change.at,
        cursor: change.cursor ? JSON.stringify(change.cursor) : null,
        scan: change.scan ? JSON.stringify(change.scan) : null,
        lastCompareAt: change.lastCompareAt ?? null,
      });
    })();
    return this.#map(this.#db.prepare('SELECT * FROM mapping WHERE name = ?').get(mapping) as MappingRow);
  }

  close(): void {
    this.#db.close();
  }
}
