import type { EntryStatus, ShareType } from './model.js';

/**
 * One row per cataloged resource: what lists, scopes and codes need, with the full content in
 * its versions. `current_version` is the newest (possibly a draft of a change);
 * `published_version` is what consumers see and what grants refer to.
 */
export interface CatalogEntryTable {
  id: string;
  /** 信息资源代码, unique per instance, stable across versions. */
  code: string;
  /** Classification code (the part before `/`). */
  class_code: string;
  catalog_class: string;
  /** Base or theme area, null for department catalog entries. */
  area: string | null;
  provider_department_id: string;
  /** The provider's unified social credit code when the entry was created (信息资源提供方代码). */
  provider_code: string;
  /** Jurisdiction path of the provider, for authorization scopes. */
  jurisdiction_path: string;
  /**
   * The entry's standing for readers: before its first publication the state of its only
   * version; afterwards `published` (or `withdrawn`), whatever revision is under way.
   */
  status: EntryStatus;
  /** The state of `current_version` (a revision of a published entry may be a draft, submitted…). */
  current_status: string;
  name: string;
  share_type: ShareType;
  open_to_public: number;
  classified: number;
  current_version: number;
  published_version: number | null;
  /** 发布日期 of the published version (YYYY-MM-DD). */
  publish_date: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  /** 数据分类分级 of the listed version: core | important | general; null: 未定级. */
  data_class: string | null;
  /** The level of general data (a code of the profile's list). */
  data_level: string | null;
}

export interface CatalogVersionTable {
  entry_id: string;
  version: number;
  /** JSON of `EntryContent`. */
  content: string;
  /** draft | submitted | returned | ratified | published | superseded | rejected | withdrawn */
  status: string;
  /** Why this version was made (required when it reduces what is shared). */
  change_reason: string | null;
  /** JSON list of what this version reduces against the published one (empty: no reduction). */
  reductions: string;
  created_at: string;
  created_by: string;
  submitted_at: string | null;
  ratified_at: string | null;
  ratified_by: string | null;
  published_at: string | null;
  /** 809 第十七条第三款: the authority's review of a submitted update is due by this day. */
  review_due_date: string | null;
  review_deadline_id: string | null;
  review_article: string | null;
  /** When the sweep found the review overdue (flagged once). */
  review_overdue_at: string | null;
}

/**
 * 809 第十三条第一款 (N02): the assessments of one version's content and the head's approval,
 * each bound to the digest of the content it judged; an edit afterwards needs them again.
 */
export interface CatalogPreparationTable {
  id: string;
  entry_id: string;
  /** Order of the records of one entry (the latest word on each kind counts). */
  seq: number;
  version: number;
  content_digest: string;
  /** secrecy_risk | personal_info_impact | head_approval */
  kind: string;
  /** passed | passed_with_measures | failed (assessments); approved | refused (approval) */
  result: string;
  /** 评估报告或书面意见的文号 */
  reference: string | null;
  summary: string;
  /** The head's name where the sharing officer recorded the head's written approval. */
  on_behalf_of: string | null;
  recorded_by: string;
  recorded_by_name: string;
  at: string;
}

/** The authority's decisions and the provider's steps on an entry, oldest first. */
export interface CatalogReviewTable {
  id: string;
  entry_id: string;
  version: number;
  /** submit | ratify | return | publish | withdraw | approve_reduction | reject_reduction */
  action: string;
  comment: string | null;
  actor_id: string;
  actor_name: string;
  at: string;
}

/** Next sequence code per classification code. */
export interface CatalogSequenceTable {
  class_code: string;
  last_seq: number;
}

/** The 项 number each department holds in the department catalog (部门信息资源目录). */
export interface CatalogDepartmentCodeTable {
  department_id: string;
  jurisdiction_path: string;
  item_code: string;
}

/**
 * An update obligation: a law or a department's duties changed, so the department's catalog must
 * be updated within the profile's period (15 working days in several jurisdictions).
 */
export interface CatalogObligationTable {
  id: string;
  department_id: string;
  jurisdiction_path: string;
  /** law_change | duty_change */
  cause: string;
  description: string;
  /** The article of the profile the period comes from. */
  article: string | null;
  /** YYYY-MM-DD, from the working-day calendar. */
  due_date: string;
  /** The calendar deadline record that computed it. */
  deadline_id: string | null;
  /** open | fulfilled */
  status: string;
  recorded_by: string;
  recorded_at: string;
  fulfilled_at: string | null;
  fulfilled_note: string | null;
  /** The due date before an extension moved it. */
  original_due_date: string | null;
  /** 809 第十七条第二款: null | requested | granted | refused (once only). */
  extension_status: string | null;
  extension_reason: string | null;
  extension_requested_by: string | null;
  extension_requested_at: string | null;
  extension_decided_by: string | null;
  extension_decided_at: string | null;
  extension_comment: string | null;
}

/** An edition of the instance-wide shared catalog (共享目录), compiled from published entries. */
export interface CatalogEditionTable {
  id: string;
  edition: number;
  compiled_at: string;
  compiled_by: string;
  entry_count: number;
  /** JSON list of { entryId, code, version, name, provider, shareType }. */
  entries: string;
  /** Digest of `entries`, so an edition can be checked later. */
  digest: string;
}

export interface CatalogTables {
  catalog_entry: CatalogEntryTable;
  catalog_version: CatalogVersionTable;
  catalog_review: CatalogReviewTable;
  catalog_sequence: CatalogSequenceTable;
  catalog_department_code: CatalogDepartmentCodeTable;
  catalog_obligation: CatalogObligationTable;
  catalog_preparation: CatalogPreparationTable;
  catalog_edition: CatalogEditionTable;
}
