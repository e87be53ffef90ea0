import type { Role } from '../../org/index.js';
import { CaseRules } from '../../platform/cases/index.js';
import type { RequestContext } from '../../platform/context/index.js';
import type { Profile } from '../../platform/profiles/index.js';
import type { SharingCaseDeps } from '../cases.js';
import type { SharingDb } from '../db.js';
import type { DisputeService } from '../disputes/disputes.js';
import type { SharingWorld } from './index.js';

/**
 * Issue 13's switch of profile. The platform runs under profile A (its own); profile B is A as
 * `edit` changes it. A test builds the services it needs again on the same database under B, as
 * a restart after `govshare profile set` does: services read the profile once, when built.
 */
export function switchedProfile(w: SharingWorld, edit: (b: Profile) => void): Profile {
  const b = structuredClone(w.platform.profile);
  edit(b);
  return b;
}

/** What every sharing case service is built with, on the world's database and modules, under `profile`. */
export function caseDepsUnder(w: SharingWorld, profile: Profile): SharingCaseDeps {
  return {
    db: w.platform.storage.db as unknown as SharingDb,
    dialect: w.platform.storage.dialect,
    audit: w.platform.services.audit,
    clock: w.clock,
    profile,
    notices: w.platform.services.sharing.notices,
  };
}

/** What the dispute service (and the demand service) is built with under `profile`. */
export function disputeDepsUnder(
  w: SharingWorld,
  profile: Profile,
): ConstructorParameters<typeof DisputeService>[0] {
  const services = w.platform.services;
  return {
    ...caseDepsUnder(w, profile),
    catalog: services.catalog,
    departments: (executor, id) => services.departments.lookup(id, executor),
    calendar: services.calendar,
    deadlines: services.deadlines,
    grants: services.sharing.grants,
  };
}

/** The request context of an account, as the platform's session would build it. */
export async function contextOf(w: SharingWorld, username: string): Promise<RequestContext> {
  const db = w.platform.storage.db;
  const user = await db
    .selectFrom('app_user')
    .innerJoin('department', 'department.id', 'app_user.department_id')
    .innerJoin('jurisdiction', 'jurisdiction.id', 'department.jurisdiction_id')
    .select(['app_user.id', 'app_user.username', 'app_user.department_id', 'jurisdiction.path'])
    .where('app_user.username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = await db.selectFrom('user_role').select('role').where('user_id', '=', user.id).execute();
  return {
    actor: {
      kind: 'user',
      id: user.id,
      name: user.username,
      departmentId: user.department_id,
      jurisdictionPath: user.path,
      roles: roles.map((r) => r.role as Role),
    },
  };
}

/**
 * Makes a case stand for one opened under `profile`: the rules its opening recorded (if any) are
 * replaced by `profile`, as the opening transaction of a platform running it records them.
 */
export async function recordRulesUnder(
  w: SharingWorld,
  profile: Profile,
  caseType: string,
  caseId: string,
): Promise<void> {
  await w.platform.storage.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('case_rules')
      .where('case_type', '=', caseType)
      .where('case_id', '=', caseId)
      .execute();
    await new CaseRules({ db: trx, clock: w.clock, current: profile }).record(trx, caseType, caseId);
  });
}
