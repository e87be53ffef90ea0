import { sql } from 'kysely';
import { bulkTransaction } from '../../../platform/db/bulk/index.js';
import type { Executor } from '../../../platform/db/index.js';
import type { ExchangeDb } from '../../schema.js';
import { changeSignal } from '../../subscriptions/signal.js';
import { plainSealWrites, signerOf, storeSeals } from '../sealing.js';
import { lockResource } from '../store.js';
import type { LoadRunDeps, LoadRunInput, LoadTotals } from './run.js';
import { scanFile } from './scan.js';

/** The staging table of a load: named from its id, never from input. */
export function stageTable(loadId: string): string {
  return `xl_${loadId.replace(/[^0-9a-zA-Z]/g, '').toLowerCase()}`;
}

/** Drops what a load staged (after it was made visible, rejected, or interrupted). */
export async function dropStage(db: ExchangeDb, loadId: string): Promise<void> {
  await sql`drop table if exists ${sql.id(stageTable(loadId))}`.execute(db);
}

/** How long the last load's final step held the database (for the bench and the report). */
export const stageTiming = { lastPublishMs: 0 };

/**
 * SQLite, all or nothing (issue 15): the checked rows are written in short transactions into a
 * staging table no reader looks at (key query, download and change feeds read the resource's own
 * table and change log), then made visible in one final transaction that compares, numbers, logs
 * and upserts them in SQL. A crash before that commit leaves nothing visible; the staging table is
 * dropped by the recovery. Within a file a key's last row wins, logged as one change.
 *
 * `finish` records the load in the final transaction.
 */
export async function loadStaged(
  deps: LoadRunDeps,
  input: LoadRunInput & { loadId: string },
  finish: (trx: Executor, totals: LoadTotals) => Promise<void>,
): Promise<LoadTotals> {
  const { table } = input.resource;
  const names = input.codec.columns.map((c) => c.column);
  const stage = stageTable(input.loadId);
  const S = sql.id(stage);
  const T = sql.id(table);
  const cols = (prefix: string) => sql.join(names.map((n) => sql.ref(`${prefix}.${n}`)));
  await dropStage(deps.db, input.loadId);
  // Typed like the resource's table, so a value compares and stores as it will there.
  await sql`create table ${S} as select _key, 0 as _idx, 0 as _seq, 0 as _existed, ${sql.join(
    names.map((n) => sql.id(n)),
  )} from ${T} where 0`.execute(deps.db);
  await sql`create unique index ${sql.id(`${stage}_key`)} on ${S} (_key)`.execute(deps.db);
  try {
    let good = 0;
    const scanned = await scanFile(
      input.path,
      input.format,
      input.codec,
      {
        chunk: async (ops) => {
          good += ops.length;
          if (input.rejected()) return;
          await bulkTransaction(deps.db, deps.dialect, (trx, bulk) =>
            bulk.insert(
              trx,
              stage,
              ['_key', '_idx', ...names],
              ops.map((o) => [o.record.key, o.index, ...o.record.values]),
              '_key',
            ),
          );
        },
        reject: input.reject,
        progress: (at) => input.progress('check', at),
      },
      input.onHeader,
      { declared: input.charset },
    );
    if (input.rejected()) return { scanned, applied: 0, unchanged: 0, firstSeq: null, lastSeq: null };
    const at = deps.clock.now().toISOString();
    const started = Date.now();
    const totals = await deps.db.transaction().execute(async (trx) => {
      const locked = await lockResource(trx, input.resource.id);
      const afterSeq = Number(locked.last_seq);
      // R106: a 文书类/证照类 resource's rows are sealed in this same transaction (or refused).
      const signer = await signerOf(deps.sealer, input.resource, trx);
      const same = sql.join(
        names.map((n) => sql`t.${sql.id(n)} is s.${sql.id(n)}`),
        sql` and `,
      );
      await sql`delete from ${S} as s where exists (select 1 from ${T} as t where t._key = s._key and ${same})`.execute(
        trx,
      );
      await sql`update ${S} set _seq = ${afterSeq} + n.rn,
          _existed = exists (select 1 from ${T} as t where t._key = ${S}._key)
        from (select _key as k, row_number() over (order by _idx) as rn from ${S}) as n
        where n.k = ${S}._key`.execute(trx);
      await sql`insert into exchange_change (resource_id, seq, op, key, at, source)
        select ${input.resource.id}, _seq, case when _existed then 'update' else 'insert' end, _key, ${at}, ${input.source}
        from ${S} order by _seq`.execute(trx);
      const set = sql.join(
        ['_seq', '_updated_at', ...names].map((n) => sql`${sql.id(n)} = excluded.${sql.id(n)}`),
      );
      await sql`insert into ${T} (_key, _seq, _updated_at, ${sql.join(names.map((n) => sql.id(n)))})
        select s._key, s._seq, ${at}, ${cols('s')} from ${S} as s where true
        on conflict (_key) do update set ${set}`.execute(trx);
      const { rows } = await sql<{ applied: number; inserted: number | null }>`
        select count(*) as applied, sum(case when _existed then 0 else 1 end) as inserted from ${S}`.execute(
        trx,
      );
      const applied = Number(rows[0]?.applied ?? 0);
      const inserted = Number(rows[0]?.inserted ?? 0);
      if (signer && applied > 0) {
        const changed = await sql<Record<string, unknown>>`select _key, _seq, ${sql.join(
          names.map((n) => sql.id(n)),
        )} from ${S}`.execute(trx);
        await storeSeals({
          resource: input.resource,
          codec: input.codec,
          signer,
          changed: changed.rows.map((row) => ({
            key: String(row._key),
            seq: Number(row._seq),
            values: names.map((n) => row[n]),
          })),
          gone: [],
          ...plainSealWrites(trx),
        });
      }
      if (applied > 0)
        await trx
          .updateTable('exchange_resource')
          .set((eb) => ({
            last_seq: afterSeq + applied,
            row_count: eb('row_count', '+', inserted),
            last_changed_at: at,
            updated_at: at,
          }))
          .where('id', '=', input.resource.id)
          .execute();
      const result: LoadTotals = {
        scanned,
        applied,
        unchanged: good - applied,
        firstSeq: applied > 0 ? afterSeq + 1 : null,
        lastSeq: applied > 0 ? afterSeq + applied : null,
      };
      await finish(trx, result);
      return result;
    });
    stageTiming.lastPublishMs = Date.now() - started;
    input.progress('apply', scanned);
    if (totals.applied > 0) changeSignal.emit(input.entryId);
    return totals;
  } finally {
    await dropStage(deps.db, input.loadId);
  }
}
