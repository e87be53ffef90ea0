import type { Kysely } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import { SEPARATED_ROLES } from '../roles.js';
import type { OrgTables } from '../schema.js';

/** A notice to one account's in-app inbox (the portal's notice bell). */
export interface AccountNotice {
  to: { userId: string };
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link?: string;
}

/**
 * Where org's notices go. org may not import the inbox (it lives in sharing, above org), so the
 * composition root hands in the inbox's `send`; it joins the caller's transaction, so a notice
 * exists exactly when the act it tells of was committed.
 */
export interface AccountNoticeSender {
  send(trx: Executor, notice: AccountNotice): Promise<unknown>;
}

export const DUAL_CONTROL_LINK = '/dual-control';

/** Every active auditor's id: each is told on their own, so one auditor reading it does not hide it from another. */
export async function auditorIds(db: Kysely<OrgTables>): Promise<string[]> {
  const rows = await db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select('app_user.id')
    .where('user_role.role', '=', 'auditor')
    .where('app_user.status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

/** Active administrators who could decide a request by a holder of `requesterRole` about `targetId`. */
export async function possibleApproverIds(
  db: Kysely<OrgTables>,
  requesterRole: string,
  targetId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select('app_user.id')
    .where(
      'user_role.role',
      'in',
      SEPARATED_ROLES.filter((r) => r !== requesterRole),
    )
    .where('app_user.status', '=', 'active')
    .where('app_user.id', '!=', targetId)
    .execute();
  return rows.map((r) => r.id);
}

/** Sends one notice to each distinct recipient. */
export async function notifyAll(
  sender: AccountNoticeSender | undefined,
  trx: Executor,
  recipients: Iterable<string>,
  notice: Omit<AccountNotice, 'to'>,
): Promise<string[]> {
  const sent = [...new Set(recipients)];
  if (!sender) return sent;
  for (const userId of sent) await sender.send(trx, { ...notice, to: { userId } });
  return sent;
}
