import { type Kysely, sql } from 'kysely';
import { scopeOf } from '../../org/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import {
  CASE_ATTACHMENT,
  CaseAttachments,
  checkAttachment,
  type StepEffect,
} from '../../platform/cases/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import { type Executor, escapeLike, newId } from '../../platform/db/index.js';
import { AppError, CommonErrors } from '../../platform/errors/index.js';
import type { NoticeInput } from '../../sharing/index.js';
import { authorityHolds, ViolationCase } from './case.js';
import { categoriesOf, findCategory, rectificationPeriod, type ViolationCategory } from './categories.js';
import { publishEffect } from './circulars.js';
import type { ViolationDeps } from './deps.js';
import { ViolationErrors } from './errors.js';
import { ViolationNotices } from './notices.js';
import { ViolationActions } from './policies.js';
import { isOverdue, presentViolation } from './present.js';
import type {
  SourceKind,
  SupervisionViolationTable,
  ViolationAction,
  ViolationStatus,
  ViolationTables,
} from './schema.js';
import {
  ATTACHMENT_COUNT,
  type AttachmentInput,
  type OpenViolationInput,
  type ToRectify,
  type Violation,
  type ViolationListFilter,
} from './schemas.js';

type Row = SupervisionViolationTable;
const tables = (executor: Executor) => executor as unknown as Kysely<ViolationTables>;
const DEADLINE_SUBJECT = 'supervision.violation.rectification';
/** A rectification report's material, kept beside the case. */
const ATTACHMENTS = new CaseAttachments('supervision_violation_attachment', 'violation_id', {
  uploadedBy: true,
});

/** The platform's own opening of cases from its records (the daily job): the authority's reach everywhere. */
export const PLATFORM_ACTOR: Actor = {
  kind: 'user',
  id: 'system:violations',
  name: 'system:violations',
  displayName: '平台自动立案',
  departmentId: '',
  jurisdictionPath: '/',
  roles: ['authority'],
};

const link = (row: Pick<Row, 'id'>) => ({
  link: `/cases/violation/${row.id}`,
  case: { type: 'violation', id: row.id },
});

/** The respondent's resource administrators; the whole department where it is an authority (Art.41). */
const toRespondent = (row: Row): NoticeInput['to'] =>
  row.category_party === 'authority'
    ? { departmentId: row.respondent_department_id }
    : { departmentId: row.respondent_department_id, role: 'resource_admin' };
const toAuthority = (row: Row): NoticeInput['to'] => ({
  role: 'authority',
  jurisdictionPath: row.respondent_jurisdiction_path,
});

function required(text: string | undefined, what: { zh: string; en: string }): string {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '')
    throw ViolationErrors.error('VIOLATION_TEXT_REQUIRED', { what: what.zh, whatEn: what.en });
  return trimmed;
}

/**
 * Violation cases (issue 17; R114, N20, N25) on sharing's case kernel: opening by the authority or
 * by the platform's daily job, the rectification order with its due date from the profile on the
 * working-day calendar, the respondent's report and attachments, acceptance or a follow-up order,
 * dismissal, circulars, and the figures other parts read (open cases per department, the
 * respondent's to-do).
 */
export class ViolationService {
  constructor(readonly deps: ViolationDeps) {}

  get #kernel() {
    return this.deps.cases();
  }

  /** The kinds of violation a case may be opened under here, each with its article (R114, N25). */
  categories(): ViolationCategory[] {
    return categoriesOf(this.deps.profile);
  }

  /** The authority opens a case by hand (立案) against a department of its jurisdiction. */
  async open(ctx: RequestContext, input: OpenViolationInput): Promise<Violation> {
    const handle = ViolationActions['supervision.violation.handle'];
    if (scopeOf(ctx.actor, handle).kind === 'none')
      return this.#denied(
        ctx,
        'open',
        input.respondentDepartmentId,
        CommonErrors.error('FORBIDDEN', { action: handle }),
      );
    const category = findCategory(this.deps.profile, input.categoryCode);
    if (!category)
      throw ViolationErrors.error('VIOLATION_CATEGORY_UNKNOWN', { code: input.categoryCode.slice(0, 64) });
    const facts = required(input.facts, { zh: '违规事实', en: 'statement of facts' });
    const department = await this.deps.departments(input.respondentDepartmentId);
    if (department?.id === ctx.actor.departmentId) throw ViolationErrors.error('VIOLATION_OWN_DEPARTMENT');
    if (
      !department ||
      !authorityHolds(ctx.actor, {
        respondent_department_id: department.id,
        respondent_jurisdiction_path: department.jurisdictionPath,
      })
    )
      throw ViolationErrors.error('VIOLATION_RESPONDENT_UNKNOWN', { id: input.respondentDepartmentId });
    const row = this.#newRow(ctx.actor, category, department, facts, null);
    const opened = await this.#kernel.open(ViolationCase, ctx, row, async () => this.#opening(row));
    return this.get(ctx.actor, opened.id);
  }

  /**
   * Opens the case of one source record (the daily job), once: a record that already has its case
   * answers undefined; of two jobs racing, the unique source index lets one insert.
   */
  async openFromFact(
    kind: SourceKind,
    fact: { id: string; departmentId: string; facts: string; ref: string | null },
    category: ViolationCategory,
  ): Promise<string | undefined> {
    if (await this.#bySource(kind, fact.id)) return undefined;
    const department = await this.deps.departments(fact.departmentId);
    if (!department) return undefined;
    const row = this.#newRow(PLATFORM_ACTOR, category, department, fact.facts, {
      kind,
      id: fact.id,
      ref: fact.ref,
    });
    try {
      const opened = await this.#kernel.open(ViolationCase, { actor: PLATFORM_ACTOR }, row, async () =>
        this.#opening(row),
      );
      return opened.id;
    } catch (error) {
      // Another node opened it between the check and the insert: the unique index refused ours.
      if (await this.#bySource(kind, fact.id)) return undefined;
      throw error;
    }
  }

  async #bySource(kind: SourceKind, id: string) {
    return tables(this.deps.db)
      .selectFrom('supervision_violation')
      .select('id')
      .where('source_kind', '=', kind)
      .where('source_id', '=', id)
      .executeTakeFirst();
  }

  #newRow(
    actor: Actor,
    category: ViolationCategory,
    department: { id: string; name: string; jurisdictionPath: string },
    facts: string,
    source: { kind: SourceKind; id: string; ref: string | null } | null,
  ): Row {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    return {
      id: newId(now),
      number: '',
      status: 'open',
      category_code: category.code,
      category_party: category.party,
      category_zh: category.label.zh,
      category_en: category.label.en,
      category_article: category.article,
      category_source: category.source,
      respondent_department_id: department.id,
      respondent_name: department.name,
      respondent_jurisdiction_path: department.jurisdictionPath,
      facts,
      source_kind: source?.kind ?? null,
      source_id: source?.id ?? null,
      source_ref: source?.ref ?? null,
      opened_by: actor.id,
      opened_by_name: actedBy(actor).name,
      order_text: null,
      ordered_at: null,
      order_count: 0,
      due_date: null,
      due_article: null,
      overdue_at: null,
      report_text: null,
      reported_at: null,
      reported_by_name: null,
      decision_text: null,
      decided_at: null,
      decided_by_name: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
    };
  }

  /** The opening's timeline detail and its notice to the respondent (the number is drawn after it). */
  #opening(row: Row) {
    return Promise.resolve({
      detail: {
        category: row.category_code,
        article: row.category_article,
        respondent: row.respondent_name,
        ...(row.source_kind
          ? { source: row.source_kind, sourceId: row.source_id, sourceRef: row.source_ref }
          : {}),
      },
      notices: [
        {
          to: toRespondent(row),
          ...ViolationNotices.notice('violation.opened', {
            category: row.category_zh,
            categoryEn: row.category_en,
            article: row.category_article,
            facts: row.facts.slice(0, 500),
          }),
          ...link(row),
        },
      ] as NoticeInput[],
    });
  }

  /** The case as its reader sees it: not found alike for a missing case and for one the reader may not see. */
  async get(actor: Actor, id: string): Promise<Violation> {
    const view = await this.#kernel.get(ViolationCase, actor, id);
    const [attachments, circulars, today] = await Promise.all([
      ATTACHMENTS.list(this.deps.db, id),
      tables(this.deps.db)
        .selectFrom('supervision_circular')
        .select(['id', 'number', 'title', 'digest', 'published_at'])
        .where('violation_id', '=', id)
        .orderBy('published_at')
        .execute(),
      this.#today(),
    ]);
    return presentViolation(view.row, {
      ...today,
      timeline: view.timeline,
      allowedActions: view.allowedActions,
      attachments,
      circulars,
      rules: view.rules,
    });
  }

  /** `get` for the case's route: a refusal is audited as denied. */
  async read(ctx: RequestContext, id: string): Promise<Violation> {
    try {
      return await this.get(ctx.actor, id);
    } catch (error) {
      return this.#denied(ctx, 'read', id, error);
    }
  }

  /** A page of the cases the reader may see, filtered in SQL before paging. */
  async list(actor: Actor, filter: ViolationListFilter): Promise<{ items: Violation[]; total: number }> {
    const read = scopeOf(actor, ViolationActions['supervision.violation.read']);
    const rectify = scopeOf(actor, ViolationActions['supervision.violation.rectify']);
    if (read.kind === 'none' && rectify.kind === 'none')
      throw CommonErrors.error('FORBIDDEN', { action: ViolationActions['supervision.violation.read'] });
    let query = tables(this.deps.db)
      .selectFrom('supervision_violation')
      .where((eb) => {
        if (read.kind === 'all') return sql<boolean>`1 = 1`;
        const terms = [];
        for (const scope of [read, rectify]) {
          if (scope.kind !== 'within') continue;
          for (const prefix of scope.jurisdictionPaths)
            terms.push(
              sql<boolean>`respondent_jurisdiction_path like ${`${escapeLike(prefix)}%`} escape '\\'`,
            );
          if (scope.departmentIds.length > 0)
            terms.push(eb('respondent_department_id', 'in', scope.departmentIds));
        }
        return terms.length > 0 ? eb.or(terms) : sql<boolean>`1 = 0`;
      });
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.categoryCode) query = query.where('category_code', '=', filter.categoryCode);
    if (filter.respondentDepartmentId)
      query = query.where('respondent_department_id', '=', filter.respondentDepartmentId);
    if (filter.sourceKind) query = query.where('source_kind', '=', filter.sourceKind);
    const today = await this.#today();
    if (filter.overdue !== undefined)
      query = filter.overdue
        ? query.where('status', '=', 'ordered').where('due_date', '<', today.today)
        : query.where((eb) =>
            eb.or([
              eb('status', '!=', 'ordered'),
              eb('due_date', 'is', null),
              eb('due_date', '>=', today.today),
            ]),
          );
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return {
      items: rows.map((row) =>
        presentViolation(row, {
          ...today,
          timeline: [],
          allowedActions: ViolationCase.allowedActions(actor, row),
          attachments: [],
          circulars: [],
        }),
      ),
      total: Number(total.n),
    };
  }

  /**
   * The violations the actor's department must rectify now (ordered, with their due dates), for the
   * home page's to-do (issue 17): only to whoever may report the rectification.
   */
  async toRectify(actor: Actor): Promise<ToRectify[]> {
    if (!actor.departmentId) return [];
    const rows = await tables(this.deps.db)
      .selectFrom('supervision_violation')
      .selectAll()
      .where('respondent_department_id', '=', actor.departmentId)
      .where('status', '=', 'ordered')
      .orderBy('due_date')
      .orderBy('id')
      .limit(200)
      .execute();
    const today = chinaDate(this.deps.clock.now());
    return rows
      .filter((row) => ViolationCase.roles.respondent.holds(actor, row))
      .map((row) => ({
        id: row.id,
        number: row.number,
        category: { zh: row.category_zh, en: row.category_en },
        article: row.category_article,
        order: row.order_text ?? '',
        dueDate: row.due_date,
        overdue: isOverdue(row, today),
      }));
  }

  /**
   * Cases open (not closed, not dismissed) at an instant, per respondent department: the
   * indicators' `open_violations` at the end of a day (R114).
   */
  openCounts(at: string): Promise<Map<string, number>> {
    return openViolationCounts(this.deps.db, at);
  }

  /** 责令整改: what must be put right, due after the profile's period on the working-day calendar. */
  order(ctx: RequestContext, id: string, text: string, days?: number): Promise<Violation> {
    return this.#step(ctx, id, 'order', async ({ trx, row, today, at }) => {
      const order = required(text, { zh: '整改要求', en: 'rectification order' });
      const due = await this.#due(trx, row, today, days);
      return {
        set: {
          order_text: order,
          ordered_at: at,
          order_count: Number(row.order_count) + 1,
          due_date: due.date,
          due_article: due.article,
          overdue_at: null,
        },
        detail: { order, dueDate: due.date, article: due.article },
        notices: [
          {
            to: toRespondent(row),
            ...ViolationNotices.notice('violation.ordered', {
              number: row.number,
              due: due.date,
              order,
              category: row.category_zh,
              categoryEn: row.category_en,
              article: row.category_article,
              period: due.article,
            }),
            ...link(row),
          },
        ],
      };
    });
  }

  /** The respondent reports what it put right; the authority is told. */
  report(ctx: RequestContext, id: string, text: string): Promise<Violation> {
    return this.#step(ctx, id, 'report', async ({ row, at }) => {
      const report = required(text, { zh: '整改情况', en: 'rectification report' });
      const by = actedBy(ctx.actor).name;
      return {
        set: { report_text: report, reported_at: at, reported_by_name: by },
        detail: { report },
        notices: [
          {
            to: toAuthority(row),
            ...ViolationNotices.notice('violation.reported', {
              number: row.number,
              respondent: row.respondent_name,
              report,
            }),
            ...link(row),
          },
        ],
      };
    });
  }

  /** The authority accepts the rectification: the case is closed. */
  accept(ctx: RequestContext, id: string, note?: string): Promise<Violation> {
    return this.#step(ctx, id, 'accept', async ({ row, at }) => {
      const text = note?.trim() || '整改验收通过';
      return {
        set: { ...this.#decision(ctx, at, text), closed_at: at },
        detail: { note: text },
        notices: [
          {
            to: toRespondent(row),
            ...ViolationNotices.notice('violation.closed', { number: row.number, note: text }),
            ...link(row),
          },
        ],
      };
    });
  }

  /** Not rectified (整改不到位): a follow-up order with a new due date, the reason told. */
  reject(ctx: RequestContext, id: string, reason: string, days?: number): Promise<Violation> {
    return this.#step(ctx, id, 'reject', async ({ trx, row, today, at }) => {
      const text = required(reason, { zh: '未通过的理由', en: 'reason' });
      const due = await this.#due(trx, row, today, days);
      return {
        set: {
          ...this.#decision(ctx, at, text),
          ordered_at: at,
          order_count: Number(row.order_count) + 1,
          due_date: due.date,
          due_article: due.article,
          overdue_at: null,
        },
        detail: { reason: text, dueDate: due.date, article: due.article },
        notices: [
          {
            to: toRespondent(row),
            ...ViolationNotices.notice('violation.rejected', {
              number: row.number,
              due: due.date,
              reason: text,
            }),
            ...link(row),
          },
        ],
      };
    });
  }

  /** No violation after all: the case is dismissed with its reasons. */
  dismiss(ctx: RequestContext, id: string, reason: string): Promise<Violation> {
    return this.#step(ctx, id, 'dismiss', async ({ row, at }) => {
      const text = required(reason, { zh: '撤销理由', en: 'reason' });
      return {
        set: { ...this.#decision(ctx, at, text), closed_at: at },
        detail: { reason: text },
        notices: [
          {
            to: toRespondent(row),
            ...ViolationNotices.notice('violation.dismissed', { number: row.number, reason: text }),
            ...link(row),
          },
        ],
      };
    });
  }

  /** 通报 (N20): a frozen text about an ordered or closed case, sealed by the digest of its canonical JSON. */
  publish(ctx: RequestContext, id: string, title?: string): Promise<Violation> {
    return this.#step(ctx, id, 'publish', publishEffect(ctx, title));
  }

  /** The respondent attaches a file to its rectification while the order runs; audited. */
  async attach(ctx: RequestContext, id: string, input: AttachmentInput): Promise<Violation> {
    let row: Row;
    try {
      row = (await this.#kernel.get(ViolationCase, ctx.actor, id)).row;
      if (!ViolationCase.roles.respondent.holds(ctx.actor, row))
        throw CommonErrors.error('FORBIDDEN', { action: ViolationActions['supervision.violation.rectify'] });
    } catch (error) {
      return this.#denied(ctx, 'attach', id, error);
    }
    if (row.status !== 'ordered')
      throw this.#invalid(row.status, { zh: '添加整改材料', en: 'given attachments' });
    const refuse = () =>
      ViolationErrors.error('VIOLATION_ATTACHMENT_REFUSED', {
        name: input.name.trim().slice(0, 100),
        mb: CASE_ATTACHMENT.bytes / (1024 * 1024),
        count: ATTACHMENT_COUNT,
      });
    required(input.name, { zh: '文件名', en: 'file name' });
    const file = checkAttachment(input);
    if (!file) throw refuse();
    await this.deps.db.transaction().execute(async (trx) => {
      if ((await ATTACHMENTS.count(trx, id)) >= ATTACHMENT_COUNT) throw refuse();
      const at = this.deps.clock.now().toISOString();
      const attachmentId = await ATTACHMENTS.add(trx, id, file, at, actedBy(ctx.actor).name);
      await this.deps.audit.record(trx, ctx, {
        action: 'supervision.violation.attach',
        targetType: 'supervision_violation',
        targetId: id,
        category: 'decision',
        detail: { number: row.number, attachmentId, name: file.name, digest: file.digest, size: file.size },
      });
    });
    return this.get(ctx.actor, id);
  }

  /** One attachment's content, to a reader of the case; the download is audited. */
  async attachment(ctx: RequestContext, id: string, attachmentId: string) {
    try {
      await this.#kernel.get(ViolationCase, ctx.actor, id);
    } catch (error) {
      return this.#denied(ctx, 'attachment', id, error);
    }
    return this.deps.db.transaction().execute(async (trx) => {
      const file = await ATTACHMENTS.read(trx, id, attachmentId);
      if (!file) throw ViolationErrors.error('VIOLATION_ATTACHMENT_NOT_FOUND', { id: attachmentId });
      await this.deps.audit.record(trx, ctx, {
        action: 'supervision.violation.attachment',
        targetType: 'supervision_violation',
        targetId: id,
        detail: { attachmentId, name: file.name, digest: file.digest, size: file.size },
      });
      return file;
    });
  }

  /**
   * Flags each order whose due date has passed without a report, once per order: the respondent
   * and the authority are told and the trace records it.
   */
  async sweepOverdue(now: Date = this.deps.clock.now()): Promise<number> {
    const today = chinaDate(now);
    const at = now.toISOString();
    const due = await tables(this.deps.db)
      .selectFrom('supervision_violation')
      .selectAll()
      .where('status', '=', 'ordered')
      .where('due_date', '<', today)
      .where('overdue_at', 'is', null)
      .execute();
    let flagged = 0;
    for (const row of due) {
      const done = await this.deps.db.transaction().execute(async (trx) => {
        const claimed = await tables(trx)
          .updateTable('supervision_violation')
          .set({ overdue_at: at })
          .where('id', '=', row.id)
          .where('status', '=', 'ordered')
          .where('overdue_at', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0) return false;
        const text = ViolationNotices.notice('violation.overdue', {
          number: row.number,
          due: row.due_date,
          respondent: row.respondent_name,
          category: row.category_zh,
          categoryEn: row.category_en,
        });
        for (const to of [toRespondent(row), toAuthority(row)])
          await this.deps.notices().send(trx, { to, ...text, ...link(row) });
        await this.deps.audit.record(
          trx,
          {},
          {
            action: 'supervision.violation.overdue',
            targetType: 'supervision_violation',
            targetId: row.id,
            category: 'decision',
            detail: { number: row.number, dueDate: row.due_date, respondent: row.respondent_department_id },
          },
        );
        return true;
      });
      if (done) flagged++;
    }
    return flagged;
  }

  /**
   * The due date of an order given today, on the working-day calendar: the period the rules the
   * case was opened under fix, or, where they fix none (责令限期改正: the texts leave the limit to
   * the authority), the working days the authority gives.
   */
  async #due(
    trx: Executor,
    row: Row,
    today: string,
    days?: number,
  ): Promise<{ date: string; article: string }> {
    const rules = (await this.#kernel.rulesOf(ViolationCase, row.id, trx)) ?? this.deps.profile;
    const period = rectificationPeriod(rules);
    const fixed = period?.qualifier === 'fixed' && period.value !== null ? period : undefined;
    const amount = fixed ? (fixed.value as number) : days;
    if (amount === undefined) throw ViolationErrors.error('VIOLATION_NO_PERIOD');
    const unit = fixed?.unit ?? 'working_days';
    const basis = period?.article ?? row.category_article;
    const article = fixed ? basis : `${basis}（主管部门确定：${amount} 个工作日）`;
    const deadline = await this.deps.deadlines.set(
      { subjectType: DEADLINE_SUBJECT, subjectId: row.id, start: today, amount, unit, article },
      trx,
    );
    return { date: deadline.dueDate, article };
  }

  #decision(ctx: RequestContext, at: string, text: string) {
    return { decision_text: text, decided_at: at, decided_by_name: actedBy(ctx.actor).name };
  }

  #invalid(status: ViolationStatus, action: { zh: string; en: string }) {
    const label = ViolationCase.statuses[status];
    return ViolationErrors.error('VIOLATION_INVALID_STATE', {
      status: label.zh,
      statusEn: label.en,
      action: action.zh,
      actionEn: action.en,
    });
  }

  #step(
    ctx: RequestContext,
    id: string,
    action: ViolationAction,
    effect: StepEffect<RequestContext, Row, ViolationStatus, NoticeInput>,
  ): Promise<Violation> {
    return this.#kernel
      .step(ViolationCase, ctx, id, action, effect)
      .then(() => this.get(ctx.actor, id))
      .catch((error: unknown) => this.#denied(ctx, action, id, error));
  }

  async #today() {
    const calendar = await this.deps.calendar.calendar();
    return { calendar, today: chinaDate(this.deps.clock.now()) };
  }

  /** A refusal of who may act (forbidden, not the reader's to see) is audited as denied, then thrown. */
  async #denied(ctx: RequestContext, action: string, targetId: string, error: unknown): Promise<never> {
    if (error instanceof AppError && (error.status === 403 || error.code === 'VIOLATION_NOT_FOUND'))
      await this.deps.audit.record(this.deps.db, ctx, {
        action: `supervision.violation.${action}`,
        targetType: 'supervision_violation',
        targetId,
        outcome: 'denied',
        detail: { code: error.code },
      });
    throw error;
  }
}

/** Cases open (opened before `at`, not closed or dismissed by then) per respondent department (R114). */
export async function openViolationCounts(db: Executor, at: string): Promise<Map<string, number>> {
  const rows = await tables(db)
    .selectFrom('supervision_violation')
    .select((eb) => ['respondent_department_id', eb.fn.countAll<number>().as('n')])
    .where('created_at', '<', at)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', at)]))
    .groupBy('respondent_department_id')
    .execute();
  return new Map(rows.map((r) => [r.respondent_department_id, Number(r.n)]));
}
