import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';

import type { Profile } from '../platform/profiles/index.js';
import { type ArchiveManifest, archiveFileDigest, writeArchiveFile } from './archive-file.js';
import { monthOf } from './canonical.js';
import { partitionName } from './chain.js';
import { AuditErrors } from './errors.js';
import type { AuditEntryTable } from './schema.js';
import type { AuditTrail } from './trail.js';

/** The floor under every retention period: never less than six months. */
export const MINIMUM_RETENTION_MONTHS = 6;

export interface RetentionPeriod {
  /** Months entries stay in the live store; null keeps them for ever (no period set anywhere). */
  months: number | null;
  /** The shortest period allowed (the profile's, at least six months). */
  minimumMonths: number;
  /** Where the period comes from, for the operator. */
  basis: string;
}

/**
 * The retention period from the jurisdiction profile (`logs.retention`, years, with its article)
 * and the operator's setting (GOVSHARE_AUDIT_RETENTION_MONTHS), which may only lengthen it.
 */
export function retentionPeriod(profile: Profile, configuredMonths?: number): RetentionPeriod {
  const rule = profile.logs.retention;
  const profileMonths = rule.value === null ? null : rule.value * 12;
  const minimumMonths = Math.max(MINIMUM_RETENTION_MONTHS, profileMonths ?? 0);
  const basis =
    rule.value === null
      ? `${profile.id}: ${rule.text}`
      : `${profile.id} ${rule.article ?? ''} ${rule.semantics === 'minimum' ? '≥' : '='} ${rule.value} 年/years`;
  const months = configuredMonths ?? profileMonths;
  if (months !== null && months < minimumMonths)
    throw AuditErrors.error('AUDIT_RETENTION_INVALID', {
      reason: {
        zh: `${months} 个月短于下限 ${minimumMonths} 个月（${basis}）`,
        en: `${months} months is under the minimum of ${minimumMonths}`,
      },
    });
  return {
    months,
    minimumMonths,
    basis: configuredMonths === undefined ? basis : `${basis}; configured ${months} months`,
  };
}

export interface RetentionResult {
  /** Entries before this instant are expired. */
  cutoff: string;
  dryRun: boolean;
  archived: { fromSeq: number; toSeq: number; entries: number; file: string } | null;
  droppedPartitions: number[];
  deletedEntries: number;
}

/** `months` before `now`, on the calendar (UTC). */
export function cutoffFor(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Moves expired entries out of the live store: writes them to a sealed archive file
 * (`<archiveDir>/<from>-<to>.ndjson.gz`, gzip NDJSON) with a signed manifest that links to the
 * chain before it, records the archive, then drops fully expired month partitions (PostgreSQL) and
 * deletes the remaining expired rows, in one transaction under the chain lock.
 */
export async function applyRetention(
  trail: AuditTrail,
  options: { months: number; archiveDir: string; dryRun?: boolean },
): Promise<RetentionResult> {
  const { chain, keys, clock, dialect, db } = trail.internals;
  const cutoff = cutoffFor(clock.now(), options.months).toISOString();
  const range = await db
    .selectFrom('audit_entry')
    .select((eb) => [eb.fn.min('seq').as('from'), eb.fn.max('seq').as('to'), eb.fn.countAll().as('count')])
    .where('at', '<', cutoff)
    .executeTakeFirst();
  const from = Number(range?.from ?? 0);
  const to = Number(range?.to ?? 0);
  const count = Number(range?.count ?? 0);
  const none: RetentionResult = {
    cutoff,
    dryRun: options.dryRun ?? false,
    archived: null,
    droppedPartitions: [],
    deletedEntries: 0,
  };
  if (count === 0) return none;
  // `at` never decreases along the chain, so the expired entries are one unbroken prefix.
  if (count !== to - from + 1) throw new Error(`expired audit entries ${from}–${to} are not contiguous`);
  const name = `${String(from).padStart(12, '0')}-${String(to).padStart(12, '0')}.ndjson.gz`;
  if (options.dryRun) return { ...none, archived: { fromSeq: from, toSeq: to, entries: count, file: name } };

  if (!existsSync(options.archiveDir)) mkdirSync(options.archiveDir, { recursive: true, mode: 0o700 });
  const path = join(options.archiveDir, name);
  let first: AuditEntryTable | undefined;
  let last: AuditEntryTable | undefined;
  async function* pages() {
    for (let next = from; next <= to; ) {
      const page = await db
        .selectFrom('audit_entry')
        .selectAll()
        .where('seq', '>=', next)
        .where('seq', '<=', to)
        .orderBy('seq')
        .limit(10_000)
        .execute();
      if (page.length === 0) return;
      first ??= page[0];
      last = page[page.length - 1] as AuditEntryTable;
      next = last.seq + 1;
      yield page;
    }
  }
  await writeArchiveFile(path, pages());
  if (!first || !last) throw new Error('expired entries vanished while archiving');
  const manifest: ArchiveManifest = {
    format: 'govshare-audit-archive/1',
    from_seq: from,
    to_seq: to,
    from_at: first.at,
    to_at: last.at,
    entries: count,
    prev_hash: first.prev_hash,
    last_hash: last.hash,
    file: `audit-archive/${name}`,
    file_digest: await archiveFileDigest(path, keys.hashAlgorithm),
    hash_algorithm: keys.hashAlgorithm,
    signature_algorithm: keys.signer.algorithm,
    key_id: keys.signer.publicKey.keyId,
    created_at: clock.now().toISOString(),
  };
  const manifestText = JSON.stringify(manifest);
  const signature = keys.signer.sign(manifestText);
  writeFileSync(
    `${path}.manifest.json`,
    `${JSON.stringify({ manifest: manifestText, signature }, null, 2)}\n`,
  );

  const cutoffMonth = monthOf(cutoff);
  const dropped: number[] = [];
  let deleted = 0;
  await db.transaction().execute(async (trx) => {
    await chain.lock(trx);
    await trx
      .insertInto('audit_archive')
      .values({
        id: randomUUID(),
        from_seq: from,
        to_seq: to,
        from_at: manifest.from_at,
        to_at: manifest.to_at,
        prev_hash: manifest.prev_hash,
        last_hash: manifest.last_hash,
        file: manifest.file,
        file_digest: manifest.file_digest,
        manifest: manifestText,
        signature,
        created_at: manifest.created_at,
      })
      .execute();
    if (dialect === 'postgres') {
      // Months wholly before the cutoff's month hold only expired entries: drop them whole.
      const parts = await sql<{ name: string }>`
        select c.relname as name from pg_inherits i
        join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
        join pg_namespace n on n.oid = p.relnamespace
        where p.relname = 'audit_entry' and n.nspname = current_schema()`.execute(trx);
      for (const { name: part } of parts.rows) {
        const month = Number(part.replace('audit_entry_p', ''));
        if (!(month < cutoffMonth)) continue;
        const rows = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(part)}`.execute(trx);
        deleted += rows.rows[0]?.n ?? 0;
        await sql`drop table ${sql.table(part)}`.execute(trx);
        await sql`drop table if exists ${sql.table(partitionName('audit_subject', month))}`.execute(trx);
        dropped.push(month);
      }
    }
    const removed = await trx.deleteFrom('audit_entry').where('seq', '<=', to).executeTakeFirst();
    deleted += Number(removed.numDeletedRows);
    await trx.deleteFrom('audit_subject').where('seq', '<=', to).execute();
  });
  for (const month of dropped) chain.forgetMonth(month);
  return {
    ...none,
    archived: { fromSeq: from, toSeq: to, entries: count, file: manifest.file },
    droppedPartitions: dropped.sort(),
    deletedEntries: deleted,
  };
}
