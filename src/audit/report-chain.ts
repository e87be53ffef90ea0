import type { Kysely } from 'kysely';
import { authorize } from '../org/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { RequestContext } from '../platform/context/index.js';

import { AuditViewActions } from './policies.js';
import type { TrailAccess } from './query.js';
import type { AuditTables } from './schema.js';
import { AuditViewErrors } from './views-errors.js';

/** What a verification of the chain found (the audit core's verifier answers this shape). */
export interface Verification {
  ok: boolean;
  entriesChecked: number;
  checkpointsChecked: number;
  archivesChecked: number;
  headSeq: number;
  lastCheckpoint: { seq: number; at: string } | null;
  /** The break with the lowest seq; `breaks[0]`. */
  firstBreak?: ChainBreakView | undefined;
  /** Every break found, in seq order (at most 1,000). */
  breaks: ChainBreakView[];
  /** True when more breaks were found than `breaks` holds. */
  breaksTruncated?: boolean | undefined;
}

export interface ChainBreakView {
  seq: number;
  kind: string;
  message: string;
}

export interface ChainStatus {
  at: string;
  headSeq: number;
  headAt: string | null;
  lastCheckpoint: { seq: number; at: string; ageSeconds: number; entriesSince: number } | null;
  /** The last verification run through the API, read back from its own audit entry. */
  lastVerification: (Verification & { at: string; by: string | null }) | null;
  archives: { count: number; lastToSeq: number | null; lastCreatedAt: string | null };
}

export interface ChainStatusDeps {
  db: Kysely<AuditTables>;
  audit: TrailAccess;
  clock: Clock;
  /** Runs the audit core's verifier over the whole live store and its archives. */
  verify: () => Promise<Verification>;
}

/**
 * The chain at a glance (head, checkpoint age, last verification, archives) and the API's
 * verification run (R87, R88). A verification writes an `audit.verify` entry carrying its
 * result, which is where the status reads "last verified" from: the record is itself chained.
 */
export class ChainStatusView {
  #running = false;

  constructor(private readonly deps: ChainStatusDeps) {}

  async status(ctx: RequestContext): Promise<ChainStatus> {
    authorize(ctx.actor, AuditViewActions['audit.chainStatus']);
    const { db, clock } = this.deps;
    const now = clock.now();
    const head = await db
      .selectFrom('audit_entry')
      .select(['seq', 'at'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const checkpoint = await db
      .selectFrom('audit_checkpoint')
      .select(['seq', 'at'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const verification = await db
      .selectFrom('audit_entry')
      .select(['at', 'actor_name', 'detail'])
      .where('action', '=', 'audit.verify')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const archives = await db
      .selectFrom('audit_archive')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('to_seq').as('last_to'),
        eb.fn.max('created_at').as('last_created'),
      ])
      .executeTakeFirstOrThrow();
    const headSeq = head ? Number(head.seq) : 0;
    return {
      at: now.toISOString(),
      headSeq,
      headAt: head?.at ?? null,
      lastCheckpoint: checkpoint
        ? {
            seq: Number(checkpoint.seq),
            at: checkpoint.at,
            ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(checkpoint.at)) / 1000)),
            entriesSince: Math.max(0, headSeq - Number(checkpoint.seq)),
          }
        : null,
      lastVerification: verification ? lastVerificationOf(verification) : null,
      archives: {
        count: Number(archives.n),
        lastToSeq: archives.last_to === null ? null : Number(archives.last_to),
        lastCreatedAt: (archives.last_created as string | null) ?? null,
      },
    };
  }

  /** Verifies the chain now (auditors only); one run at a time per node. */
  async verify(ctx: RequestContext): Promise<Verification> {
    authorize(ctx.actor, AuditViewActions['audit.verify']);
    if (this.#running) throw AuditViewErrors.error('AUDIT_VERIFY_IN_PROGRESS');
    this.#running = true;
    try {
      const result = await this.deps.verify();
      const detail: Verification = {
        ok: result.ok,
        entriesChecked: result.entriesChecked,
        checkpointsChecked: result.checkpointsChecked,
        archivesChecked: result.archivesChecked,
        headSeq: result.headSeq,
        lastCheckpoint: result.lastCheckpoint,
        ...(result.firstBreak ? { firstBreak: result.firstBreak } : {}),
        breaks: result.breaks,
        ...(result.breaksTruncated ? { breaksTruncated: true } : {}),
      };
      await this.deps.db.transaction().execute((trx) =>
        this.deps.audit.record(trx, ctx, {
          action: 'audit.verify',
          targetType: 'audit_trace',
          outcome: result.ok ? 'success' : 'failure',
          detail: { ...detail },
        }),
      );
      return detail;
    } finally {
      this.#running = false;
    }
  }
}

/** A verification as its `audit.verify` entry recorded it; entries written before breaks were listed name only the first. */
function lastVerificationOf(entry: {
  at: string;
  actor_name: string | null;
  detail: string;
}): Verification & { at: string; by: string | null } {
  const recorded = JSON.parse(entry.detail) as Omit<Verification, 'breaks'> & { breaks?: ChainBreakView[] };
  return {
    ...recorded,
    breaks: recorded.breaks ?? (recorded.firstBreak ? [recorded.firstBreak] : []),
    at: entry.at,
    by: entry.actor_name,
  };
}
