import type { Kysely } from 'kysely';
import type { AuditTables } from '../schema.js';

/**
 * Deletes every entry after `keep` and the checkpoints past it, and points the head at entry
 * `keep`: what someone with write access to the database can do to take back what was logged.
 */
export async function truncateChain(executor: unknown, keep: number): Promise<void> {
  const db = executor as Kysely<AuditTables>;
  const last = await db
    .selectFrom('audit_entry')
    .selectAll()
    .where('seq', '=', keep)
    .executeTakeFirstOrThrow();
  const checkpoint = await db
    .selectFrom('audit_checkpoint')
    .selectAll()
    .where('seq', '<=', keep)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('audit_subject').where('seq', '>', keep).execute();
  await db.deleteFrom('audit_entry').where('seq', '>', keep).execute();
  await db.deleteFrom('audit_checkpoint').where('seq', '>', keep).execute();
  await db
    .updateTable('audit_head')
    .set({
      seq: keep,
      hash: last.hash,
      at: last.at,
      checkpoint_seq: checkpoint.seq,
      checkpoint_at: checkpoint.at,
    })
    .where('id', '=', 1)
    .execute();
}
