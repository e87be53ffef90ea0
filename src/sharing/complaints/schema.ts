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
 * A complaint's life: `received` by the authority, which starts `investigating` (only then is the
 * complained-about department told and able to read it) and `answered` it in writing with its
 * outcome; the complainant may withdraw it until it is answered.
 */
export const COMPLAINT_STATUSES = ['received', 'investigating', 'answered', 'withdrawn'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** What a reader may do next: the complainant withdraws, the authority investigates, records and answers. */
export const COMPLAINT_ACTIONS = ['withdraw', 'investigate', 'note', 'answer'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

export const COMPLAINT_OUTCOMES = ['upheld', 'not_upheld'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** 投诉: one department's complaint to the competent authority about another's violation. */
export interface SharingComplaintTable {
  id: string;
  /** TS-2026-000001 */
  number: string;
  kind: ComplaintKind;
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
  created_at: string;
  updated_at: string;
}

export interface ComplaintTables {
  sharing_complaint: SharingComplaintTable;
}
