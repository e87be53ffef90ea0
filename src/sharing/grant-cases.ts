import type { Actor } from '../platform/context/index.js';
import type { DialectName, Executor } from '../platform/db/index.js';
import { SharingErrors } from './errors.js';
import { grantRow } from './grants.js';
import type { SharingGrantTable } from './schema.js';
import type { Parties } from './store.js';

/** The grant's identity and parties, as a case or record about the grant keeps them. */
export type GrantParties = Parties & {
  grant_id: string;
  entry_id: string;
  entry_code: string;
  entry_name: string;
};

/**
 * What a case or record about one grant (a use change, a disposal, a use record) copies from it:
 * it names the grant by id only and carries its own parties, so it stays readable to them
 * whatever becomes of the grant.
 */
export function partiesOf(grant: SharingGrantTable): GrantParties {
  return {
    grant_id: grant.id,
    entry_id: grant.entry_id,
    entry_code: grant.entry_code,
    entry_name: grant.entry_name,
    consumer_department_id: grant.consumer_department_id,
    consumer_jurisdiction_path: grant.consumer_jurisdiction_path,
    provider_department_id: grant.provider_department_id,
    provider_jurisdiction_path: grant.provider_jurisdiction_path,
  };
}

/**
 * The grant a case is asked on, as the reader may see it: GRANT_NOT_FOUND alike for a grant that
 * does not exist and for one the reader may not read (`canRead`: the case's own reading rule).
 */
export async function readableGrant(
  deps: { db: Executor; dialect: DialectName },
  actor: Actor,
  id: string,
  canRead: (actor: Actor, row: Parties) => boolean,
): Promise<SharingGrantTable> {
  const grant = await grantRow(deps.db, deps.dialect, id);
  if (!grant || !canRead(actor, grant)) throw SharingErrors.error('GRANT_NOT_FOUND', { id });
  return grant;
}

/** The grant locked for the step that reads or changes it: two steps on one grant queue behind each other. */
export async function lockedGrant(
  trx: Executor,
  dialect: DialectName,
  id: string,
): Promise<SharingGrantTable> {
  const grant = await grantRow(trx, dialect, id, true);
  if (!grant) throw SharingErrors.error('GRANT_NOT_FOUND', { id });
  return grant;
}

/** What the answer of every case about a grant begins with: the case, the grant and its parties. */
export interface GrantCaseHead<Status extends string> {
  id: string;
  number: string;
  status: Status;
  grant: { id: string; entryId: string; entryCode: string; entryName: string };
  consumer: { departmentId: string };
  provider: { departmentId: string };
}

export function grantCaseHead<Status extends string>(
  row: GrantParties & { id: string; number: string; status: Status },
): GrantCaseHead<Status> {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    grant: { id: row.grant_id, entryId: row.entry_id, entryCode: row.entry_code, entryName: row.entry_name },
    consumer: { departmentId: row.consumer_department_id },
    provider: { departmentId: row.provider_department_id },
  };
}
