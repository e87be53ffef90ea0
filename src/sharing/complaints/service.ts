import { authorize } from '../../org/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import { newId } from '../../platform/db/index.js';
import { AppError, type LocalizedParam } from '../../platform/errors/index.js';
import { type Label, lines } from '../../platform/messages/index.js';
import { citation } from '../access-flow.js';
import { nextNumber, withNumber } from '../agreements/numbers.js';
import {
  caseDetail,
  type SharingCaseKernel,
  type SharingPeriodCaseDeps,
  sharingCaseKernel,
} from '../cases.js';
import { requiredText } from '../errors.js';
import type { OverdueEscalation } from '../escalation.js';
import type { NoticeInput, Recipient } from '../notices.js';
import { SharingActions } from '../policies.js';
import { newestPage, readScope, recordEvent } from '../store.js';
import { ComplaintCase } from './case.js';
import { ComplaintErrors } from './errors.js';
import { MisuseFindings } from './findings.js';
import { ComplaintNotices, ComplaintTexts } from './notice-texts.js';
import { type ComplaintDetail, ComplaintView } from './present.js';
import { NO_RECTIFICATION, Rectification, type RectificationOrder } from './rectification.js';
import type {
  ComplaintAction,
  ComplaintKind,
  ComplaintOutcome,
  ComplaintStatus,
  SharingComplaintTable,
} from './schema.js';
import {
  COMPLAINT_SUBJECT,
  commonPath,
  complaintPeriod,
  complaintScopeFilter,
  complaintTables as db,
} from './store.js';

export interface ComplaintDeps extends SharingPeriodCaseDeps {
  /** Tells the department that did not rectify by the date, through its sharing-office head (R128). */
  escalation: Pick<OverdueEscalation, 'escalate'>;
}

export interface ComplaintInput {
  kind: ComplaintKind;
  respondentDepartmentId: string;
  subject?: { type: 'application' | 'grant' | 'entry'; id: string } | undefined;
  description: string;
}

export interface ComplaintAnswer {
  outcome: ComplaintOutcome;
  reply: string;
  /** Grants of the department complained about to suspend: an upheld misuse complaint only. */
  suspendGrantIds?: string[] | undefined;
  /** N17: what to put right and by when; with it the suspension runs on to rectification or termination. */
  rectification?: RectificationOrder | undefined;
}

/**
 * Complaints (投诉, R118; Neixiang Art.25, Guangzhou Art.33): a department complains to the
 * competent authority about another's violation; the authority over both departments
 * investigates and answers in writing, upheld or not; an upheld misuse complaint may suspend the
 * grants it names, in the answering transaction. Profiles without the feature refuse it; the
 * authority's or the provider's own misuse finding (N17, `findings`) is open under every profile.
 */
export class ComplaintService {
  readonly #view: ComplaintView;
  readonly #kernel: SharingCaseKernel;
  readonly #step;
  /** N17: the rectification steps after a suspension, and the sweep that terminates (rectification.ts). */
  readonly rectification: Rectification;
  /** N17 without a complaint: the authority or the provider finds misuse and suspends (findings.ts). */
  readonly findings: MisuseFindings;

  constructor(private readonly deps: ComplaintDeps) {
    this.#kernel = sharingCaseKernel(deps);
    this.#view = new ComplaintView(deps);
    this.#step = this.#kernel.stepper(ComplaintCase, (actor, id) => this.get(actor, id));
    this.rectification = new Rectification(deps, this.#step);
    this.findings = new MisuseFindings(deps, this.#kernel, this.rectification, (actor, id) =>
      this.get(actor, id),
    );
  }

  #available(): void {
    const feature = this.deps.profile.features.complaints;
    if (!feature.value) throw ComplaintErrors.error('COMPLAINT_NOT_AVAILABLE', { text: feature.text });
  }

  async file(ctx: RequestContext, input: ComplaintInput): Promise<ComplaintDetail> {
    const { actor } = ctx;
    this.#available();
    authorize(actor, SharingActions['sharing.complaint.file'], {
      departmentId: actor.departmentId,
      jurisdictionPath: actor.jurisdictionPath,
    });
    const description = requiredText(input.description, 'description');
    if (input.respondentDepartmentId === actor.departmentId)
      throw ComplaintErrors.error('COMPLAINT_RESPONDENT_INVALID', {
        field: 'respondentDepartmentId',
        reason: { zh: '不能投诉本部门', en: 'not your own department' },
      });
    const respondent = await this.deps.departments(this.deps.db, input.respondentDepartmentId);
    if (!respondent)
      throw ComplaintErrors.error('COMPLAINT_RESPONDENT_INVALID', {
        field: 'respondentDepartmentId',
        reason: input.respondentDepartmentId,
      });
    const subject = input.subject ? await this.#subject(actor, input.subject, respondent.id) : null;
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const today = chinaDate(now);
    const row: SharingComplaintTable = {
      id: newId(now),
      number: '',
      kind: input.kind,
      complainant_department_id: actor.departmentId,
      complainant_jurisdiction_path: actor.jurisdictionPath,
      respondent_department_id: respondent.id,
      respondent_jurisdiction_path: respondent.jurisdictionPath,
      subject_type: input.subject?.type ?? null,
      subject_id: input.subject?.id ?? null,
      subject_label: subject,
      description,
      status: 'received',
      filed_by: actor.id,
      filed_by_name: actedBy(actor).name,
      deadline_id: null,
      due_date: null,
      deadline_article: null,
      investigated_by: null,
      investigated_at: null,
      outcome: null,
      reply: null,
      answered_by: null,
      answered_by_name: null,
      answered_at: null,
      suspended_grants: '[]',
      ...NO_RECTIFICATION,
      misuse: null,
      found_by: null,
      created_at: at,
      updated_at: at,
    };
    await withNumber(this.deps.db, async (trx) => {
      row.number = await nextNumber(trx, 'sharing_complaint', `TS-${today.slice(0, 4)}-`);
      const period = complaintPeriod(this.deps.profile);
      if (period) {
        const article = citation(period);
        const deadline = await this.deps.deadlines.set(
          {
            subjectType: COMPLAINT_SUBJECT,
            subjectId: row.id,
            start: today,
            amount: period.value,
            unit: period.unit,
            article,
          },
          trx,
        );
        Object.assign(row, {
          deadline_id: deadline.id,
          due_date: deadline.dueDate,
          deadline_article: article,
        });
      }
      await db(trx).insertInto('sharing_complaint').values(row).execute();
      const detail = {
        kind: input.kind,
        respondentDepartmentId: respondent.id,
        subject: input.subject ?? null,
      };
      await recordEvent(trx, {
        caseType: 'complaint',
        caseId: row.id,
        action: 'file',
        actor: actedBy(actor),
        at,
        detail: { ...detail, dueDate: row.due_date },
      });
      await this.deps.audit.record(trx, ctx, {
        action: 'sharing.complaint.file',
        targetType: 'sharing_complaint',
        targetId: row.id,
        detail: { number: row.number, ...detail },
      });
      await this.deps.notices.send(trx, this.#notice(row, this.#authority(row), 'received', description));
    });
    return this.get(actor, row.id);
  }

  withdraw(ctx: RequestContext, id: string, note?: string) {
    return this.#step(ctx, id, 'withdraw', async ({ row }) => ({
      detail: { note: note?.trim() || null },
      notices: [
        this.#notice(row, this.#authority(row), 'withdrawn', note),
        // The department complained about heard of it only if the authority took it up.
        ...(row.investigated_at !== null
          ? [this.#notice(row, { departmentId: row.respondent_department_id }, 'withdrawn', note)]
          : []),
      ],
    }));
  }

  /** The authority takes the complaint up: from now on the department complained about is told and reads it. */
  investigate(ctx: RequestContext, id: string, note?: string) {
    return this.#step(ctx, id, 'investigate', async ({ row, at }) => ({
      set: { investigated_by: ctx.actor.id, investigated_at: at },
      detail: { note: note?.trim() || null },
      notices: [
        this.#notice(row, { departmentId: row.respondent_department_id }, 'investigating', row.description),
        this.#notice(row, { departmentId: row.complainant_department_id }, 'investigating', note),
      ],
    }));
  }

  /** The investigation record: the authority's findings, or a party's statement. */
  note(ctx: RequestContext, id: string, text: string) {
    return this.#step(ctx, id, 'note', async ({ row, at }) => {
      const note = requiredText(text, 'note');
      const by = ComplaintCase.roles.authority.holds(ctx.actor, row) ? 'authority' : 'party';
      return {
        // A note leaves the state but is still a change to the case: its time is the case's last update.
        set: { updated_at: at },
        detail: { note, by },
        notices: by === 'party' ? [this.#notice(row, this.#authority(row), 'statement', note)] : [],
      };
    });
  }

  /** The written reply (书面答复) with its outcome; an upheld misuse complaint suspends the grants it names. */
  answer(ctx: RequestContext, id: string, input: ComplaintAnswer) {
    return this.#step(ctx, id, 'answer', async ({ trx, row, at, today }) => {
      const reply = input.reply.trim();
      if (reply === '') throw ComplaintErrors.error('COMPLAINT_REPLY_REQUIRED', { field: 'reply' });
      const suspend = [...new Set(input.suspendGrantIds ?? [])];
      if (suspend.length > 0 && !(input.outcome === 'upheld' && row.kind === 'misuse'))
        throw ComplaintErrors.error('COMPLAINT_SUSPENSION_NOT_ALLOWED', { field: 'suspendGrantIds' });
      const order = input.rectification
        ? await this.rectification.order(trx, row, input.rectification, suspend.length, today)
        : null;
      for (const grantId of suspend) {
        const grant = await db(trx)
          .selectFrom('sharing_grant')
          .select(['consumer_department_id', 'status', 'valid_until'])
          .where('id', '=', grantId)
          .executeTakeFirst();
        if (
          !grant ||
          grant.consumer_department_id !== row.respondent_department_id ||
          grant.status !== 'active' ||
          grant.valid_until < today
        )
          throw ComplaintErrors.error('COMPLAINT_GRANT_INVALID', { field: 'suspendGrantIds', id: grantId });
        await this.deps.grants.changeIn(
          trx,
          ctx,
          grantId,
          'suspend',
          ComplaintTexts.text('grantUpheld', { number: row.number, reply }).zh,
          {
            complaintId: id,
          },
        );
      }
      return {
        status: order ? 'rectifying' : 'answered',
        set: {
          outcome: input.outcome,
          reply,
          answered_by: ctx.actor.id,
          answered_by_name: actedBy(ctx.actor).name,
          answered_at: at,
          suspended_grants: JSON.stringify(suspend),
          ...(order?.set ?? {}),
        },
        detail: {
          outcome: input.outcome,
          reply,
          suspendedGrants: suspend,
          late: row.due_date !== null && today > row.due_date,
          ...(order ? { rectification: order.detail } : {}),
        },
        notices: [row.complainant_department_id, row.respondent_department_id].map((departmentId) =>
          this.#notice(
            row,
            { departmentId },
            input.outcome,
            lines(
              reply,
              order && ComplaintTexts.text('rectificationOrder', { order: order.detail.order }),
              order && ComplaintTexts.text('rectificationDue', { due: order.detail.dueDate }),
            ),
          ),
        ),
      };
    });
  }

  get(actor: Actor, id: string): Promise<ComplaintDetail> {
    return caseDetail(this.#kernel, ComplaintCase, actor, id, { present: (row) => this.#view.present(row) });
  }

  async list(
    actor: Actor,
    filter: {
      as?: 'complainant' | 'respondent' | 'all' | undefined;
      status?: ComplaintStatus | undefined;
      page: number;
      pageSize: number;
    },
  ) {
    const scope = readScope(actor);
    if (scope.kind === 'none') authorize(actor, SharingActions['sharing.case.read']);
    let query = this.deps.db.selectFrom('sharing_complaint').where(() => complaintScopeFilter(scope));
    if (filter.as === 'complainant')
      query = query.where('complainant_department_id', '=', actor.departmentId);
    if (filter.as === 'respondent') query = query.where('respondent_department_id', '=', actor.departmentId);
    if (filter.status) query = query.where('status', '=', filter.status);
    const { rows, total } = await newestPage(query, filter);
    return { items: await this.#view.list(rows), total };
  }

  allowedActions(actor: Actor, row: SharingComplaintTable): ComplaintAction[] {
    return ComplaintCase.allowedActions(actor, row);
  }

  /** The complaint's subject must be a case between the two departments the complainant can read. */
  async #subject(
    actor: Actor,
    subject: NonNullable<ComplaintInput['subject']>,
    respondentId: string,
  ): Promise<string> {
    const invalid = (reason: LocalizedParam) =>
      ComplaintErrors.error('COMPLAINT_SUBJECT_INVALID', { field: 'subject.id', reason });
    if (subject.type === 'entry') {
      const entry = await this.deps.catalog.get(actor, subject.id).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'CATALOG_NOT_FOUND')
          throw invalid({ zh: '信息资源不存在', en: 'no such resource' });
        throw error;
      });
      if (entry.provider.id !== respondentId)
        throw invalid({
          zh: '该资源不由被投诉部门提供',
          en: 'not provided by the department complained about',
        });
      return entry.code;
    }
    const row =
      subject.type === 'application'
        ? await this.deps.db
            .selectFrom('sharing_application')
            .select(['number as label', 'consumer_department_id', 'provider_department_id'])
            .where('id', '=', subject.id)
            .executeTakeFirst()
        : await this.deps.db
            .selectFrom('sharing_grant')
            .select(['entry_code as label', 'consumer_department_id', 'provider_department_id'])
            .where('id', '=', subject.id)
            .executeTakeFirst();
    const sides = row ? [row.consumer_department_id, row.provider_department_id] : [];
    if (!row || !sides.includes(actor.departmentId) || !sides.includes(respondentId))
      throw invalid({
        zh: '须为投诉部门与被投诉部门之间的事项',
        en: 'must be a case between the two departments',
      });
    return row.label;
  }

  /** The authority over both departments: the one that investigates and answers. */
  #authority(row: SharingComplaintTable): Recipient {
    return {
      role: 'authority',
      jurisdictionPath: commonPath(row.complainant_jurisdiction_path, row.respondent_jurisdiction_path),
    };
  }

  #notice(
    row: SharingComplaintTable,
    to: Recipient,
    what: 'received' | 'withdrawn' | 'investigating' | 'statement' | ComplaintOutcome,
    body?: Label | string | null,
  ): NoticeInput {
    return {
      to,
      ...ComplaintNotices.notice(`complaint.${what}`, { number: row.number, body: lines(body) }),
      link: `/sharing/complaints/${row.id}`,
      case: { type: 'complaint', id: row.id },
    };
  }
}
