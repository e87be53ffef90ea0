import { type Kysely, sql } from 'kysely';
import { canonicalKey, encodeValue, keyColumns } from '../../exchange/index.js';
import { authorize, scopeOf } from '../../org/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import type { StepEffect } from '../../platform/cases/index.js';
import type { Actor, RequestContext } from '../../platform/context/index.js';
import { type Executor, escapeLike } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { NoticeInput, SharingCaseKernel } from '../../sharing/index.js';
import type { QualityDeps } from '../deps.js';
import { CorrectionCase } from './case.js';
import { CorrectionErrors } from './errors.js';
import { CORRECTION_ATTACHMENTS, channelOf, fileCorrection, ownerOf } from './filing.js';
import { changedItems } from './input.js';
import { CorrectionNotices } from './notices.js';
import { CorrectionActions } from './policies.js';
import { claimsOf, isOpen, presentCorrection, provisionsOf } from './present.js';
import type { CorrectionTables, QualityCorrectionTable } from './schema.js';
import {
  type CorrectInput,
  type Correction,
  type CorrectionAction,
  type CorrectionListFilter,
  type CorrectionReply,
  type CorrectionStatus,
  type FileCorrectionInput,
  OPEN_CORRECTION_STATUSES,
} from './schemas.js';
import {
  claim,
  closeEffect,
  correctEffect,
  decision,
  forwardEffect,
  readersOfChanges,
  release,
  unmark,
  type Written,
} from './steps.js';
import { overdueByProvider, sweepOverdue } from './sweep.js';

type Row = QualityCorrectionTable;
const tables = (executor: Executor) => executor as unknown as Kysely<CorrectionTables>;
const SWEEP_MS = 5 * 60 * 1000;
const KEY_CHUNK = 500;

/**
 * Verification and correction requests (校核纠错, 809 第二十六条, R80–R84, R134) on sharing's case
 * kernel: filing, routing and periods from the effective profile, the provider's answer (a
 * correction written through the hosted-data write path, a confirmation, a rejection), the marks
 * reads carry while a request is open (R83), notices to the departments that read corrected
 * records (R84), the written reply, and the overdue sweep.
 */
export class CorrectionService {
  readonly #kernel: SharingCaseKernel;

  constructor(readonly deps: QualityDeps) {
    this.#kernel = deps.sharing.cases;
  }

  /**
   * Files a request against records of a hosted resource, or against the resource as a whole. A
   * consumer department needs a grant on it; the authority files without one when a conflict case
   * refers a discrepancy (`conflictId`).
   */
  async file(
    ctx: RequestContext,
    input: FileCorrectionInput,
    options: { conflictId?: string } = {},
  ): Promise<Correction> {
    const id = await fileCorrection(this.deps, this.#kernel, ctx, input, options, (c, target, error) =>
      this.#denied(c, 'file', target, error, 'catalog_entry'),
    );
    return this.get(ctx.actor, id);
  }

  async get(actor: Actor, id: string): Promise<Correction> {
    const view = await this.#kernel.get(CorrectionCase, actor, id);
    const attachments = await CORRECTION_ATTACHMENTS.list(this.deps.db, id);
    return presentCorrection(view.row, {
      ...(await this.#today()),
      timeline: view.timeline,
      allowedActions: view.allowedActions,
      attachments,
      routingText: channelOf(this.deps.profile).text,
      provisions: provisionsOf(this.deps.profile),
    });
  }

  /** `get` for a request's route: a refusal is audited as denied. */
  async read(ctx: RequestContext, id: string): Promise<Correction> {
    try {
      return await this.get(ctx.actor, id);
    } catch (error) {
      return this.#denied(ctx, 'read', id, error);
    }
  }

  /** A page of the requests the reader may see, filtered in SQL before paging. */
  async list(actor: Actor, filter: CorrectionListFilter): Promise<{ items: Correction[]; total: number }> {
    const scope = scopeOf(actor, CorrectionActions['quality.correction.read']);
    if (scope.kind === 'none') authorize(actor, CorrectionActions['quality.correction.read']);
    let query = tables(this.deps.db)
      .selectFrom('quality_correction')
      .where((eb) => {
        if (scope.kind === 'all') return sql<boolean>`1 = 1`;
        if (scope.kind === 'none') return sql<boolean>`1 = 0`;
        const terms = [];
        for (const prefix of scope.jurisdictionPaths) {
          const like = `${escapeLike(prefix)}%`;
          terms.push(sql<boolean>`consumer_jurisdiction_path like ${like} escape '\\'`);
          terms.push(sql<boolean>`provider_jurisdiction_path like ${like} escape '\\'`);
        }
        if (scope.departmentIds.length > 0) {
          terms.push(eb('consumer_department_id', 'in', scope.departmentIds));
          terms.push(eb('provider_department_id', 'in', scope.departmentIds));
        }
        return terms.length > 0 ? eb.or(terms) : sql<boolean>`1 = 0`;
      });
    if (filter.view === 'filed') query = query.where('consumer_department_id', '=', actor.departmentId);
    if (filter.view === 'received') query = query.where('provider_department_id', '=', actor.departmentId);
    if (filter.view === 'authority') {
      const route = scopeOf(actor, CorrectionActions['quality.correction.route']);
      if (route.kind === 'none') query = query.where(sql<boolean>`1 = 0`);
      else if (route.kind === 'within')
        query = query.where((eb) =>
          eb.or(
            route.jurisdictionPaths.map(
              (p) => sql<boolean>`provider_jurisdiction_path like ${`${escapeLike(p)}%`} escape '\\'`,
            ),
          ),
        );
    }
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.entryId) query = query.where('entry_id', '=', filter.entryId);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    const today = await this.#today();
    const routingText = channelOf(this.deps.profile).text;
    const provisions = provisionsOf(this.deps.profile);
    return {
      items: rows.map((row) =>
        presentCorrection(row, {
          ...today,
          timeline: [],
          allowedActions: CorrectionCase.allowedActions(actor, row),
          attachments: [],
          routingText,
          provisions,
        }),
      ),
      total: Number(total.n),
    };
  }

  /** One attachment's content, to a reader of the request; the download is audited. */
  async attachment(ctx: RequestContext, id: string, attachmentId: string) {
    try {
      await this.#kernel.get(CorrectionCase, ctx.actor, id);
    } catch (error) {
      return this.#denied(ctx, 'attachment', id, error);
    }
    return this.deps.db.transaction().execute(async (trx) => {
      const file = await CORRECTION_ATTACHMENTS.read(trx, id, attachmentId);
      if (!file) throw CorrectionErrors.error('CORRECTION_ATTACHMENT_NOT_FOUND', { id: attachmentId });
      await this.deps.audit.record(trx, ctx, {
        action: 'quality.correction.attachment',
        targetType: 'quality_correction',
        targetId: id,
        detail: { attachmentId, name: file.name, digest: file.digest, size: file.size },
      });
      return file;
    });
  }

  forward(ctx: RequestContext, id: string, note?: string) {
    return this.#step(ctx, id, 'forward', forwardEffect(this.deps, ctx, note));
  }

  /** The authority answers a technical cause itself (Guangzhou Art.22), with a note. */
  resolve(ctx: RequestContext, id: string, note?: string) {
    return this.#step(ctx, id, 'resolve', closeEffect(ctx, 'resolved', note));
  }

  /** 核实无误: the provider verified the data and it is right (809 第二十六条: 予以核实…并反馈). */
  confirm(ctx: RequestContext, id: string, note?: string) {
    return this.#step(ctx, id, 'confirm', closeEffect(ctx, 'confirmed', note));
  }

  reject(ctx: RequestContext, id: string, reason: string) {
    return this.#step(ctx, id, 'reject', closeEffect(ctx, 'rejected', reason));
  }

  withdraw(ctx: RequestContext, id: string, note?: string) {
    return this.#step(ctx, id, 'withdraw', async ({ trx, row, at }) => {
      const text = note?.trim() || null;
      await unmark(trx, row.id);
      return {
        set: { ...decision(ctx, at), decision_note: text },
        detail: { note: text },
        notices: [
          {
            to: ownerOf(row),
            ...CorrectionNotices.notice('correction.withdrawn', { number: row.number, body: text ?? '—' }),
            link: `/cases/verification/${row.id}`,
            case: { type: 'verification', id: row.id },
          },
        ],
      };
    });
  }

  /**
   * The provider corrects: the records are written through the hosted-data write path (their
   * change-log entries carry `correction:<number>`), then the step records the change-log numbers,
   * unmarks the records and tells the consumer and every department that read them before (R84).
   * An upsert changes the items it names, the others keep their values. Of two concurrent
   * corrections one writes; the other is refused.
   */
  async correct(ctx: RequestContext, id: string, input: CorrectInput): Promise<Correction> {
    let row: Row;
    try {
      row = await claim(this.deps, ctx, id);
    } catch (error) {
      return this.#denied(ctx, 'correct', id, error);
    }
    const before = new Date(this.deps.clock.now().getTime()).toISOString();
    let written: Written;
    try {
      const opKeys = await this.#opKeys(row.entry_id, input);
      const keys = [...new Set(opKeys.filter((k): k is string => k !== null))];
      const old = await this.deps.exchange.records.records(row.entry_id, keys);
      // An upsert changes the items it names: the others keep their stored values.
      const stored = new Map(
        old.records.map((r) => [r.key, Object.fromEntries(old.columns.map((c, i) => [c.item, r.values[i]]))]),
      );
      const ops = input.records.map((r, i) => {
        const current = r.op === 'upsert' ? stored.get(opKeys[i] ?? '') : undefined;
        return { op: r.op, record: current ? { ...current, ...r.record } : r.record };
      });
      const result = await this.deps.exchange.hosting.applyBatch(ctx, row.entry_id, ops, {
        source: `correction:${row.number}`,
      });
      const now = await this.deps.exchange.records.records(row.entry_id, keys);
      // Read before the step: its transaction holds the only SQLite connection.
      const { changes, readers } = await readersOfChanges(this.deps, row.entry_id, result, before);
      written = { ...result, items: changedItems(old, now), changed: changes.length, readers };
    } catch (error) {
      await release(this.deps, id);
      throw error;
    }
    return this.#step(ctx, id, 'correct', correctEffect(ctx, input, written));
  }

  /** The printable reply (书面答复, R82, R134) of a closed request. */
  async reply(ctx: RequestContext, id: string): Promise<CorrectionReply> {
    const c = await this.read(ctx, id);
    const outcome = c.outcome;
    if (!outcome || isOpen(c.status))
      throw CorrectionErrors.error('CORRECTION_REPLY_NOT_READY', { number: c.number });
    const row = await tables(this.deps.db)
      .selectFrom('quality_correction')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const rules = (await this.#kernel.rulesOf(CorrectionCase, id)) ?? this.deps.profile;
    const period =
      row.deadline_kind === 'handling'
        ? rules.deadlines.correctionHandling
        : rules.deadlines.correctionProviderCheck;
    const byAuthority = c.status === 'resolved';
    return {
      number: c.number,
      title: c.routing.written
        ? { zh: '数据校核书面答复', en: 'Written reply to a data verification request' }
        : { zh: '数据校核处理结果反馈', en: 'Result of a data verification request' },
      entry: c.entry,
      consumer: c.consumer,
      provider: c.provider,
      answeredBy: byAuthority ? await this.#department(row.decided_department_id) : c.provider,
      request: {
        scope: c.scope,
        description: c.description,
        records: claimsOf(row).map((r) => ({ key: r.key, items: r.items, problem: r.problem })),
        filedAt: c.createdAt,
      },
      outcome,
      dates: { filed: c.createdAt, due: row.due_date, decided: outcome.decidedAt },
      article: { value: period?.article ?? c.routing.article, text: period?.text ?? c.routing.text },
      written: c.routing.written,
    };
  }

  /** Of the given records of the resource, those an open verification request names (R83). */
  async underVerification(entryId: string, keys: readonly string[]): Promise<ReadonlySet<string>> {
    const marked = new Set<string>();
    for (let i = 0; i < keys.length; i += KEY_CHUNK) {
      const rows = await tables(this.deps.db)
        .selectFrom('quality_correction_mark')
        .select('record_key')
        .where('entry_id', '=', entryId)
        .where('record_key', 'in', keys.slice(i, i + KEY_CHUNK))
        .execute();
      for (const r of rows) marked.add(r.record_key);
    }
    return marked;
  }

  /** Whether an open verification request names the resource as a whole. */
  async resourceUnderVerification(entryId: string): Promise<boolean> {
    const row = await tables(this.deps.db)
      .selectFrom('quality_correction')
      .select('id')
      .where('entry_id', '=', entryId)
      .where('status', 'in', [...OPEN_CORRECTION_STATUSES])
      .where('scope', '=', 'resource')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Flags each overdue open request once (audit entry, notices to the party owing and the authority). */
  sweep(now: Date = this.deps.clock.now()): Promise<number> {
    return sweepOverdue(this.deps, now);
  }

  /** Requests flagged overdue in a time range, by provider (for supervision). */
  overdueByProvider(range: { from: string; to: string }) {
    return overdueByProvider(this.deps, range);
  }

  /** Registers this part's background work with the platform's jobs runner. */
  registerJobs(jobs: JobRunner): void {
    jobs.register({
      name: 'quality.correction-sweep',
      label: { zh: '校核申请处理期限巡检', en: 'Verification request deadline sweep' },
      every: SWEEP_MS,
      scope: 'cluster',
      run: async () => {
        await this.sweep();
      },
    });
  }

  #step(
    ctx: RequestContext,
    id: string,
    action: CorrectionAction,
    effect: StepEffect<RequestContext, Row, CorrectionStatus, NoticeInput>,
  ): Promise<Correction> {
    return this.#kernel
      .step(CorrectionCase, ctx, id, action, effect)
      .then(() => this.get(ctx.actor, id))
      .catch((error: unknown) => this.#denied(ctx, action, id, error));
  }

  /** The canonical key of each record a correction writes; null where its key is incomplete or invalid. */
  async #opKeys(entryId: string, input: CorrectInput): Promise<(string | null)[]> {
    const resource = await this.deps.exchange.hosting.resource(entryId);
    const keyed = resource ? keyColumns(resource.columns) : [];
    return input.records.map(({ record }) => {
      const values = keyed.map((c) => encodeValue(c, record[c.item], this.deps.dialect));
      if (keyed.length === 0 || !values.every((v) => v.ok && v.value !== null)) return null;
      return canonicalKey(values.map((v) => (v.ok ? v.value : '') as string | number | boolean));
    });
  }

  async #department(id: string | null): Promise<{ id: string; name: string }> {
    const found = id ? await this.deps.departments(this.deps.db, id) : undefined;
    return { id: id ?? '', name: found?.name ?? id ?? '' };
  }

  async #today() {
    const calendar = await this.deps.calendar.calendar();
    return { calendar, today: chinaDate(this.deps.clock.now()) };
  }

  /** A refusal of who may act (forbidden, not the reader's to see) is audited as denied, then thrown. */
  async #denied(
    ctx: RequestContext,
    action: string,
    targetId: string,
    error: unknown,
    targetType = 'quality_correction',
  ): Promise<never> {
    if (error instanceof AppError && (error.status === 403 || error.code === 'CORRECTION_NOT_FOUND'))
      await this.deps.audit.append(ctx, {
        action: `quality.correction.${action}`,
        targetType,
        targetId,
        outcome: 'denied',
        detail: { code: error.code },
      });
    throw error;
  }
}
