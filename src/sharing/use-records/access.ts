import type { Actor } from '../../platform/context/index.js';
import { SharingActions } from '../policies.js';
import { allowedOnCase, type Parties } from '../store.js';

/**
 * 第二十九条第二款: "政务数据共享主管部门和政务数据提供部门可以查阅政务数据需求部门有关记录". The
 * requesting department itself, the provider and the competent authority over either party read
 * the use records and disposal records of a grant; nobody else (an auditor of the platform
 * included) learns that they exist.
 */
export const canReadUseRecords = (actor: Actor, row: Parties): boolean =>
  allowedOnCase(actor, SharingActions['sharing.use_record.read'], row);

/** The day until which a record made on `day` is kept: 3 years on, never shorter (29 Feb → 1 Mar). */
export function retainUntil(day: string): string {
  const year = Number(day.slice(0, 4)) + 3;
  const monthDay = day.slice(5);
  return monthDay === '02-29' ? `${year}-03-01` : `${year}-${monthDay}`;
}

/** 第二十九条第二款, as every use record and disposal record cites it. */
export const RECORDS_ARTICLE =
  '《政务数据共享条例》第二十九条第二款：政务数据需求部门应当对共享政务数据的使用场景、使用过程、应用成效、存储情况、销毁情况等进行记录，有关记录保存期限不少于 3 年';
export const RETENTION_YEARS = 3;
