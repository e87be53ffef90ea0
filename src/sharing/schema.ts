import type { ShareType } from '../catalog/index.js';
import type { AccessPath, ApplicationStatus, GrantOrigin, Purpose, StoredGrantStatus } from './model.js';

/** What every case table has: its id, its number, its state, and when it was opened and last changed. */
export interface CaseRowColumns<Status extends string> {
  id: string;
  /** `<prefix>-<year>-000001`, drawn from the table's counter. */
  number: string;
  status: Status;
  created_at: string;
  updated_at: string;
}

/**
 * The two departments of a case, each with the jurisdiction it sits in: the case's roles read
 * them, and the authority over both is found from the paths.
 */
export interface PartyColumns {
  consumer_department_id: string;
  consumer_jurisdiction_path: string;
  provider_department_id: string;
  provider_jurisdiction_path: string;
}

/** The cataloged resource a row is about, as it stood when the row was written. */
export interface EntryColumns {
  entry_id: string;
  entry_code: string;
  entry_name: string;
}

/** A decision on a request: who took it, when, and the note given with it. */
export interface DecisionColumns {
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

/** 共享申请: one row per request for a cataloged resource, whether granted at once or answered. */
export interface SharingApplicationTable
  extends CaseRowColumns<ApplicationStatus>,
    PartyColumns,
    EntryColumns {
  applicant_id: string;
  applicant_name: string;
  /** The published version applied for. */
  entry_version: number;
  share_type: ShareType;
  path: AccessPath;
  /** JSON array of information item names. */
  items: string;
  purpose: Purpose;
  purpose_text: string | null;
  legal_duty: string;
  /** JSON `Scope`. */
  scope: string;
  /** JSON array of access methods. */
  methods: string;
  valid_from: string;
  valid_until: string;
  deadline_id: string | null;
  due_date: string | null;
  deadline_article: string | null;
  due_soon_noticed_at: string | null;
  /** 1 once the reply deadline passed without a decision (R40): counts against the provider. */
  overdue: number;
  overdue_at: string | null;
  decided_items: string | null;
  refusal_reason: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decided_late: number;
  grant_id: string | null;
  /** 补正 (809 Art.21, N11): JSON array of the missing points the provider listed in its one return. */
  return_points: string | null;
  return_note: string | null;
  /** Set once and never cleared: an application is returned for completion at most once. */
  returned_at: string | null;
  returned_by_name: string | null;
  /** The consumer's resubmission: the reply period runs afresh from this date. */
  resubmitted_at: string | null;
  /** 使用场景 (809 第二十条第二款, N09); empty for applications made before it was asked. */
  scenario: string;
  /** The requesting head's consent (第二十条第二款): when, the head, and who recorded it for a head without an account. */
  endorsed_at: string | null;
  endorsed_by: string | null;
  endorsed_by_name: string | null;
  endorsement_recorded_by: string | null;
  endorsement_recorded_by_name: string | null;
  /** The written consent's document number (书面意见文号), where the officer recorded it. */
  endorsement_reference: string | null;
  endorsement_opinion: string | null;
  /**
   * The provider's answer as drafted by a resource administrator, awaiting its head's consent
   * (第二十条第三款); kept after a send-back for the drafter to see, replaced by the next draft.
   */
  draft_decision: 'approve' | 'refuse' | null;
  /** JSON arrays of item names. */
  draft_items: string | null;
  draft_clear_items: string | null;
  draft_comment: string | null;
  draft_reason: string | null;
  draft_by: string | null;
  draft_by_name: string | null;
  draft_at: string | null;
}

/** 授权: what the exchange checks before any data leaves (R33, R58). */
export interface SharingGrantTable extends PartyColumns, EntryColumns {
  id: string;
  /** JSON array of API client ids; empty: every system of the consumer department. */
  client_ids: string;
  items: string;
  /** Personal items granted in clear (JSON array); every other personal item reaches the consumer masked. */
  clear_items: string;
  purpose: Purpose;
  methods: string;
  valid_from: string;
  valid_until: string;
  origin: GrantOrigin;
  origin_id: string;
  status: StoredGrantStatus;
  status_reason: string | null;
  status_changed_at: string | null;
  status_changed_by: string | null;
  created_at: string;
  created_by: string | null;
}

/** A case's timeline: who did what, when and why. */
export interface SharingEventTable {
  id: string;
  case_type: string;
  case_id: string;
  /** Order within the case: steps of one transaction share a timestamp. */
  seq: number;
  action: string;
  actor_id: string | null;
  actor_name: string;
  at: string;
  detail: string;
}

/**
 * The in-app inbox. A notice goes to one user, to a department (optionally only to holders of a
 * role there), or to the holders of a role whose jurisdiction covers a path (the authority).
 */
export interface NoticeTable {
  id: string;
  recipient_user_id: string | null;
  recipient_department_id: string | null;
  recipient_role: string | null;
  recipient_jurisdiction_path: string | null;
  kind: string;
  title_zh: string;
  title_en: string;
  /** The body in zh-CN; `body_en` in English (null on notices written before both were kept). */
  body: string;
  body_en: string | null;
  link: string | null;
  case_type: string | null;
  case_id: string | null;
  read_at: string | null;
  read_by: string | null;
  created_at: string;
}

export interface SharingTables {
  sharing_application: SharingApplicationTable;
  sharing_grant: SharingGrantTable;
  sharing_event: SharingEventTable;
  notice: NoticeTable;
}
