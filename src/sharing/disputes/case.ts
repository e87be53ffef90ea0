import { type CaseRole, defineCase, WITHDRAWN, withdrawal } from '../../platform/cases/index.js';
import type { Actor } from '../../platform/context/index.js';
import { authorityRole, ownPartyRole } from '../cases.js';
import { SharingActions } from '../policies.js';
import { canReadCase, type Parties } from '../store.js';
import type { DemandAction, DemandStatus, DisputeAction, DisputeStatus } from './model.js';
import type { SharingDemandTable, SharingDisputeTable } from './schema.js';

/**
 * The two parties of a dispute or a demand, each acting for its own department only: the
 * consumer asks, the provider answers.
 */
const parties = {
  consumer: ownPartyRole<Parties>('consumer', SharingActions['sharing.apply']),
  provider: ownPartyRole<Parties>('provider', SharingActions['sharing.decide']),
};

/** The competent authority over both parties, which coordinates. */
const coordinator = authorityRole<SharingDisputeTable>(SharingActions['sharing.coordinate']);

/**
 * 协商 / 协调 (R37, R38) as a case: either party minutes the negotiation or declares it failed,
 * the provider agrees (a grant), the consumer escalates a failed or lapsed negotiation to the
 * authority over both parties, whose binding decision grants or closes the case; the consumer
 * withdraws an undecided case. Each party acts for its own department only.
 */
export const DisputeCase = defineCase<
  Actor,
  SharingDisputeTable,
  DisputeStatus,
  DisputeAction,
  'consumer' | 'provider' | 'authority' | 'referringAuthority'
>({
  type: 'dispute',
  auditPrefix: 'sharing.dispute',
  table: 'sharing_dispute',
  touch: 'updated_at',
  errors: { notFound: 'DISPUTE_NOT_FOUND', invalidState: 'DISPUTE_INVALID_STATE' },
  statuses: {
    negotiating: { zh: '协商中', en: 'negotiating' },
    negotiation_failed: { zh: '协商未果', en: 'negotiation failed' },
    agreed: { zh: '协商达成，已授权', en: 'agreed and granted' },
    coordinating: { zh: '协调中', en: 'under coordination' },
    granted: { zh: '协调决定共享，已授权', en: 'decided: shared' },
    closed: { zh: '协调决定不予共享，已办结', en: 'decided: closed' },
    withdrawn: WITHDRAWN,
    referred: { zh: '协调未达成一致，已报本级人民政府决定', en: 'referred to the government for decision' },
    government_granted: { zh: '人民政府决定共享，已授权', en: 'decided by the government: shared' },
    government_closed: { zh: '人民政府决定不予共享，已办结', en: 'decided by the government: closed' },
  },
  roles: {
    ...parties,
    authority: coordinator,
    // The authority over both parties — for two jurisdictions, their common superior — where the
    // case was opened under 809 第二十八条 (the row keeps the rule in force at opening).
    referringAuthority: referring(coordinator),
  },
  // In this order the portal lists the steps open to a reader.
  actions: {
    minutes: {
      by: ['consumer', 'provider'],
      from: ['negotiating'],
      label: { zh: '记录协商情况', en: 'minuted' },
    },
    fail: {
      by: ['consumer', 'provider'],
      from: ['negotiating'],
      to: 'negotiation_failed',
      label: { zh: '确认协商未果', en: 'declared failed' },
    },
    agree: {
      by: 'provider',
      from: ['negotiating'],
      to: 'agreed',
      label: { zh: '协商同意共享', en: 'agreed' },
    },
    // From `negotiating` only once its period lapsed: the step's effect checks the date.
    escalate: {
      by: 'consumer',
      from: ['negotiating', 'negotiation_failed'],
      to: 'coordinating',
      label: { zh: '提请协调', en: 'escalated' },
    },
    decide: {
      by: 'authority',
      from: ['coordinating'],
      to: ['granted', 'closed'],
      label: { zh: '作出协调决定', en: 'decided' },
    },
    withdraw: withdrawal('consumer', ['negotiating', 'negotiation_failed', 'coordinating']),
    // 809 第二十八条第二款: "经政务数据共享主管部门协调处理仍未达成一致意见的，报政务数据共享主管部门的本级人民政府决定".
    refer: {
      by: 'referringAuthority',
      from: ['coordinating'],
      to: 'referred',
      label: { zh: '报本级人民政府决定', en: 'referred to the government' },
    },
    // The final step: nothing is open from either state it ends in.
    record_government_decision: {
      by: 'referringAuthority',
      from: ['referred'],
      to: ['government_granted', 'government_closed'],
      label: { zh: '登记人民政府决定', en: "recorded the government's decision" },
    },
  },
  canRead: canReadCase,
});

/** A role held only on a case opened where 809 第二十八条 sends unresolved coordination to the government. */
function referring(role: CaseRole<Actor, SharingDisputeTable>): CaseRole<Actor, SharingDisputeTable> {
  return {
    permission: role.permission,
    holds: (actor, row) => row.government_referral === 1 && role.holds(actor, row),
  };
}

/** A role held only where the profile made its holder the demand's decider (stored on the demand). */
const deciding = (
  decider: 'provider' | 'other',
  role: CaseRole<Actor, SharingDemandTable>,
): CaseRole<Actor, SharingDemandTable> => ({
  permission: role.permission,
  holds: (actor, row) => (row.decider === 'provider') === (decider === 'provider') && role.holds(actor, row),
});

/**
 * 目录外需求 (R34) as a case: its decider (the authority over both parties, recording the
 * government's decision where the government decides, or the provider under Neixiang) decides
 * to share or not; a decision to share obliges the provider to catalog and supply the data (a
 * grant); the consumer withdraws a demand not yet decided.
 */
export const DemandCase = defineCase<
  Actor,
  SharingDemandTable,
  DemandStatus,
  DemandAction,
  'consumer' | 'provider' | 'authorityDecider' | 'providerDecider'
>({
  type: 'demand',
  auditPrefix: 'sharing.demand',
  table: 'sharing_demand',
  touch: 'updated_at',
  errors: { notFound: 'DEMAND_NOT_FOUND', invalidState: 'DEMAND_INVALID_STATE' },
  statuses: {
    pending: { zh: '待决定', en: 'pending a decision' },
    refused: { zh: '决定不予共享', en: 'decided: not shared' },
    awaiting_supply: { zh: '待编目提供', en: 'awaiting cataloging and supply' },
    supplied: { zh: '已编目提供，已授权', en: 'supplied and granted' },
    withdrawn: WITHDRAWN,
  },
  roles: {
    ...parties,
    authorityDecider: deciding('other', authorityRole(SharingActions['sharing.demand.decide'])),
    providerDecider: deciding('provider', parties.provider),
  },
  actions: {
    decide: {
      by: ['authorityDecider', 'providerDecider'],
      from: ['pending'],
      to: ['awaiting_supply', 'refused'],
      label: { zh: '作出决定', en: 'decided' },
    },
    supply: {
      by: 'provider',
      from: ['awaiting_supply'],
      to: 'supplied',
      label: { zh: '编目并提供', en: 'supplied' },
    },
    withdraw: withdrawal('consumer', ['pending']),
  },
  canRead: canReadCase,
});
