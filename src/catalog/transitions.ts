import { chinaDate } from '../platform/calendar/index.js';
import type { RequestContext } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import { absentOn } from '../platform/errors/index.js';
import { reductionsOf, WITHDRAWAL } from './diff.js';
import { CatalogErrors } from './errors.js';
import { type LifecycleState, requireAction } from './lifecycle.js';
import type { EntryContent } from './model.js';
import { fulfilByPublication } from './obligations.js';
import type { CatalogService, CatalogServiceDeps } from './service.js';
import {
  type EntryAction,
  type EntryDetail,
  type EntryRow,
  entryRow,
  listedColumns,
  parseReductions,
  recordReview,
  tables,
  type VersionRow,
  versionRow,
} from './store.js';
import { assertValid, validateEntryContent } from './validation.js';
import { isEntryVisible } from './visibility.js';

type Step = (
  trx: Executor,
  entry: { row: EntryRow; state: LifecycleState; current: VersionRow; now: string },
) => Promise<Record<string, unknown>>;

const blank = (value: string | null | undefined): boolean =>
  value === undefined || value === null || value.trim() === '';

const REVIEW_NAMES: Record<'ratify' | 'return' | 'approveReduction' | 'rejectReduction', string> = {
  ratify: 'ratify',
  return: 'return',
  approveReduction: 'approve_reduction',
  rejectReduction: 'reject_reduction',
};

/**
 * The steps of an entry's life (see lifecycle.ts). Each runs in one transaction that locks the
 * entry, checks who may act and whether the state allows it, makes the change, writes the review
 * record and the audit entry, and reindexes the entry for search.
 */
export class Transitions {
  constructor(
    private readonly deps: CatalogServiceDeps,
    private readonly service: CatalogService,
  ) {}

  async #run(rc: RequestContext, id: string, action: EntryAction, step: Step): Promise<EntryDetail> {
    await this.deps.db.transaction().execute(async (trx) => {
      const row = await absentOn(entryRow(trx, id, this.deps.dialect === 'postgres'), 'CATALOG_NOT_FOUND');
      if (!row || !isEntryVisible(rc.actor, row)) throw CatalogErrors.error('CATALOG_NOT_FOUND', { id });
      const state = await this.service.lifecycleState(trx, row);
      requireAction(rc.actor, action, row, state);
      const current = await versionRow(trx, id, row.current_version);
      const now = this.deps.clock.now().toISOString();
      const detail = await step(trx, { row, state, current, now });
      await this.deps.audit.record(trx, rc, {
        action: `catalog.${action === 'edit' ? 'update' : action}`,
        targetType: 'catalog_entry',
        targetId: id,
        detail: { code: row.code, ...detail },
      });
      await this.service.reindex(trx, id);
    });
    return this.service.get(rc.actor, id);
  }

  #review(
    trx: Executor,
    rc: RequestContext,
    row: EntryRow,
    version: number,
    action: string,
    at: string,
    comment?: string | null,
  ) {
    return recordReview(trx, {
      entryId: row.id,
      version,
      action,
      comment: comment ?? null,
      actorId: rc.actor.id,
      actorName: rc.actor.name,
      at,
    });
  }

  update(rc: RequestContext, id: string, input: { content: unknown; changeReason?: string | undefined }) {
    return this.#run(rc, id, 'edit', async (trx, { row, current, now }) => {
      assertValid(
        validateEntryContent(input.content, {
          stage: 'draft',
          profile: this.deps.profile,
          networkZone: this.deps.networkZone,
        }),
      );
      const content = input.content as EntryContent;
      const before = JSON.parse(current.content) as EntryContent;
      // The code was composed from the classification; a different one is a different resource.
      if (JSON.stringify(classificationKey(before)) !== JSON.stringify(classificationKey(content)))
        throw CatalogErrors.error('CATALOG_FIELD_INVALID', {
          field: 'classification',
          reason: '分类在创建时确定，不能修改 / fixed when the entry was created',
        });
      const db = tables(trx);
      const editsInPlace = current.status === 'draft' || current.status === 'returned';
      const version = editsInPlace ? current.version : current.version + 1;
      if (editsInPlace) {
        await db
          .updateTable('catalog_version')
          .set({
            content: JSON.stringify(content),
            status: 'draft',
            change_reason: input.changeReason ?? current.change_reason,
          })
          .where('entry_id', '=', id)
          .where('version', '=', version)
          .execute();
      } else {
        await db
          .insertInto('catalog_version')
          .values({
            entry_id: id,
            version,
            content: JSON.stringify(content),
            status: 'draft',
            change_reason: input.changeReason ?? null,
            reductions: '[]',
            created_at: now,
            created_by: rc.actor.id,
            submitted_at: null,
            ratified_at: null,
            ratified_by: null,
            published_at: null,
          })
          .execute();
      }
      const unpublished = row.published_version === null;
      await db
        .updateTable('catalog_entry')
        .set({
          current_version: version,
          current_status: 'draft',
          updated_at: now,
          ...(unpublished ? { status: 'draft' as const, ...listedColumns(content) } : {}),
        })
        .where('id', '=', id)
        .execute();
      return { version, newVersion: !editsInPlace };
    });
  }

  submit(rc: RequestContext, id: string, input: { changeReason?: string | undefined }) {
    return this.#run(rc, id, 'submit', async (trx, { row, current, now }) => {
      const content = JSON.parse(current.content) as EntryContent;
      const known = content.relatedCodes.length
        ? await tables(trx)
            .selectFrom('catalog_entry')
            .select('code')
            .where('code', 'in', content.relatedCodes)
            .execute()
        : [];
      assertValid(
        validateEntryContent(content, {
          stage: 'submit',
          profile: this.deps.profile,
          networkZone: this.deps.networkZone,
          knownCodes: new Set(known.map((k) => k.code)),
        }),
      );
      let reductions: string[] = [];
      if (row.published_version !== null) {
        const published = await versionRow(trx, id, row.published_version);
        reductions = reductionsOf(JSON.parse(published.content) as EntryContent, content);
      }
      const reason = blank(input.changeReason) ? current.change_reason : (input.changeReason as string);
      if (reductions.length > 0 && blank(reason))
        throw CatalogErrors.error('CATALOG_REDUCTION_REASON_REQUIRED', {
          field: 'changeReason',
          reductions: reductions.join(', '),
        });
      const db = tables(trx);
      await db
        .updateTable('catalog_version')
        .set({
          status: 'submitted',
          submitted_at: now,
          reductions: JSON.stringify(reductions),
          change_reason: reason,
        })
        .where('entry_id', '=', id)
        .where('version', '=', current.version)
        .execute();
      await db
        .updateTable('catalog_entry')
        .set({
          current_status: 'submitted',
          updated_at: now,
          ...(row.published_version === null ? { status: 'submitted' as const } : {}),
        })
        .where('id', '=', id)
        .execute();
      await this.#review(trx, rc, row, current.version, 'submit', now, reason);
      return { version: current.version, reductions, changeReason: reason };
    });
  }

  /** The authority's decisions: ratify or return a submission, approve or reject a reduction. */
  review(
    rc: RequestContext,
    id: string,
    action: 'ratify' | 'return' | 'approveReduction' | 'rejectReduction',
    comment: string | undefined,
  ) {
    return this.#run(rc, id, action, async (trx, { row, current, now }) => {
      if ((action === 'return' || action === 'rejectReduction') && blank(comment))
        throw CatalogErrors.error('CATALOG_COMMENT_REQUIRED', { field: 'comment' });
      const reductions = parseReductions(current);
      const withdrawal = action === 'approveReduction' && reductions.includes(WITHDRAWAL);
      const next = {
        ratify: 'ratified',
        return: 'returned',
        approveReduction: withdrawal ? 'withdrawn' : 'ratified',
        rejectReduction: 'rejected',
      }[action];
      const db = tables(trx);
      const decided = action === 'ratify' || action === 'approveReduction';
      await db
        .updateTable('catalog_version')
        .set({ status: next, ...(decided ? { ratified_at: now, ratified_by: rc.actor.id } : {}) })
        .where('entry_id', '=', id)
        .where('version', '=', current.version)
        .execute();
      const unpublished = row.published_version === null;
      await db
        .updateTable('catalog_entry')
        .set({
          current_status: next,
          updated_at: now,
          ...(withdrawal ? { status: 'withdrawn' as const } : {}),
          ...(unpublished ? { status: next as 'ratified' | 'returned' } : {}),
        })
        .where('id', '=', id)
        .execute();
      await this.#review(trx, rc, row, current.version, REVIEW_NAMES[action], now, comment);
      if (action === 'approveReduction')
        await this.deps.onReduction?.(trx, {
          entryId: id,
          version: current.version,
          reductions,
          reason: current.change_reason,
        });
      return {
        version: current.version,
        ...(reductions.length ? { reductions } : {}),
        comment: comment ?? null,
      };
    });
  }

  publish(rc: RequestContext, id: string) {
    return this.#run(rc, id, 'publish', async (trx, { row, current, now }) => {
      const db = tables(trx);
      if (row.published_version !== null)
        await db
          .updateTable('catalog_version')
          .set({ status: 'superseded' })
          .where('entry_id', '=', id)
          .where('version', '=', row.published_version)
          .execute();
      await db
        .updateTable('catalog_version')
        .set({ status: 'published', published_at: now })
        .where('entry_id', '=', id)
        .where('version', '=', current.version)
        .execute();
      const publishDate = chinaDate(new Date(now));
      await db
        .updateTable('catalog_entry')
        .set({
          status: 'published',
          current_status: 'published',
          published_version: current.version,
          publish_date: publishDate,
          updated_at: now,
          ...listedColumns(JSON.parse(current.content) as EntryContent),
        })
        .where('id', '=', id)
        .execute();
      await this.#review(trx, rc, row, current.version, 'publish', now);
      const fulfilled = await fulfilByPublication(trx, row.provider_department_id, {
        code: row.code,
        at: now,
      });
      return {
        version: current.version,
        publishDate,
        reductions: parseReductions(current),
        fulfilledObligations: fulfilled,
      };
    });
  }

  withdraw(rc: RequestContext, id: string, reason: string) {
    return this.#run(rc, id, 'withdraw', async (trx, { row, now }) => {
      if (blank(reason))
        throw CatalogErrors.error('CATALOG_REDUCTION_REASON_REQUIRED', {
          field: 'reason',
          reductions: WITHDRAWAL,
        });
      const published = await versionRow(trx, id, row.published_version as number);
      const version = row.current_version + 1;
      const db = tables(trx);
      await db
        .insertInto('catalog_version')
        .values({
          entry_id: id,
          version,
          content: published.content,
          status: 'submitted',
          change_reason: reason,
          reductions: JSON.stringify([WITHDRAWAL]),
          created_at: now,
          created_by: rc.actor.id,
          submitted_at: now,
          ratified_at: null,
          ratified_by: null,
          published_at: null,
        })
        .execute();
      await db
        .updateTable('catalog_entry')
        .set({ current_version: version, current_status: 'submitted', updated_at: now })
        .where('id', '=', id)
        .execute();
      await this.#review(trx, rc, row, version, 'withdraw', now, reason);
      return { version, reason };
    });
  }
}

function classificationKey(content: EntryContent) {
  const { catalog, area, category, subcategory } = content.classification;
  return [catalog, area ?? null, category, subcategory ?? null];
}
