/** Shapes of the govshare API as the portal uses them (the OpenAPI document at /api/docs is the contract). */

export type LoginStage = 'done' | 'password_change' | 'totp_enrol' | 'totp_verify';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  department: { id: string; name: string };
  jurisdiction: { id: string; name: string; level: JurisdictionLevel };
  roles: string[];
  totpEnabled: boolean;
  permissions: string[];
}

export interface StageAnswer {
  stage: LoginStage;
  me?: Me;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface SsoInfo {
  enabled: boolean;
  label?: string;
}

export type JurisdictionLevel = 'province' | 'city' | 'county';

export interface Jurisdiction {
  id: string;
  code: string;
  name: string;
  level: JurisdictionLevel;
  parentId: string | null;
  path: string;
}

export type DepartmentKind = 'government' | 'institution' | 'social_org' | 'utility';
export const DEPARTMENT_KINDS: DepartmentKind[] = ['government', 'institution', 'social_org', 'utility'];

export interface Department {
  id: string;
  name: string;
  shortName: string;
  uscc: string;
  jurisdictionId: string;
  jurisdictionName: string;
  kind: DepartmentKind;
  status: 'active' | 'disabled';
}

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
}

export interface DepartmentDetail extends Department {
  resourceAdmins: UserSummary[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  departmentName: string;
  email?: string | null;
  phone?: string | null;
  roles: string[];
  status: 'active' | 'disabled';
  locked: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
}

export type Reach = 'all' | 'jurisdiction' | 'department' | 'self';

export interface RoleInfo {
  role: string;
  label: { zh: string; en: string };
  separated: boolean;
  requiresTotp: boolean;
  permissions: { action: string; reach: Reach }[];
}

export interface ApiClient {
  id: string;
  clientId: string;
  name: string;
  departmentId: string;
  departmentName: string;
  /** `suspended`: stopped by a security alert until lifted (R65). */
  status: 'active' | 'suspended' | 'revoked';
  createdAt: string;
  rotatedAt: string | null;
  lastUsedAt: string | null;
  suspendedAt?: string | null;
}

export interface ApiClientSecret {
  client: ApiClient;
  clientSecret: string;
}

export interface CalendarYear {
  year: number;
  status: 'official' | 'provisional';
  /** Which calendar data the year comes from, e.g. `chinese-days@1.5.7:2026`, `notice:2027`. */
  basis?: string;
  source: string;
  loadedAt?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Items<T> {
  items: T[];
}
