import type { CaseRowColumns, EntryColumns, PartyColumns } from '../schema.js';

/**
 * 使用记录 (N21, 政务数据共享条例第二十九条第二款): what the requesting department records of its use
 * of one grant's data. Each record carries its own parties (copied from the grant), so that it is
 * kept and readable whatever becomes of the grant, and the date until which it must be kept.
 */
export interface SharingUseRecordTable extends PartyColumns, EntryColumns {
  id: string;
  grant_id: string;
  /** 使用场景 */
  scenario: string;
  /** 使用过程 */
  process: string;
  /** 应用成效 */
  effect: string;
  /** 存储情况 */
  storage: string;
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: string;
  /** Not before: the record is kept at least 3 years from the day it was made (第二十九条第二款). */
  retain_until: string;
}

/**
 * A disposal's life (N16): the provider requires it by a date (`awaiting_record`); the requester
 * files its record (`filed`).
 */
export const DISPOSAL_STATUSES = ['awaiting_record', 'filed'] as const;
export type DisposalStatus = (typeof DISPOSAL_STATUSES)[number];

/** Why the data is to be disposed of (第二十七条第一款), or because the grant ended. */
export const DISPOSAL_GROUNDS = [
  'grant_ended',
  'purpose_achieved',
  'purpose_unachievable',
  'no_longer_necessary',
] as const;
export type DisposalGround = (typeof DISPOSAL_GROUNDS)[number];

/** 处置 (N16, 第二十七条第一款): one per grant; its record is a use record too (销毁情况, 第二十九条第二款). */
export interface SharingDisposalTable extends CaseRowColumns<DisposalStatus>, PartyColumns, EntryColumns {
  grant_id: string;
  ground: DisposalGround;
  /** 按照政务数据提供部门的要求: how the provider requires the data to be disposed of. */
  requirement: string;
  due_date: string;
  article: string;
  required_by: string;
  required_by_name: string;
  /** The record: what was disposed of, how, when, by whom. */
  disposed_what: string | null;
  disposed_how: string | null;
  disposed_on: string | null;
  disposed_by: string | null;
  filed_by: string | null;
  filed_by_name: string | null;
  filed_at: string | null;
  overdue: number;
  overdue_at: string | null;
  retain_until: string | null;
}

export interface UseRecordTables {
  sharing_use_record: SharingUseRecordTable;
  sharing_disposal: SharingDisposalTable;
}
