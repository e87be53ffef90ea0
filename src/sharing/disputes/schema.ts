import type { Purpose } from '../model.js';
import type { CaseRowColumns, EntryColumns, PartyColumns, SharingTables } from '../schema.js';
import type { DemandDecider, DemandStatus, DisputeOrigin, DisputeStatus } from './model.js';

/** 协商协调案件: one row per disputed need, through negotiation and coordination. */
export interface SharingDisputeTable extends CaseRowColumns<DisputeStatus>, PartyColumns, EntryColumns {
  origin: DisputeOrigin;
  application_id: string | null;
  opened_by: string;
  opened_by_name: string;
  /** JSON array of information item names. */
  items: string;
  purpose: Purpose;
  purpose_text: string | null;
  legal_duty: string;
  /** JSON array of access methods. */
  methods: string;
  valid_from: string;
  valid_until: string;
  reason: string;
  /** The current stage's deadline; reset when the case moves to coordination. */
  due_date: string | null;
  deadline_article: string | null;
  due_soon_noticed_at: string | null;
  overdue: number;
  overdue_at: string | null;
  failure_reason: string | null;
  decision: string | null;
  decided_items: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  grant_id: string | null;
  /** 1 where coordination without agreement goes to the government (809 第二十八条第二款), per the profile at opening. */
  government_referral: number;
  referral_reason: string | null;
  referred_at: string | null;
  referred_by: string | null;
  referred_by_name: string | null;
  /** 本级人民政府 and its jurisdiction: the level of the jurisdiction over both parties. */
  government_name: string | null;
  government_jurisdiction_path: string | null;
  /** The government's decision as recorded by the authority: who decided, what, 文号, on which date. */
  government_decided_by: string | null;
  government_decision: string | null;
  government_reference: string | null;
  government_decided_on: string | null;
}

/** 目录外需求: data not in the catalog, decided per the profile and then cataloged and supplied. */
export interface SharingDemandTable extends CaseRowColumns<DemandStatus>, PartyColumns {
  applicant_id: string;
  applicant_name: string;
  title: string;
  description: string;
  items: string;
  purpose: Purpose;
  purpose_text: string | null;
  legal_duty: string;
  methods: string;
  valid_from: string;
  valid_until: string;
  decider: DemandDecider;
  /** The current stage's deadline: the provider's reply, then the supply after a decision to share. */
  due_date: string | null;
  deadline_article: string | null;
  due_soon_noticed_at: string | null;
  overdue: number;
  overdue_at: string | null;
  decision: 'share' | 'not_share' | null;
  decision_reason: string | null;
  decision_reference: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  supplied_entry_id: string | null;
  supplied_entry_code: string | null;
  supplied_items: string | null;
  supplied_at: string | null;
  supplied_late: number;
  grant_id: string | null;
}

export interface DisputeTables {
  sharing_dispute: SharingDisputeTable;
  sharing_demand: SharingDemandTable;
}

export type DisputeDatabase = SharingTables & DisputeTables;
