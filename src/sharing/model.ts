import type { ShareMethod, ShareType } from '../catalog/index.js';
import type { DeadlineView } from '../platform/calendar/index.js';

/**
 * The sharing vocabulary (REQUIREMENTS §1, §2.3, §2.6): what a consumer department states when
 * it asks for a resource, and what a grant allows. Code lists are `as const` arrays so that the
 * route schemas, the checks and the portal draw from one list.
 */

/** 使用用途 (Inner Mongolia Art.18 ¶2, R57): the four uses of the regulations, plus free text. */
export const PURPOSES = [
  'administrative_basis', // 行政依据
  'work_reference', // 工作参考
  'data_verification', // 数据校核
  'business_coordination', // 业务协同
  'other',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** How the consumer will obtain the data (联机查询, 接口, 批量下载, 订阅). */
export const ACCESS_METHODS = ['online_query', 'interface', 'batch_download', 'subscription'] as const;
export type AccessMethod = (typeof ACCESS_METHODS)[number];

/**
 * Which catalog share methods (共享方式) can carry each access method: a consumer cannot ask for a
 * batch download of a resource its provider offers only as an interface.
 */
export const METHOD_CARRIERS: Record<AccessMethod, readonly ShareMethod[]> = {
  online_query: ['platform_interface', 'platform_database'],
  interface: ['platform_interface'],
  batch_download: ['platform_file', 'platform_database'],
  subscription: ['platform_database', 'platform_interface'],
};

/**
 * An application's life: `endorsing` in the consumer department until its sharing-office head
 * consents (809 第二十条第二款; `not_endorsed` where the head does not), then `pending` at the
 * provider until approved (wholly or in part), refused or withdrawn by the consumer; an answer a
 * resource administrator drafted waits in `answer_review` for the provider's head (第二十条第三款).
 * A request the profile grants at once is `approved` on creation (or on the head's consent).
 */
export const APPLICATION_STATUSES = [
  'endorsing',
  'not_endorsed',
  'pending',
  'answer_review',
  'returned',
  'approved',
  'partially_approved',
  'refused',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** How a request is handled: granted at once (R28, R29) or answered by the provider (R31, R32). */
export type AccessPath = 'direct' | 'application';

/** Stored grant states; `expired` is never stored but read from `valid_until` and the clock. */
export const GRANT_STATUSES = ['active', 'suspended', 'revoked', 'expired'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export type StoredGrantStatus = Exclude<GrantStatus, 'expired'>;

export const GRANT_ORIGINS = ['application', 'agreement', 'decision', 'unconditional'] as const;
export type GrantOrigin = (typeof GRANT_ORIGINS)[number];

/** 共享范围: every record, or those matching a filter on information items (item name → value). */
export type Scope = { kind: 'all' } | { kind: 'filter'; filter: Record<string, string | number | boolean> };

/** The kinds of case whose history `sharing_event` keeps; the next parts add negotiation, agreement… */
export type CaseType = 'application' | 'grant' | 'agreement' | 'stop' | 'complaint' | 'dispute' | 'demand';

export interface Application {
  id: string;
  /** SQ-2026-000123 */
  number: string;
  consumer: { departmentId: string; name: string };
  applicant: { id: string; name: string };
  provider: { departmentId: string; name: string };
  entry: { id: string; code: string; name: string; version: number };
  /** The strictest share type among the entry and the items asked for. */
  shareType: ShareType;
  path: AccessPath;
  items: string[];
  purpose: Purpose;
  purposeText: string | null;
  legalDuty: string;
  /** 使用场景 (809 第二十条第二款). */
  scenario: string;
  scope: Scope;
  methods: AccessMethod[];
  validFrom: string;
  validUntil: string;
  status: ApplicationStatus;
  /** The reply deadline; its countdown runs while the application is pending or its answer awaits the head. */
  deadline: DeadlineView | null;
  /** Why there is no deadline (a profile without a reply period), in zh and en. */
  deadlineNote: string | null;
  overdue: boolean;
  decidedItems: string[] | null;
  refusalReason: string | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decidedLate: boolean;
  grantId: string | null;
  /**
   * R11: the provider's stop on the resource, if one is scheduled (a warning: a grant would end
   * on its date) or in effect (no new application is accepted).
   */
  stop: {
    number: string;
    status: 'pending_approval' | 'filed' | 'effective';
    effectiveDate: string;
    reason: string;
    inEffect: boolean;
  } | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The need a case between two departments states, as its answer gives it: the items, the purpose
 * and the duty they serve, the access methods and the validity period (an agreement, a dispute, a
 * demand).
 */
export interface StatedNeed {
  items: string[];
  purpose: Purpose;
  purposeText: string | null;
  legalDuty: string;
  methods: AccessMethod[];
  validFrom: string;
  validUntil: string;
}

export interface CaseEvent {
  action: string;
  actor: { id: string | null; name: string };
  at: string;
  detail: Record<string, unknown>;
}

export interface Grant {
  id: string;
  consumer: { departmentId: string; name: string };
  clientIds: string[];
  provider: { departmentId: string; name: string };
  entry: { id: string; code: string; name: string };
  items: string[];
  /** Personal-information items the consumer sees in clear; the others come masked (R100). */
  clearItems: string[];
  purpose: Purpose;
  methods: AccessMethod[];
  validFrom: string;
  validUntil: string;
  origin: GrantOrigin;
  originId: string;
  status: GrantStatus;
  statusReason: string | null;
  statusChangedAt: string | null;
  createdAt: string;
  /** N12: the provider's supply obligation; null for a grant made before it existed. */
  supply: GrantSupply | null;
}

/** N12 (809 第二十二条第一款): supply within the profile's period of agreeing, met by the first delivery. */
export interface GrantSupply {
  /** Null where the profile sets no supply period (`note` says so). */
  dueDate: string | null;
  article: string | null;
  /** The profile's text where there is no due date. */
  note: string | null;
  /** The first successful delivery under the grant. */
  suppliedAt: string | null;
  /** Past due without a delivery, or delivered late (stays true). */
  overdue: boolean;
  late: boolean;
  /** Working days to the due date while open; negative once past; null when met or not computed. */
  workingDaysLeft: number | null;
  /** Whether the due date lies in a year whose holiday notice is not loaded; null when not computed. */
  provisional: boolean | null;
}
