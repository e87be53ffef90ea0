import type { DeadlineView } from '../../platform/calendar/index.js';
import type { Profile, ProfilePeriod } from '../../platform/profiles/index.js';
import type { CaseEvent, StatedNeed } from '../model.js';

/**
 * 协商 / 协调 (R37, R38): one case per disputed need, from the consumer's opening to the binding
 * outcome. Under a profile with a negotiation step it starts `negotiating`; an agreement there is
 * carried out as a grant (`agreed`); a failed or lapsed negotiation may be escalated to the
 * competent authority (`coordinating`), whose decision is binding: `granted` (a grant) or
 * `closed`. The consumer may withdraw an undecided case.
 */
export const DISPUTE_STATUSES = [
  'negotiating',
  'negotiation_failed',
  'agreed',
  'coordinating',
  'granted',
  'closed',
  'withdrawn',
  // N19, 809 第二十八条第二款: "经政务数据共享主管部门协调处理仍未达成一致意见的，报政务数据共享主管部门的本级人民政府决定".
  'referred',
  'government_granted',
  'government_closed',
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** What the consumer disputes: a refused application, or a cataloged resource that is not shared. */
export type DisputeOrigin = 'refused_application' | 'not_shared';

/** 目录外需求 (R34): pending a decision, then (if shared) awaiting the provider's cataloging and supply. */
export const DEMAND_STATUSES = ['pending', 'refused', 'awaiting_supply', 'supplied', 'withdrawn'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

/** Who decides an out-of-catalog demand under the profile's `workflow.outOfCatalog`. */
export type DemandDecider = 'government' | 'provider' | 'authority';

/** A stage's deadline: due date, article, working days left, whether provisional. */
export type Deadline = DeadlineView;

export interface Dispute extends StatedNeed {
  id: string;
  /** XS-2026-000001 */
  number: string;
  origin: DisputeOrigin;
  applicationId: string | null;
  consumer: { departmentId: string; name: string };
  openedBy: { id: string; name: string };
  provider: { departmentId: string; name: string };
  entry: { id: string; code: string; name: string };
  /** Why the consumer's duties need the data. */
  reason: string;
  status: DisputeStatus;
  /** The current stage's deadline (negotiation, then coordination). */
  deadline: Deadline | null;
  /** Why the current stage has no deadline: the profile's text. */
  deadlineNote: string | null;
  overdue: boolean;
  failureReason: string | null;
  decision: string | null;
  decidedItems: string[] | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  grantId: string | null;
  /** Whether coordination without agreement goes to the government (809 第二十八条第二款), fixed at opening. */
  governmentReferral: boolean;
  /** N19: referred to the government of the coordinating authority's level, and why. */
  referral: {
    reason: string;
    at: string;
    by: { id: string; name: string };
    /** 本级人民政府: the government of the jurisdiction over both parties (their common superior). */
    government: string;
    jurisdictionPath: string;
  } | null;
  /** N19: the government's decision as recorded, the final step of the case. */
  governmentDecision: {
    share: boolean;
    decidedBy: string;
    decision: string;
    reference: string;
    decidedOn: string;
    recordedBy: { id: string; name: string };
    recordedAt: string;
  } | null;
  createdAt: string;
  updatedAt: string;
}

export type DisputeAction =
  | 'minutes'
  | 'agree'
  | 'fail'
  | 'escalate'
  | 'decide'
  | 'refer'
  | 'record_government_decision'
  | 'withdraw';

export interface DisputeDetail extends Dispute {
  timeline: CaseEvent[];
  allowedActions: DisputeAction[];
}

export interface Demand extends StatedNeed {
  id: string;
  /** XQ-2026-000001 */
  number: string;
  consumer: { departmentId: string; name: string };
  applicant: { id: string; name: string };
  provider: { departmentId: string; name: string };
  /** The data wanted, in the consumer's words (it has no catalog entry yet). */
  title: string;
  description: string;
  decider: DemandDecider;
  status: DemandStatus;
  deadline: Deadline | null;
  deadlineNote: string | null;
  overdue: boolean;
  decision: 'share' | 'not_share' | null;
  decisionReason: string | null;
  /** The government decision's document number (文号), where the government decides. */
  decisionReference: string | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  suppliedEntry: { id: string; code: string } | null;
  suppliedItems: string[] | null;
  suppliedAt: string | null;
  suppliedLate: boolean;
  grantId: string | null;
  createdAt: string;
  updatedAt: string;
}

export type DemandAction = 'decide' | 'supply' | 'withdraw';

export interface DemandDetail extends Demand {
  timeline: CaseEvent[];
  allowedActions: DemandAction[];
}

/** The shape the profile gives disputes and out-of-catalog demands (REQUIREMENTS §3, §4 items 1–3). */
export interface DisputeShape {
  /** 协商 between the parties comes first (Inner Mongolia Art.19, Feicheng Art.17). */
  negotiation: boolean;
  /** 协调 by the competent authority (Neixiang Art.16(2) straight after an objection). */
  coordination: boolean;
  demandDecider: DemandDecider;
  /**
   * Coordination that ends without agreement goes to the government of the authority's level
   * (809 第二十八条第二款). Where the profile's rule is 809 第二十八条 (national and the profiles
   * that adopt it); a local rule whose coordination decision binds (Inner Mongolia Art.19) keeps it.
   */
  governmentDecision: boolean;
  /** The profile rule this shape was read from, for messages. */
  rule: { value: string; article: string | null; text: string };
}

/**
 * Reads the shape from `workflow.outOfCatalog`:
 * - `negotiation` (Inner Mongolia, Feicheng, national): negotiate, then coordination; an
 *   out-of-catalog demand is decided by the authority;
 * - `provider_reply` (Neixiang Art.16(2)): no negotiation, an objection goes to the authority for
 *   coordination; data outside the catalog is asked of the provider, who answers;
 * - `government_decision` (Guangzhou Art.19 ¶2, Art.32): neither step; the authority refers an
 *   out-of-catalog demand to the government and records its decision;
 * - `not_specified` (Lianyungang): the authority coordinates and decides, without deadlines.
 */
export function disputeShape(profile: Profile): DisputeShape {
  const rule = profile.workflow.outOfCatalog;
  const cite = { value: rule.value, article: rule.article, text: rule.text };
  const governmentDecision = (rule.article ?? '').includes('第二十八条');
  switch (rule.value) {
    case 'negotiation':
      return {
        negotiation: true,
        coordination: true,
        demandDecider: 'authority',
        governmentDecision,
        rule: cite,
      };
    case 'provider_reply':
      return {
        negotiation: false,
        coordination: true,
        demandDecider: 'provider',
        governmentDecision,
        rule: cite,
      };
    case 'government_decision':
      return {
        negotiation: false,
        coordination: false,
        demandDecider: 'government',
        governmentDecision,
        rule: cite,
      };
    default:
      return {
        negotiation: false,
        coordination: true,
        demandDecider: 'authority',
        governmentDecision,
        rule: cite,
      };
  }
}

/** A fixed period of the profile, or null where it sets none (the case then shows the profile's text). */
export function fixedPeriod(period: ProfilePeriod): (ProfilePeriod & { value: number }) | null {
  if (period.qualifier !== 'fixed' || period.value === null) return null;
  return period as ProfilePeriod & { value: number };
}
