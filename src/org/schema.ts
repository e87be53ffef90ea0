import type { Role } from './roles.js';

export type JurisdictionLevel = 'province' | 'city' | 'county';
/** R130: participants beyond government departments. */
export type DepartmentKind = 'government' | 'institution' | 'social_org' | 'utility';
export type SessionStage = 'done' | 'password_change' | 'totp_enrol' | 'totp_verify';

export interface JurisdictionTable {
  id: string;
  /** 6-digit administrative division code (行政区划代码, GB/T 2260). */
  code: string;
  name: string;
  level: JurisdictionLevel;
  parent_id: string | null;
  /** `/code/code/…/`: prefix match finds a subtree. */
  path: string;
  created_at: string;
}

export interface DepartmentTable {
  id: string;
  jurisdiction_id: string;
  name: string;
  short_name: string;
  /** 统一社会信用代码 (GB 32100), validated. */
  uscc: string;
  kind: DepartmentKind;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  department_id: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  must_change_password: number;
  password_changed_at: string | null;
  failed_logins: number;
  locked_until: string | null;
  /** TOTP secret, sealed with the instance key. */
  totp_secret: string | null;
  totp_enabled: number;
  oidc_subject: string | null;
  status: 'active' | 'disabled';
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: Role;
  granted_by: string | null;
  granted_at: string;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself exists only in the browser's cookie. */
  id: string;
  user_id: string;
  stage: SessionStage;
  /** Sealed TOTP secret offered during enrolment, until confirmed. */
  pending_totp_secret: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiClientTable {
  id: string;
  /** Public identifier a department system presents (client_id). */
  client_id: string;
  name: string;
  department_id: string;
  secret_hash: string;
  status: 'active' | 'revoked';
  created_by: string;
  created_at: string;
  rotated_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface OrgTables {
  jurisdiction: JurisdictionTable;
  department: DepartmentTable;
  app_user: UserTable;
  user_role: UserRoleTable;
  user_session: SessionTable;
  api_client: ApiClientTable;
}
