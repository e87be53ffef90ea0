import { sql } from 'kysely';
import type { DialectName, Executor } from './index.js';

export interface IntegrityResult {
  ok: boolean;
  /** What the database reported wrong (SQLite's `PRAGMA integrity_check` lines); empty when ok. */
  problems: string[];
}

/** Problems reported past this many are summarised: a badly damaged file lists thousands. */
const MAX_PROBLEMS = 100;

/**
 * Whether the database's own structures are sound. SQLite: `PRAGMA integrity_check` (pages,
 * b-trees, indexes against their tables). PostgreSQL keeps its storage consistent itself and has no
 * cheap whole-database check, so it answers ok once the database answers at all.
 *
 * @example
 * const result = await checkIntegrity(storage);
 * if (!result.ok) console.error(result.problems.join('\n'));
 */
export async function checkIntegrity(storage: {
  db: Executor;
  dialect: DialectName;
}): Promise<IntegrityResult> {
  const db = storage.db;
  if (storage.dialect === 'postgres') {
    await sql`select 1`.execute(db);
    return { ok: true, problems: [] };
  }
  let lines: string[];
  try {
    const result = await sql<{
      integrity_check: string;
    }>`pragma integrity_check(${sql.raw(String(MAX_PROBLEMS))})`.execute(db);
    lines = result.rows.map((r) => r.integrity_check);
  } catch (error) {
    // A file damaged badly enough fails the check itself instead of listing what is wrong.
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
      return { ok: false, problems: [(error as Error).message] };
    throw error;
  }
  if (lines.length === 1 && lines[0] === 'ok') return { ok: true, problems: [] };
  return { ok: false, problems: lines };
}
