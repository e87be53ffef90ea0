/** What a department may complain of (R118): the violations the regulations name, plus free text. */
export const COMPLAINT_KINDS = [
  'refusal', // 无正当理由拒绝共享
  'delay', // 逾期不答复、不提供
  'misuse', // 超出用途使用、泄露共享数据
  'failure_to_update', // 未及时更新、维护数据
  'other',
] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/**
 * N17 (809 第二十七条第二款): the authority or the provider finds a requester's misuse itself, with no
 * complainant: a case of kind `misuse_finding`, opened straight into rectification. Filing a
 * complaint cannot choose it.
 */
export const MISUSE_FINDING = 'misuse_finding';
export const CASE_KINDS = [...COMPLAINT_KINDS, MISUSE_FINDING] as const;
export type ComplaintCaseKind = (typeof CASE_KINDS)[number];

/** What the requester did (第二十七条第二款): beyond the scope, for another purpose, to a third party. */
export const MISUSE_KINDS = ['beyond_scope', 'other_purpose', 'third_party'] as const;
export type MisuseKind = (typeof MISUSE_KINDS)[number];

/** The article a finding cites on its timeline, its notices and its grants' reasons. */
export const FINDING_ARTICLE = '政务数据共享条例 第二十七条第二款';

/** Who found the misuse: the provider of the grants or the competent authority. */
export type FinderRole = 'provider' | 'authority';

/**
 * A complaint's life: `received` by the authority, which starts `investigating` (only then is the
 * complained-about department told and able to read it) and `answered` it in writing with its
 * outcome; the complainant may withdraw it until it is answered.
 *
 * N17 (809 第二十七条第二款: "政务数据需求部门存在擅自超出使用范围、共享目的使用政务数据，或者擅自将
 * 政务数据提供给第三方的，政务数据共享主管部门或者政务数据提供部门应当暂停其政务数据共享权限，并督促
 * 限期整改，对拒不整改或者整改不到位的，可以终止共享"): an upheld misuse answer that suspends grants
 * with a rectification order and date goes on `rectifying` instead of `answered`; the department
 * complained about reports (`rectification_reported`); the authority accepts (`rectified`, the
 * grants resume) or finds it not rectified (back to `rectifying`, or `terminated` once the date has
 * passed); not reported by the date, the sweep terminates the grants (`terminated`).
 */
export const COMPLAINT_STATUSES = [
  'received',
  'investigating',
  'answered',
  'withdrawn',
  'rectifying',
  'rectification_reported',
  'rectified',
  'terminated',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/**
 * What a reader may do next: the complainant withdraws, the authority investigates, records and
 * answers; on a misuse finding the provider that found it reviews the rectification too.
 */
export const COMPLAINT_ACTIONS = [
  'withdraw',
  'investigate',
  'note',
  'answer',
  'report_rectification',
  'accept_rectification',
  'reject_rectification',
  'terminate',
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

export const COMPLAINT_OUTCOMES = ['upheld', 'not_upheld'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** 投诉: one department's complaint to the competent authority about another's violation. */
export interface SharingComplaintTable {
  id: string;
  /** TS-2026-000001 */
  number: string;
  kind: ComplaintCaseKind;
  /**
   * The complaining department; for a misuse finding, the provider of the grants (the side the
   * requester misused), whoever found it.
   */
  complainant_department_id: string;
  complainant_jurisdiction_path: string;
  respondent_department_id: string;
  respondent_jurisdiction_path: string;
  /** The case complained about, if any: 'application' | 'grant' | 'entry'. */
  subject_type: string | null;
  subject_id: string | null;
  /** The subject's number or code, as the parties know it. */
  subject_label: string | null;
  description: string;
  status: ComplaintStatus;
  filed_by: string;
  filed_by_name: string;
  deadline_id: string | null;
  due_date: string | null;
  deadline_article: string | null;
  investigated_by: string | null;
  investigated_at: string | null;
  outcome: ComplaintOutcome | null;
  /** The authority's written reply (书面答复). */
  reply: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: string | null;
  /** JSON array of the grant ids the answer suspended. */
  suspended_grants: string;
  /** N17: what the department complained about must put right (整改要求), and by when (限期). */
  rectification_order: string | null;
  rectification_due_date: string | null;
  rectification_article: string | null;
  /** The department's report of what it put right, and when (the latest one). */
  rectification_report: string | null;
  rectification_reported_at: string | null;
  /** Why the grants were terminated (整改不到位 / 逾期未整改), when, by whom (null: the platform's sweep). */
  termination_reason: string | null;
  terminated_at: string | null;
  terminated_by: string | null;
  terminated_by_name: string | null;
  /** N17 misuse finding: JSON array of `MisuseKind`; null on a complaint. */
  misuse: string | null;
  /** N17 misuse finding: who found it; null on a complaint. */
  found_by: FinderRole | null;
  created_at: string;
  updated_at: string;
}

export interface ComplaintTables {
  sharing_complaint: SharingComplaintTable;
}
