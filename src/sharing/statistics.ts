import type { Kysely } from 'kysely';
import type { Scope } from '../org/index.js';
import type { SharingModuleTables } from './db.js';
import { caseScopeFilter, INTERNAL_APPLICATION_STATUSES } from './store.js';

/** A span of time, ISO instants, `from` inclusive, `to` exclusive. */
interface Range {
  from: string;
  to: string;
}

/** An application made in the range: when, and of which share type. */
export interface MadeApplication {
  createdAt: string;
  shareType: string;
}

/** An application answered in the range, with what its reply period is measured from. */
export interface AnsweredApplication {
  /** When the reply period started: the submission, the requesting head's consent or a resubmission. */
  startedAt: string;
  decidedAt: string;
  dueDate: string | null;
  decidedLate: boolean;
}

/**
 * The applications of a scope (either party in it) made in a range, and those answered by their
 * provider in it: the home page's statistics (issue 17) read sharing through this. An application
 * still awaiting its own department's head has not been made (809 第二十条第二款) and is not counted.
 */
export async function applicationActivity(
  db: Kysely<SharingModuleTables>,
  scope: Scope,
  range: Range,
): Promise<{ made: MadeApplication[]; answered: AnsweredApplication[] }> {
  if (scope.kind === 'none') return { made: [], answered: [] };
  const base = db
    .selectFrom('sharing_application')
    .where((eb) => caseScopeFilter(eb, scope))
    .where('status', 'not in', [...INTERNAL_APPLICATION_STATUSES]);
  const made = await base
    .select(['created_at', 'share_type'])
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to)
    .execute();
  const answered = await base
    .select(['created_at', 'endorsed_at', 'resubmitted_at', 'decided_at', 'due_date', 'decided_late'])
    .where('path', '=', 'application')
    .where('status', 'in', ['approved', 'partially_approved', 'refused'])
    .where('decided_at', '>=', range.from)
    .where('decided_at', '<', range.to)
    .execute();
  return {
    made: made.map((r) => ({ createdAt: r.created_at, shareType: r.share_type })),
    answered: answered.map((r) => ({
      startedAt: [r.created_at, r.endorsed_at, r.resubmitted_at]
        .filter((t): t is string => t !== null)
        .sort()
        .at(-1) as string,
      decidedAt: r.decided_at as string,
      dueDate: r.due_date,
      decidedLate: Number(r.decided_late) === 1,
    })),
  };
}
