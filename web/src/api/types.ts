/**
 * Names for the answers of the sign-in, organisation and administration API, as pages use them;
 * each is read off the contract (`contract.ts`), so none can drift from what the server sends.
 */
import type { ResponseOf } from './contract.ts';

/** Where a sign-in stands, as every step of it answers. */
export type StageAnswer = ResponseOf<'/auth/me'>;
export type LoginStage = StageAnswer['stage'];
export type Me = NonNullable<StageAnswer['me']>;
export type TotpEnrolment = ResponseOf<'/auth/totp/enrol', 'POST'>;
export type SsoInfo = ResponseOf<'/auth/sso'>;

export type Jurisdiction = ResponseOf<'/jurisdictions'>['items'][number];
export type JurisdictionLevel = Jurisdiction['level'];

export type Department = ResponseOf<'/departments'>['items'][number];
export type DepartmentKind = Department['kind'];
export const DEPARTMENT_KINDS = [
  'government',
  'institution',
  'social_org',
  'utility',
] as const satisfies readonly DepartmentKind[];

export type User = ResponseOf<'/users'>['items'][number];

export type RoleInfo = ResponseOf<'/roles'>['items'][number];
export type Role = RoleInfo['role'];
export type Reach = RoleInfo['permissions'][number]['reach'];

export type ApiClient = ResponseOf<'/api-clients'>['items'][number];
export type ApiClientSecret = ResponseOf<'/api-clients', 'POST'>;

export type CalendarYear = ResponseOf<'/calendar/years'>['years'][number];
