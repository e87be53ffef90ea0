/** A violation case's states (R114): 立案 → 责令整改 → 整改已报告 → 办结, or 不予立案处理 (dismissed). */
export const VIOLATION_STATUSES = ['open', 'ordered', 'rectified', 'closed', 'dismissed'] as const;
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];
/** Not yet closed or dismissed: what the indicators count as open violations. */
export const OPEN_VIOLATION_STATUSES = ['open', 'ordered', 'rectified'] as const;

export const VIOLATION_ACTIONS = ['order', 'report', 'accept', 'reject', 'dismiss', 'publish'] as const;
export type ViolationAction = (typeof VIOLATION_ACTIONS)[number];

/** Where a case came from: the platform's own records (the daily job), or the authority by hand. */
export const SOURCE_KINDS = [
  'reply_overdue',
  'supply_overdue',
  'catalog_update_overdue',
  'data_stale',
  'verification_overdue',
  'misuse_upheld',
  'disposal_missing',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The party a category binds (profile `violations.categories[].party`). */
export type ViolationParty = 'provider' | 'requester' | 'authority' | 'any';

/**
 * 违规事项 (issue 17; R114, N20, N25): one department's violation of a kind the profile names, with
 * the article it breaks, the facts, the rectification order and its due date, the department's
 * report, and the authority's decision.
 */
export interface SupervisionViolationTable {
  id: string;
  /** WG-2026-000001 */
  number: string;
  status: ViolationStatus;
  category_code: string;
  category_party: ViolationParty;
  category_zh: string;
  category_en: string;
  category_article: string;
  /** The profile the category list came from (local or national). */
  category_source: string;
  respondent_department_id: string;
  respondent_name: string;
  respondent_jurisdiction_path: string;
  /** What happened, as the authority (or the platform) recorded it. */
  facts: string;
  /** The record the platform opened the case from; null for a case opened by hand. */
  source_kind: SourceKind | null;
  source_id: string | null;
  /** The source's number or name, as the parties know it. */
  source_ref: string | null;
  opened_by: string | null;
  opened_by_name: string;
  /** 整改要求: what the department must put right (the latest order). */
  order_text: string | null;
  ordered_at: string | null;
  /** How many orders were given: a rejected rectification gives a follow-up order. */
  order_count: number;
  due_date: string | null;
  due_article: string | null;
  /** When the sweep flagged the order overdue (once per order). */
  overdue_at: string | null;
  /** The department's report of what it put right (the latest one). */
  report_text: string | null;
  reported_at: string | null;
  reported_by_name: string | null;
  /** The authority's last word: the acceptance note, the rejection reason or the dismissal reason. */
  decision_text: string | null;
  decided_at: string | null;
  decided_by_name: string | null;
  /** When the case was closed or dismissed: the indicators count it open until then. */
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A file the respondent attaches to its rectification report (kept with its digest). */
export interface SupervisionViolationAttachmentTable {
  id: string;
  violation_id: string;
  name: string;
  media_type: string;
  size: number;
  /** SHA-256 of the content, hex. */
  digest: string;
  content_base64: string;
  uploaded_by_name: string;
  created_at: string;
}

/**
 * 通报 (N20): a frozen text about a case, published by the authority: its canonical JSON, the
 * SHA-256 digest of it, and the jurisdiction whose users read it. Never updated.
 */
export interface SupervisionCircularTable {
  id: string;
  /** TB-2026-000001 */
  number: string;
  violation_id: string;
  title: string;
  /** The circular's content, canonical JSON (keys sorted): what the digest seals. */
  body: string;
  digest: string;
  /** The publishing authority's jurisdiction: every signed-in user within it reads the circular. */
  jurisdiction_path: string;
  published_at: string;
  published_by: string;
  published_by_name: string;
}

export interface ViolationTables {
  supervision_violation: SupervisionViolationTable;
  supervision_violation_attachment: SupervisionViolationAttachmentTable;
  supervision_circular: SupervisionCircularTable;
}
