import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AuditContext, AuditTrail } from '../../../audit/index.js';
import type { Clock } from '../../../platform/clock/index.js';
import type { DialectName } from '../../../platform/db/index.js';
import type { JobDefinition } from '../../../platform/jobs/index.js';
import type { ExchangeDb } from '../../schema.js';
import { dropStage } from './stage.js';

/** A running load writes its heartbeat at least this often while it makes progress. */
export const HEARTBEAT_MS = 5_000;
/** A running load silent this long is taken for dead, whichever node ran it. */
export const STALE_AFTER_MS = 120_000;

const SYSTEM: AuditContext = {};

/** This process, as loads record who runs them: `host/pid/instance`. */
export function runnerId(): string {
  return `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}

/** Whether the runner named is a process of this host that no longer exists. */
function goneHere(runner: string | null): boolean {
  if (!runner) return false;
  const [host, pid] = runner.split('/');
  if (host !== hostname()) return false;
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0) return false;
  if (n === process.pid) return false;
  try {
    process.kill(n, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface LoadRecoveryDeps {
  db: ExchangeDb;
  dialect: DialectName;
  clock: Clock;
  audit: Pick<AuditTrail, 'record'>;
  /** `<workDir>/loads`: spooled uploads, checked chunks and reject files. */
  dir: string;
}

/**
 * Loads whose process is gone (issue 15) become `interrupted`: a process of this host that no
 * longer exists, or any runner silent for `STALE_AFTER_MS`. What the load left is removed: its
 * spooled upload, checked chunks, reject file and (SQLite, all or nothing) its staging table — none
 * of which readers ever saw. PostgreSQL rolled the load's transaction back when its connection
 * went; nothing of the rows needs undoing on either database.
 */
export class LoadRecovery {
  constructor(private readonly deps: LoadRecoveryDeps) {}

  /** Marks the dead loads interrupted; answers their ids. */
  async sweep(): Promise<string[]> {
    const now = this.deps.clock.now();
    const staleBefore = new Date(now.getTime() - STALE_AFTER_MS).toISOString();
    const running = await this.deps.db
      .selectFrom('exchange_load')
      .select(['id', 'runner', 'heartbeat_at', 'started_at'])
      .where('status', '=', 'running')
      .execute();
    const dead = running.filter((l) => goneHere(l.runner) || (l.heartbeat_at ?? l.started_at) < staleBefore);
    const done: string[] = [];
    for (const load of dead) if (await this.#interrupt(load.id, now)) done.push(load.id);
    return done;
  }

  async #interrupt(id: string, now: Date): Promise<boolean> {
    const interrupted = await this.deps.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('exchange_load')
        .selectAll()
        .where('id', '=', id)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (!row) return undefined;
      await trx
        .updateTable('exchange_load')
        .set({
          status: 'interrupted',
          reject_file: null,
          error: 'EXCHANGE_LOAD_INTERRUPTED',
          finished_at: now.toISOString(),
          duration_ms: now.getTime() - new Date(row.started_at).getTime(),
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute();
      await this.deps.audit.record(trx, SYSTEM, {
        action: 'exchange.load',
        targetType: 'catalog_entry',
        targetId: row.entry_id,
        outcome: 'failure',
        detail: {
          loadId: id,
          format: row.format,
          mode: row.mode,
          status: 'interrupted',
          runner: row.runner,
          lastHeartbeat: row.heartbeat_at,
          rows: Number(row.rows_read),
        },
      });
      return row;
    });
    if (!interrupted) return false;
    if (this.deps.dialect === 'sqlite') await dropStage(this.deps.db, id);
    this.removeFiles(id);
    return true;
  }

  /** Every file a load left in the spool directory (`<id>.<format>`, `.checked`, `.rejects.csv`). */
  removeFiles(id: string): void {
    let names: string[];
    try {
      names = readdirSync(this.deps.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names)
      if (name.startsWith(`${id}.`)) rmSync(join(this.deps.dir, name), { force: true });
  }

  /** The cluster job that finds loads whose node died while the others run on. */
  job(everyMs = 60_000): JobDefinition {
    return {
      name: 'exchange.load-recovery',
      label: { zh: '中断的数据上传回收', en: 'Interrupted upload recovery' },
      every: everyMs,
      scope: 'cluster',
      run: async () => {
        await this.sweep();
      },
    };
  }
}
