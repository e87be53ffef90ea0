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
  /** The last time step (30 s since the epoch) whose code was accepted; an older or equal one is a replay. */
  totp_last_step: number | null;
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
  /** `suspended`: stopped by a security alert (R65), reversible; `revoked` is final. */
  status: 'active' | 'suspended' | 'revoked';
  created_by: string;
  created_at: string;
  rotated_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  suspended_at: string | null;
  /** Why, in the words of the alert that suspended it (both languages, JSON `{ zh, en }`). */
  suspended_reason: string | null;
}

export interface OrgTables {
  jurisdiction: JurisdictionTable;
  department: DepartmentTable;
  app_user: UserTable;
  user_role: UserRoleTable;
  user_session: SessionTable;
  api_client: ApiClientTable;
  dual_control_request: DualControlRequestTable;
  department_office: DepartmentOfficeTable;
  department_office_change: DepartmentOfficeChangeTable;
}

/**
 * A department's sharing office (政务数据共享工作机构, 809 Art.11), its head (负责人, R128) and its
 * designated sharing officer (共享工作专人, R126): one row per department, the current state.
 */
export interface DepartmentOfficeTable {
  department_id: string;
  office_name: string;
  office_phone: string;
  office_email: string;
  /** The head's account, or null where the head has no account (then name and title only). */
  head_user_id: string | null;
  /** The head's name as it was when named (the account's display name, or as entered). */
  head_name: string;
  head_title: string;
  officer_user_id: string;
  officer_name: string;
  /** When the department last said these contacts are current (set by a change or a confirmation). */
  confirmed_at: string;
  confirmed_by: string;
  updated_at: string;
}

/** Each change or confirmation of a department's sharing office, with the roster before and after. */
export interface DepartmentOfficeChangeTable {
  id: string;
  department_id: string;
  /** 1, 2, 3… per department, in the order the changes were made. */
  seq: number;
  kind: 'set' | 'confirm';
  /** JSON roster before the change; null for the first record. */
  roster_before: string | null;
  /** JSON roster after it. */
  roster_after: string;
  changed_by_id: string | null;
  changed_by_name: string | null;
  changed_at: string;
}

/** What a dual-control request asks for (双人审批); see docs/separation-of-duties.md. */
export type DualControlAction =
  | 'reset_password'
  | 'reset_totp'
  | 'set_roles'
  | 'set_status'
  | 'set_contact'
  | 'unlock';

/**
 * pending → approved (a password reset waiting for its requester to collect the one-time password)
 * → executed; or pending → executed; or pending → refused | withdrawn | expired.
 */
export type DualControlStatus = 'pending' | 'approved' | 'executed' | 'refused' | 'withdrawn' | 'expired';

/** An act on a privileged account waiting for a second, different administrator. */
export interface DualControlRequestTable {
  id: string;
  action: DualControlAction;
  target_user_id: string;
  /** JSON: `{ roles }` for set_roles, `{ status }` for set_status, `{ email?, phone? }` for set_contact, `{}` otherwise. */
  payload: string;
  status: DualControlStatus;
  requested_by: string;
  /** The separated role the requester held when asking: the approver must hold another. */
  requested_by_role: Role;
  reason: string | null;
  requested_at: string;
  /** Pending until then; once approved, a password reset can be collected until then. */
  expires_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  executed_at: string | null;
}
