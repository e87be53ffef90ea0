import { type Kysely, type Migration, sql } from 'kysely';
import type { DialectName } from '../platform/db/index.js';
import { GENESIS_HASH, nextMonth } from './canonical.js';
import { partitionName } from './chain.js';

const ENTRY_COLUMNS = sql.raw(
  'id, at, actor_kind, actor_id, actor_name, department_id, action, target_type, target_id, outcome, detail, request_id, client_ip',
);

/**
 * Creates the audit_entry table as 2026_11_21_020_audit_entry made it, before the chain: that
 * migration creates it, and undoing the chain migration brings it back.
 */
export async function createUnchainedEntry(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('department_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('client_ip', 'text')
    .execute();
}

/**
 * 2026_11_21_200_audit_chain: the unchained audit_entry becomes the chained, (on PostgreSQL)
 * month-partitioned trace. Existing rows keep their order (id is time-ordered) as seq 1…n with
 * empty hashes; the trail chains them with the instance's algorithm when it opens, because only
 * the running instance knows its crypto suite.
 */
export function auditChainMigration(dialect: DialectName): Migration {
  const pg = dialect === 'postgres';
  const big = pg ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      for (const index of ['audit_entry_at', 'audit_entry_actor', 'audit_entry_target'])
        await db.schema.dropIndex(index).ifExists().execute();
      await db.schema.alterTable('audit_entry').renameTo('audit_entry_unchained').execute();

      let entry = db.schema
        .createTable('audit_entry')
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('month', 'integer', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text')
        .addColumn('department_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text')
        .addColumn('target_id', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text')
        .addColumn('items', 'text')
        .addColumn('method', 'text')
        .addColumn('purpose', 'text')
        .addColumn('case_number', 'text')
        .addColumn('grant_id', 'text')
        .addColumn('result_count', 'integer')
        .addColumn('record_keys', 'text')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text')
        .addColumn('client_ip', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull());
      let subject = db.schema
        .createTable('audit_subject')
        .addColumn('key_digest', 'text', (c) => c.notNull())
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('month', 'integer', (c) => c.notNull());
      if (pg) {
        // A partitioned table's keys must include the partition column.
        entry = entry
          .addPrimaryKeyConstraint('audit_entry_pk', ['seq', 'month'])
          .modifyEnd(sql`partition by range (month)`);
        subject = subject
          .addPrimaryKeyConstraint('audit_subject_pk', ['key_digest', 'seq', 'month'])
          .modifyEnd(sql`partition by range (month)`);
      } else {
        entry = entry.addPrimaryKeyConstraint('audit_entry_pk', ['seq']);
        subject = subject.addPrimaryKeyConstraint('audit_subject_pk', ['key_digest', 'seq']);
      }
      await entry.execute();
      await subject.execute();
      for (const [name, columns] of [
        ['audit_entry_at', ['at']],
        ['audit_entry_actor', ['actor_id', 'seq']],
        ['audit_entry_department', ['department_id', 'seq']],
        ['audit_entry_target', ['target_type', 'target_id']],
        ['audit_entry_resource', ['resource_id', 'seq']],
        ['audit_entry_request', ['request_id']],
      ] as const)
        await db.schema
          .createIndex(name)
          .on('audit_entry')
          .columns([...columns])
          .execute();

      if (pg) {
        const months = await sql<{ month: number }>`
          select distinct (substr(at, 1, 4) || substr(at, 6, 2))::int as month from audit_entry_unchained
          union select to_char(now() at time zone 'UTC', 'YYYYMM')::int
          union select to_char((now() at time zone 'UTC') + interval '1 month', 'YYYYMM')::int`.execute(db);
        for (const { month } of months.rows)
          for (const table of ['audit_entry', 'audit_subject'] as const)
            await sql`create table ${sql.table(partitionName(table, month))} partition of ${sql.table(table)} for values from (${sql.lit(month)}) to (${sql.lit(nextMonth(month))})`.execute(
              db,
            );
      }
      const month = pg
        ? sql`(substr(at, 1, 4) || substr(at, 6, 2))::int`
        : sql`cast(substr(at, 1, 4) || substr(at, 6, 2) as integer)`;
      await sql`
        insert into audit_entry (seq, month, category, prev_hash, hash, ${ENTRY_COLUMNS})
        select row_number() over (order by id), ${month},
          case when action like 'auth.%' then 'auth' else 'admin' end, '', '', ${ENTRY_COLUMNS}
        from audit_entry_unchained`.execute(db);
      await db.schema.dropTable('audit_entry_unchained').execute();

      await db.schema
        .createTable('audit_checkpoint')
        .addColumn('seq', big, (c) => c.primaryKey())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('hash_algorithm', 'text', (c) => c.notNull())
        .addColumn('signature_algorithm', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_archive')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('from_seq', big, (c) => c.notNull())
        .addColumn('to_seq', big, (c) => c.notNull().unique())
        .addColumn('from_at', 'text', (c) => c.notNull())
        .addColumn('to_at', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('last_hash', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('file_digest', 'text', (c) => c.notNull())
        .addColumn('manifest', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('checkpoint_seq', big, (c) => c.notNull())
        .addColumn('checkpoint_at', 'text', (c) => c.notNull())
        .execute();
      // Migrated rows wait for their hashes: the head points past them with an empty hash, which
      // stops any append until the trail has chained them.
      await sql`
        insert into audit_head (id, seq, hash, at, checkpoint_seq, checkpoint_at)
        select 1, coalesce(max(seq), 0), case when count(*) = 0 then ${GENESIS_HASH} else '' end,
          coalesce(max(at), ''), 0, ''
        from audit_entry`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      for (const table of ['audit_head', 'audit_archive', 'audit_checkpoint', 'audit_subject'])
        await db.schema.dropTable(table).execute();
      await db.schema.alterTable('audit_entry').renameTo('audit_entry_chained').execute();
      await createUnchainedEntry(db);
      await sql`insert into audit_entry (${ENTRY_COLUMNS}) select ${ENTRY_COLUMNS} from audit_entry_chained`.execute(
        db,
      );
      await (pg
        ? db.schema.dropTable('audit_entry_chained').cascade()
        : db.schema.dropTable('audit_entry_chained')
      ).execute();
    },
  };
}
