import type { Kysely } from 'kysely';
import type { AuditTables } from './schema.js';

/** An account's failed sign-ins in a period, as the audit trail holds them. */
export interface FailedSignIns {
  count: number;
  lastAt: string | null;
  lastAddress: string | null;
}

/**
 * Failed sign-ins per account since `from`, read from the trail (the account-security view of the
 * security administrator): org writes a failure only as an `auth.login` entry with outcome
 * `failure` naming the account tried. A try of a name that is no account (the entry's actor id is
 * empty, its target the name typed) belongs to no account and is left out.
 */
export async function failedSignInsSince(
  db: Kysely<AuditTables>,
  from: string,
): Promise<Map<string, FailedSignIns>> {
  // yyyymm of `from`: on PostgreSQL the trail is partitioned by month, older partitions are skipped.
  const month = Number(from.slice(0, 4)) * 100 + Number(from.slice(5, 7));
  const rows = await db
    .selectFrom('audit_entry as e')
    .select((eb) => [
      'e.target_id',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.max('e.at').as('last_at'),
      eb
        .selectFrom('audit_entry as l')
        .select('l.client_ip')
        .where('l.action', '=', 'auth.login')
        .where('l.outcome', '=', 'failure')
        .where('l.target_type', '=', 'user')
        .whereRef('l.target_id', '=', 'e.target_id')
        .where('l.month', '>=', month)
        .where('l.at', '>=', from)
        .orderBy('l.seq', 'desc')
        .limit(1)
        .as('last_address'),
    ])
    .where('e.action', '=', 'auth.login')
    .where('e.outcome', '=', 'failure')
    .where('e.target_type', '=', 'user')
    .whereRef('e.actor_id', '=', 'e.target_id')
    .where('e.month', '>=', month)
    .where('e.at', '>=', from)
    .groupBy('e.target_id')
    .execute();
  const failures = new Map<string, FailedSignIns>();
  for (const r of rows) {
    if (r.target_id === null) continue;
    failures.set(r.target_id, {
      count: Number(r.n),
      lastAt: r.last_at,
      lastAddress: r.last_address ?? null,
    });
  }
  return failures;
}
