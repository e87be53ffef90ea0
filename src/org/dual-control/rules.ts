import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/context/index.js';
import { policyOf } from '../authz/index.js';
import { OrgErrors } from '../errors.js';
import { OrgActions } from '../policies.js';
import { ROLES, type Role, SEPARATED_ROLES } from '../roles.js';
import type { DualControlRequestTable, OrgTables } from '../schema.js';

/** How long a request waits for its second administrator, and an approved reset for collection. */
export const REQUEST_TTL_MS = 24 * 60 * 60 * 1000;

/** The window in which one administrator may not reset both factors of the same privileged account. */
export const FACTOR_RESET_WINDOW_DAYS = 7;

/**
 * Privileged roles (issue 12): the three separated administrator roles (三员), and every role that
 * reads the audit trail (the auditor's power; today the competent authority, within its
 * jurisdiction). Derived from the permission table, so a future role given `audit.read` is
 * privileged without a change here.
 */
export const PRIVILEGED_ROLES: readonly Role[] = ROLES.filter(
  (r) => SEPARATED_ROLES.includes(r) || policyOf(OrgActions['audit.read'])[r] !== undefined,
);

/**
 * Privileged accounts hold a privileged role: acts on them (and granting one) wait for a second
 * administrator of another kind. Department accounts without one keep the single-administrator
 * flow: their powers are their department's, and every act is audited and told to the owner.
 */
export function isPrivileged(roles: readonly Role[]): boolean {
  return roles.some((r) => PRIVILEGED_ROLES.includes(r));
}

/** The separated role an administrator acts in; roles are held alone, so there is at most one. */
export function separatedRoleOf(actor: Actor): Role | undefined {
  return actor.roles.find((r) => SEPARATED_ROLES.includes(r));
}

/**
 * Whether an actor may decide (approve or refuse) a request: a different person from the
 * requester and the target, acting in another separated role than the requester, so that two
 * holders of one role cannot together gain another role's powers.
 */
export function assertMayDecide(actor: Actor, request: DualControlRequestTable): void {
  if (actor.kind !== 'user' || actor.id === request.requested_by || actor.id === request.target_user_id)
    throw OrgErrors.error('ORG_DUAL_CONTROL_SELF_APPROVAL');
  const role = separatedRoleOf(actor);
  if (!role || role === request.requested_by_role)
    throw OrgErrors.error('ORG_DUAL_CONTROL_SAME_ROLE', { role: request.requested_by_role });
}

/**
 * Refuses to leave a separated role without an active holder: the instance must always have an
 * operator, a security administrator and an auditor who can act (and a way to be watched).
 */
export async function assertNotLastHolder(
  db: Kysely<OrgTables>,
  targetId: string,
  losing: readonly Role[],
): Promise<void> {
  for (const role of losing.filter((r) => SEPARATED_ROLES.includes(r))) {
    const others = await db
      .selectFrom('user_role')
      .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_role.role', '=', role)
      .where('app_user.status', '=', 'active')
      .where('app_user.id', '!=', targetId)
      .executeTakeFirstOrThrow();
    if (Number(others.n) === 0) throw OrgErrors.error('ORG_LAST_ADMINISTRATOR', { role });
  }
}

/**
 * One administrator never holds both factors of a privileged account: whoever asked for (or
 * approved) a reset of one factor in the window cannot ask for a reset of the other.
 */
export async function assertOtherFactorNotResetBy(
  db: Kysely<OrgTables>,
  actorId: string,
  targetId: string,
  action: 'reset_password' | 'reset_totp',
  now: Date,
): Promise<void> {
  const other = action === 'reset_password' ? 'reset_totp' : 'reset_password';
  const since = new Date(now.getTime() - FACTOR_RESET_WINDOW_DAYS * 24 * 60 * 60 * 1000).toISOString();
  const hit = await db
    .selectFrom('dual_control_request')
    .select('id')
    .where('target_user_id', '=', targetId)
    .where('action', '=', other)
    .where('status', 'in', ['pending', 'approved', 'executed'])
    .where('requested_at', '>=', since)
    .where((eb) => eb.or([eb('requested_by', '=', actorId), eb('decided_by', '=', actorId)]))
    .executeTakeFirst();
  if (hit) throw OrgErrors.error('ORG_FACTOR_RESET_SAME_ADMIN', { days: FACTOR_RESET_WINDOW_DAYS });
}
