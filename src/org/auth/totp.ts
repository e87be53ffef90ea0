import { authenticator } from 'otplib';
import { type Executor, tablesOf } from '../../platform/db/index.js';
import type { OrgTables } from '../schema.js';

const TOTP_STEP_MS = 30_000;

/** The time step a code belongs to, within the accepted window; undefined when it fits none. */
export function totpStep(code: string, secret: string): number | undefined {
  const epoch = Date.now();
  const delta = authenticator.clone({ epoch, window: 1 }).checkDelta(code, secret);
  return delta === null ? undefined : Math.floor(epoch / TOTP_STEP_MS) + delta;
}

/** What a signed-in person proves before replacing their second factor. */
export interface FactorProof {
  currentPassword?: string | undefined;
  code?: string | undefined;
}

/**
 * Takes a code's time step for the account: true once per step, and only for a step later than
 * the last one taken (a code works once). One conditional UPDATE, so two sign-ins racing with the
 * same code cannot both win: on PostgreSQL the second waits for the first's row lock and then
 * re-checks the condition; SQLite runs one writer at a time.
 */
export async function claimTotpStep(executor: Executor, userId: string, step: number): Promise<boolean> {
  const result = await tablesOf<OrgTables>(executor)
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
