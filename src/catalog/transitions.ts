import { chinaDate } from '../platform/calendar/index.js';
import type { RequestContext } from '../platform/context/index.js';
import { absentOn } from '../platform/errors/index.js';
import { reductionsOf, WITHDRAWAL } from './diff.js';
import { CatalogErrors } from './errors.js';
import { type LifecycleState, requireAction } from './lifecycle.js';
import type { EntryContent } from './model.js';
import { CatalogTexts } from './notice-texts.js';
import { fulfilByPublication } from './obligations.js';
import type { CatalogService, CatalogServiceDeps } from './service.js';
import {
  type CatalogDb,
  type EntryAction,
  type EntryDetail,
  type EntryRow,
  entryRow,
  listedColumns,
  parseReductions,
  recordReview,
  type VersionRow,
  versionRow,
} from './store.js';
import { assertValid, validateEntryContent } from './validation.js';
import { isEntryVisible } from './visibility.js';

type Step = (
  trx: CatalogDb,
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
    trx: CatalogDb,
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
          reason: { zh: '分类在创建时确定，不能修改', en: 'fixed when the entry was created' },
        });
      const editsInPlace = current.status === 'draft' || current.status === 'returned';
      const version = editsInPlace ? current.version : current.version + 1;
      if (editsInPlace) {
        await trx
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
        await trx
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
      await trx
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
        ? await trx
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
      await this.service.preparations.requireReady(trx, row, current);
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
      await trx
        .updateTable('catalog_version')
        .set({
          status: 'submitted',
          submitted_at: now,
          reductions: JSON.stringify(reductions),
          change_reason: reason,
          ...(await this.#reviewDeadline(trx, row, current.version, now)),
        })
        .where('entry_id', '=', id)
        .where('version', '=', current.version)
        .execute();
      await trx
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

  /**
   * 809 第十七条第三款 (N06): an updated catalog is reviewed within the profile's period from the day
   * the authority receives it. An update is a revision of a published entry, or any submission of
   * a department with an open update obligation (a new entry the change of law or mandate needs).
   */
  async #reviewDeadline(trx: CatalogDb, row: EntryRow, version: number, now: string) {
    const period = this.deps.profile.deadlines.catalogUpdateReview;
    if (period?.qualifier !== 'fixed' || period.value === null) return {};
    const update =
      row.published_version !== null ||
      (await trx
        .selectFrom('catalog_obligation')
        .select('id')
        .where('department_id', '=', row.provider_department_id)
        .where('status', '=', 'open')
        .executeTakeFirst()) !== undefined;
    if (!update) return {};
    const article = period.article ? `${period.text}（${period.article}）` : period.text;
    const deadline = await this.service.deadlines.set(
      {
        subjectType: 'catalog.review',
        subjectId: `${row.id}:${version}`,
        start: chinaDate(new Date(now)),
        amount: period.value,
        unit: period.unit,
        article: period.article,
      },
      trx,
    );
    return {
      review_due_date: deadline.dueDate,
      review_deadline_id: deadline.id,
      review_article: period.article ?? article,
      review_overdue_at: null,
    };
  }

  /**
   * Flags each submitted update whose review date has passed, once, with an audit entry, and
   * escalates it to the head of the department of the competent authority that owes the review
   * (N06, R128): the authority over the provider's jurisdiction (809 第十六条, 第十七条第三款).
   */
  async sweepOverdueReviews(now: Date): Promise<number> {
    const today = chinaDate(now);
    const at = now.toISOString();
    const late = await this.deps.db
      .selectFrom('catalog_version')
      .innerJoin('catalog_entry', 'catalog_entry.id', 'catalog_version.entry_id')
      .select([
        'catalog_version.entry_id',
        'catalog_version.version',
        'catalog_version.review_due_date',
        'catalog_version.review_article',
        'catalog_entry.code',
        'catalog_entry.name',
        'catalog_entry.provider_department_id',
        'catalog_entry.jurisdiction_path',
      ])
      .where('catalog_version.status', '=', 'submitted')
      .where('catalog_version.review_due_date', '<', today)
      .where('catalog_version.review_overdue_at', 'is', null)
      .execute();
    let flagged = 0;
    for (const row of late) {
      await this.deps.db.transaction().execute(async (trx) => {
        // The conditional update makes concurrent sweeps flag it once.
        const result = await trx
          .updateTable('catalog_version')
          .set({ review_overdue_at: at })
          .where('entry_id', '=', row.entry_id)
          .where('version', '=', row.version)
          .where('status', '=', 'submitted')
          .where('review_overdue_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return;
        flagged++;
        const reached = await this.deps.escalateToAuthority?.(trx, row.jurisdiction_path, {
          item: CatalogTexts.text('reviewOverdue', { code: row.code, name: row.name, version: row.version }),
          due: row.review_due_date,
          article: row.review_article,
          link: `/catalog/entries/${row.entry_id}`,
          target: { type: 'catalog_entry', id: row.entry_id },
          at,
        });
        await this.deps.audit.record(
          trx,
          {},
          {
            action: 'catalog.review.overdue',
            targetType: 'catalog_entry',
            targetId: row.entry_id,
            detail: {
              code: row.code,
              version: row.version,
              dueDate: row.review_due_date,
              providerDepartmentId: row.provider_department_id,
              authorityDepartmentId: reached?.departmentId ?? null,
              escalation: reached ? (reached.to ?? 'unreachable') : null,
            },
          },
        );
      });
    }
    return flagged;
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
      const decided = action === 'ratify' || action === 'approveReduction';
      await trx
        .updateTable('catalog_version')
        .set({ status: next, ...(decided ? { ratified_at: now, ratified_by: rc.actor.id } : {}) })
        .where('entry_id', '=', id)
        .where('version', '=', current.version)
        .execute();
      const unpublished = row.published_version === null;
      await trx
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
      if (row.published_version !== null)
        await trx
          .updateTable('catalog_version')
          .set({ status: 'superseded' })
          .where('entry_id', '=', id)
          .where('version', '=', row.published_version)
          .execute();
      await trx
        .updateTable('catalog_version')
        .set({ status: 'published', published_at: now })
        .where('entry_id', '=', id)
        .where('version', '=', current.version)
        .execute();
      const publishDate = chinaDate(new Date(now));
      await trx
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
      await trx
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
      await trx
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
