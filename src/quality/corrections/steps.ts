import type { Kysely } from 'kysely';
import { departmentsThatRead } from '../../audit/index.js';
import type { Change } from '../../exchange/index.js';
import type { RequestContext } from '../../platform/context/index.js';
import { actedBy } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import { CommonErrors } from '../../platform/errors/index.js';
import { lines } from '../../platform/messages/index.js';
import type { NoticeInput } from '../../sharing/index.js';
import type { QualityDeps } from '../deps.js';
import { CorrectionCase } from './case.js';
import { CorrectionErrors } from './errors.js';
import { DEADLINE_SUBJECT } from './filing.js';
import { recordKeyKind, required } from './input.js';
import { CorrectionNotices } from './notices.js';
import type { CorrectionTables, QualityCorrectionTable } from './schema.js';
import type { CorrectInput, CorrectionStatus } from './schemas.js';

type Row = QualityCorrectionTable;
const tables = (executor: Executor) => executor as unknown as Kysely<CorrectionTables>;

/** A claim on a `correct` older than this is taken as abandoned (the node died mid-write). */
const CLAIM_TTL_MS = 10 * 60 * 1000;

const link = (row: Row) => ({
  link: `/cases/verification/${row.id}`,
  case: { type: 'verification', id: row.id },
});

/** The consumer is told how its request ended (and, with a written reply, where to print it). */
export function answeredNotice(row: Row, status: CorrectionStatus, text: string): NoticeInput {
  const label = CorrectionCase.statuses[status];
  return {
    to: { departmentId: row.consumer_department_id },
    ...CorrectionNotices.notice('correction.answered', {
      number: row.number,
      outcome: label,
      body: text || '—',
    }),
    ...link(row),
  };
}

/** The request's records are no longer under verification once it is closed (R83). */
export async function unmark(trx: Executor, id: string): Promise<void> {
  await tables(trx).deleteFrom('quality_correction_mark').where('correction_id', '=', id).execute();
}

/** What every closing step sets: who decided, when, and no claim left. */
export const decision = (ctx: RequestContext, at: string) => ({
  decided_by: ctx.actor.id,
  decided_by_name: actedBy(ctx.actor).name,
  decided_department_id: ctx.actor.departmentId,
  decided_at: at,
  claimed_at: null,
});

/**
 * The authority forwards a non-technical discrepancy to the provider (Guangzhou Art.22), whose
 * own period (`deadlines.correctionProviderCheck`, of the rules the case was opened under) starts.
 */
export function forwardEffect(deps: QualityDeps, ctx: RequestContext, note: string | undefined) {
  return async ({ trx, row, today }: { trx: Executor; row: Row; today: string }) => {
    const rules = (await deps.sharing.cases.rulesOf(CorrectionCase, row.id, trx)) ?? deps.profile;
    const period = rules.deadlines.correctionProviderCheck;
    let due: string | null = null;
    if (period?.value !== null && period?.value !== undefined)
      due = (
        await deps.deadlines.set(
          {
            subjectType: DEADLINE_SUBJECT,
            subjectId: row.id,
            start: today,
            amount: period.value,
            unit: period.unit,
            article: period.article,
          },
          trx,
        )
      ).dueDate;
    const text = note?.trim() || null;
    // No period of its own for the provider (Neixiang): the handling period runs on.
    const keep = period?.value === null || period?.value === undefined;
    const shown = keep
      ? { due: row.due_date, article: row.due_article ?? '—' }
      : { due, article: period?.article ?? period?.text ?? '—' };
    const params = { number: ` ${row.number}`, entry: row.entry_name, ...shown };
    return {
      set: keep
        ? { decision_note: text }
        : {
            deadline_kind: 'providerCheck' as const,
            due_date: due,
            due_article: period?.article ?? null,
            overdue_at: null,
            decision_note: text,
          },
      detail: { note: text, dueDate: shown.due, article: shown.article, by: actedBy(ctx.actor).name },
      notices: [
        {
          to: { departmentId: row.provider_department_id, role: 'resource_admin' as const },
          ...CorrectionNotices.notice(
            shown.due ? 'correction.forwarded' : 'correction.forwarded_no_period',
            params,
          ),
          ...link(row),
        },
      ],
    };
  };
}

/**
 * A closing answer without a data change: the authority resolves a technical cause itself, the
 * provider confirms the data right (核实无误) or rejects with reasons. `resolve` and `reject` need
 * their text; the records are unmarked and the consumer told.
 */
export function closeEffect(
  ctx: RequestContext,
  status: 'resolved' | 'confirmed' | 'rejected',
  text: string | undefined,
) {
  return async ({ trx, row, at }: { trx: Executor; row: Row; at: string }) => {
    const reason =
      status === 'rejected' ? required(text, { zh: '不予更正的理由', en: 'reason' }, 'reason') : null;
    const note =
      status === 'resolved' ? required(text, { zh: '处理说明', en: 'note' }, 'note') : text?.trim() || null;
    await unmark(trx, row.id);
    return {
      set: { ...decision(ctx, at), decision_note: note, decision_reason: reason },
      detail: { note, reason },
      notices: [answeredNotice(row, status, reason ?? note ?? '')],
    };
  };
}

/**
 * Claims a request for one `correct`: a conditional update, so that of two correctors only one
 * writes the records. Answers the claimed row; refuses with the state error or CORRECTION_BUSY.
 */
export async function claim(deps: QualityDeps, ctx: RequestContext, id: string): Promise<Row> {
  const row = await tables(deps.db)
    .selectFrom('quality_correction')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !CorrectionCase.canRead(ctx.actor, row))
    throw CorrectionErrors.error('CORRECTION_NOT_FOUND', { id });
  if (!CorrectionCase.may(ctx.actor, 'correct', row))
    throw CommonErrors.error('FORBIDDEN', { action: CorrectionCase.permissionFor('correct') });
  const from = CorrectionCase.actions.correct.from as readonly string[];
  if (!from.includes(row.status)) throw invalidState(row.status);
  const now = deps.clock.now();
  const stale = new Date(now.getTime() - CLAIM_TTL_MS).toISOString();
  const claimed = await tables(deps.db)
    .updateTable('quality_correction')
    .set({ claimed_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', 'in', ['filed', 'forwarded'])
    .where((eb) => eb.or([eb('claimed_at', 'is', null), eb('claimed_at', '<', stale)]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) {
    const now2 = await tables(deps.db)
      .selectFrom('quality_correction')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (!from.includes(now2.status)) throw invalidState(now2.status);
    throw CorrectionErrors.error('CORRECTION_BUSY', { number: row.number });
  }
  return { ...row, claimed_at: now.toISOString() };
}

/** Gives a claim back after the write failed. */
export async function release(deps: QualityDeps, id: string): Promise<void> {
  await tables(deps.db)
    .updateTable('quality_correction')
    .set({ claimed_at: null })
    .where('id', '=', id)
    .execute();
}

function invalidState(status: string) {
  const label = CorrectionCase.statuses[status as CorrectionStatus];
  const action = CorrectionCase.actions.correct.label;
  return CorrectionErrors.error('CORRECTION_INVALID_STATE', {
    status: label?.zh ?? status,
    statusEn: label?.en ?? status,
    action: action.zh,
    actionEn: action.en,
  });
}

/** What a correction wrote and whom it concerns, gathered before its step (outside the step's transaction). */
export interface Written {
  firstSeq: number | null;
  lastSeq: number | null;
  /** The items whose values changed. */
  items: string[];
  /** How many records the change log shows changed. */
  changed: number;
  /** The departments that read the changed records before the correction (R84). */
  readers: string[];
}

/**
 * The changes a correction wrote (by their change-log numbers) and the departments that read those
 * records before `before`, from the audit trail's keyed digests of the record keys (R84).
 */
export async function readersOfChanges(
  deps: QualityDeps,
  entryId: string,
  seqs: { firstSeq: number | null; lastSeq: number | null },
  before: string,
): Promise<{ changes: Change[]; readers: string[] }> {
  if (seqs.firstSeq === null || seqs.lastSeq === null) return { changes: [], readers: [] };
  const changes = await deps.exchange.records.changesAfter(
    entryId,
    seqs.firstSeq - 1,
    seqs.lastSeq - seqs.firstSeq + 1,
  );
  const resource = await deps.exchange.hosting.resource(entryId);
  const kind = resource ? recordKeyKind(resource) : 'other';
  const readers =
    changes.length === 0
      ? []
      : await departmentsThatRead(deps.audit, {
          resourceId: entryId,
          keys: changes.map((c) => ({ kind, value: c.key })),
          before,
        });
  return { changes, readers };
}

/**
 * The step after the corrected records were written (`source` = `correction:<number>`): records
 * the change-log numbers and the items changed, unmarks the records, tells the consumer, and tells
 * every other department that read the changed records before the correction which items changed
 * — never the values (R84).
 */
export function correctEffect(ctx: RequestContext, input: CorrectInput, written: Written) {
  return async ({ trx, row, at }: { trx: Executor; row: Row; at: string }) => {
    const told = written.readers.filter(
      (d) => d !== row.provider_department_id && d !== row.consumer_department_id,
    );
    const items = written.items;
    const note = input.note?.trim() || null;
    await unmark(trx, row.id);
    const itemsText = items.join('、') || '—';
    const notices: NoticeInput[] = [
      answeredNotice(
        row,
        'corrected',
        lines(note ?? '', { zh: `更正的信息项：${itemsText}`, en: `Items corrected: ${itemsText}` }).zh,
      ),
      ...told.map((departmentId) => ({
        to: { departmentId },
        ...CorrectionNotices.notice('correction.records_corrected', {
          number: row.number,
          entry: row.entry_name,
          items: itemsText,
        }),
        ...link(row),
      })),
    ];
    return {
      set: {
        ...decision(ctx, at),
        decision_note: note,
        first_seq: written.firstSeq,
        last_seq: written.lastSeq,
        items_changed: JSON.stringify(items),
        readers_noticed: told.length,
      },
      detail: {
        note,
        source: `correction:${row.number}`,
        firstSeq: written.firstSeq,
        lastSeq: written.lastSeq,
        changed: written.changed,
        itemsChanged: items,
        readersNoticed: told,
      },
      notices,
    };
  };
}
