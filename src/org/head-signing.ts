import type { Actor } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import type { Accountable } from './departments.js';

/**
 * `DepartmentService.accountable` as other modules receive it: the department's recorded head,
 * officer and office (N01, R126, R128), in the caller's transaction.
 */
export type AccountableLookup = (departmentId: string, executor: Executor) => Promise<Accountable>;

/**
 * Who gives a department head's word in the platform (809 第十三条 N02, 第二十条 N09): the head,
 * by the head's own account; for a head without an account, the sharing officer, who records the
 * head's written word with its document number (文号) on the head's behalf. Null for anyone
 * else, for another department's accounts, and where the department recorded no head.
 *
 * @example
 * const signer = headSigner(actor, departmentId, await departments.accountable(departmentId, trx));
 * if (signer === 'officer') requireReference(input.reference);
 */
export function headSigner(
  actor: Pick<Actor, 'id' | 'departmentId'>,
  departmentId: string,
  roster: Accountable,
): 'head' | 'officer' | null {
  const { head, officer } = roster;
  if (!head || actor.departmentId !== departmentId) return null;
  if (head.userId !== null) return head.userId === actor.id ? 'head' : null;
  return officer?.userId === actor.id ? 'officer' : null;
}

/**
 * Whether the actor is the department's head (by account) or its sharing officer: those who read
 * what the head is asked to judge, whoever of them signs (`headSigner`).
 */
export function isHeadOrOfficer(
  actor: Pick<Actor, 'id' | 'departmentId'>,
  departmentId: string,
  roster: Accountable,
): boolean {
  if (actor.departmentId !== departmentId) return false;
  return (roster.head?.userId ?? null) === actor.id || (roster.officer?.userId ?? null) === actor.id;
}

/** Whom a matter for the head reaches in the platform: the head's account, else the officer's. */
export type HeadReach =
  | { to: 'head'; userId: string; name: string; title: string }
  | { to: 'officer'; userId: string; name: string; head: string | null }
  | { to: null; head: string | null };

/**
 * Whom a question for the department's head (N09) or an escalation to it (R128) reaches: the
 * head's own account; where the head has none, the sharing officer's (who passes it on); where
 * the department recorded no office, nobody in the platform. The office's e-mail is no account,
 * so it is not tried.
 */
export function headReach(roster: Accountable): HeadReach {
  const { head, officer } = roster;
  if (head?.userId) return { to: 'head', userId: head.userId, name: head.name, title: head.title };
  if (officer?.userId)
    return { to: 'officer', userId: officer.userId, name: officer.name, head: head?.name ?? null };
  return { to: null, head: head?.name ?? null };
}
