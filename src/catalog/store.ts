import type { Kysely } from 'kysely';
import type { DeadlineView } from '../platform/calendar/index.js';
import type { Executor } from '../platform/db/index.js';
import { newId } from '../platform/db/index.js';

import type { Reduction } from './diff.js';
import { CatalogErrors } from './errors.js';
import type { CatalogClass, EntryContent, EntryStatus, ShareType } from './model.js';
import type { CatalogEntryTable, CatalogTables, CatalogVersionTable } from './schema.js';

/** The catalog's own handle or transaction: the composition root hands the service this view. */
export type CatalogDb = Kysely<CatalogTables>;
export type EntryRow = CatalogEntryTable;
export type VersionRow = CatalogVersionTable;

/** Views another module's transaction (a caller joining the catalog in its own) as the catalog's. */
export const tables = (executor: Executor): CatalogDb => executor as unknown as CatalogDb;

/** What a reader may do with an entry now. */
export const ENTRY_ACTIONS = [
  'edit',
  'submit',
  'ratify',
  'return',
  'publish',
  'withdraw',
  'approveReduction',
  'rejectReduction',
] as const;
export type EntryAction = (typeof ENTRY_ACTIONS)[number];

export interface ProviderRef {
  id: string;
  name: string;
  code: string;
}

export interface EntrySummary {
  id: string;
  code: string;
  name: string;
  status: EntryStatus;
  /** The state of the newest version as this reader may know it (a revision's draft, submission…). */
  currentStatus: string;
  catalogClass: CatalogClass;
  area: string | null;
  shareType: ShareType;
  openToPublic: boolean;
  classified: boolean;
  provider: ProviderRef;
  currentVersion: number;
  publishedVersion: number | null;
  publishDate: string | null;
  updatedAt: string;
  /** 数据分类分级 as listed; null: 未定级. */
  dataClass: string | null;
  dataLevel: string | null;
}

export interface VersionSummary {
  version: number;
  status: string;
  createdAt: string;
  changeReason: string | null;
  reductions: Reduction[];
}

export interface ReviewRecord {
  action: string;
  comment: string | null;
  actorName: string;
  at: string;
  version: number;
}

export interface PendingReduction {
  version: number;
  reasons: Reduction[];
  changeReason: string | null;
}

export interface EntryDetail extends EntrySummary {
  content: EntryContent;
  publishedContent?: EntryContent;
  versions: VersionSummary[];
  reviews: ReviewRecord[];
  pendingReduction?: PendingReduction;
  /** 809 第十七条第三款: when the authority's review of the submitted update is due. */
  reviewDeadline?: DeadlineView & { overdueFlaggedAt: string | null };
  allowedActions: EntryAction[];
}

export interface VersionDetail {
  version: number;
  status: string;
  content: EntryContent;
  changeReason: string | null;
  reductions: Reduction[];
  createdAt: string;
  submittedAt: string | null;
  ratifiedAt: string | null;
  publishedAt: string | null;
}

/** Version statuses every reader may see: what was once published, and the withdrawal itself. */
export const PUBLIC_VERSION_STATUSES = ['published', 'superseded', 'withdrawn'];

export function parseReductions(row: Pick<VersionRow, 'reductions'>): Reduction[] {
  return JSON.parse(row.reductions) as Reduction[];
}

export function toVersionSummary(row: VersionRow): VersionSummary {
  return {
    version: row.version,
    status: row.status,
    createdAt: row.created_at,
    changeReason: row.change_reason,
    reductions: parseReductions(row),
  };
}

export function toVersionDetail(row: VersionRow): VersionDetail {
  return {
    version: row.version,
    status: row.status,
    content: JSON.parse(row.content) as EntryContent,
    changeReason: row.change_reason,
    reductions: parseReductions(row),
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    ratifiedAt: row.ratified_at,
    publishedAt: row.published_at,
  };
}

/**
 * An entry's summary as a reader sees it: one who may read unpublished state sees the newest
 * version; anyone else sees the published one.
 */
export function toSummary(row: EntryRow, provider: ProviderRef, readsUnpublished: boolean): EntrySummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    status: row.status,
    currentStatus: readsUnpublished ? row.current_status : row.status,
    catalogClass: row.catalog_class as CatalogClass,
    area: row.area,
    shareType: row.share_type,
    openToPublic: row.open_to_public === 1,
    classified: row.classified === 1,
    provider,
    currentVersion: readsUnpublished ? row.current_version : (row.published_version ?? row.current_version),
    publishedVersion: row.published_version,
    publishDate: row.publish_date,
    updatedAt: row.updated_at,
    dataClass: row.data_class,
    dataLevel: row.data_level,
  };
}

/** The columns of an entry row that readers filter and facet on, from the content they see. */
export function listedColumns(content: EntryContent) {
  return {
    name: content.name,
    share_type: content.share.type,
    open_to_public: content.open.toPublic ? 1 : 0,
    classified: content.classified ? 1 : 0,
    data_class: content.grading?.dataClass ?? null,
    data_level: content.grading?.level ?? null,
  };
}

export async function entryRow(executor: CatalogDb, id: string, forUpdate = false): Promise<EntryRow> {
  let query = executor.selectFrom('catalog_entry').selectAll().where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw CatalogErrors.error('CATALOG_NOT_FOUND', { id });
  return row;
}

export async function versionRow(executor: CatalogDb, entryId: string, version: number): Promise<VersionRow> {
  const row = await executor
    .selectFrom('catalog_version')
    .selectAll()
    .where('entry_id', '=', entryId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw CatalogErrors.error('CATALOG_VERSION_NOT_FOUND', { id: entryId, version });
  return row;
}

export async function recordReview(
  executor: CatalogDb,
  review: {
    entryId: string;
    version: number;
    action: string;
    comment?: string | null;
    actorId: string;
    actorName: string;
    at: string;
  },
): Promise<void> {
  await executor
    .insertInto('catalog_review')
    .values({
      id: newId(new Date(review.at)),
      entry_id: review.entryId,
      version: review.version,
      action: review.action,
      comment: review.comment ?? null,
      actor_id: review.actorId,
      actor_name: review.actorName,
      at: review.at,
    })
    .execute();
}

/** Who submitted a version (the latest submission or withdrawal request of it). */
export async function submitterOf(
  executor: CatalogDb,
  entryId: string,
  version: number,
): Promise<string | undefined> {
  const row = await executor
    .selectFrom('catalog_review')
    .select('actor_id')
    .where('entry_id', '=', entryId)
    .where('version', '=', version)
    .where('action', 'in', ['submit', 'withdraw'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.actor_id;
}
