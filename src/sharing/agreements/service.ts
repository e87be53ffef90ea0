import type { Kysely } from 'kysely';
import type { CatalogService, ProviderLookup } from '../../catalog/index.js';
import { CatalogErrors } from '../../catalog/index.js';
import { authorize } from '../../org/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import { newId } from '../../platform/db/index.js';
import { createCaseGrant } from '../case-grants.js';
import { caseDetail, type SharingCaseDeps, type SharingCaseKernel, sharingCaseKernel } from '../cases.js';
import { requiredText, SharingErrors } from '../errors.js';
import type { GrantService } from '../grants.js';
import type { CaseEvent, StatedNeed } from '../model.js';
import { SharingNotices } from '../notice-texts.js';
import type { NoticeInput, Recipient } from '../notices.js';
import { SharingActions } from '../policies.js';
import { checkRequest, type NeedInput } from '../request.js';
import { refuseStopped } from '../stops/guard.js';
import { DepartmentNames, pageOfCases, recordEvent, statedNeed } from '../store.js';
import { type AgreementAction, AgreementCase } from './case.js';
import { AgreementErrors } from './errors.js';
import { nextNumber, withNumber } from './numbers.js';
import type { AgreementStatus, AgreementTables, Frequency, SharingAgreementTable } from './schema.js';

export interface AgreementDeps extends SharingCaseDeps {
  catalog: Pick<CatalogService, 'get'>;
  departments: ProviderLookup;
  grants: GrantService;
}

export interface AgreementInput extends NeedInput {
  entryId: string;
  frequency: Frequency;
  terms?: string | undefined;
}

export type { AgreementAction } from './case.js';

export interface Agreement extends StatedNeed {
  id: string;
  number: string;
  consumer: { departmentId: string; name: string };
  provider: { departmentId: string; name: string };
  entry: { id: string; code: string; name: string };
  frequency: Frequency;
  terms: string | null;
  status: AgreementStatus;
  /** Whether the agreement is in effect: filed with the authority, with its grant. */
  effective: boolean;
  signedAt: string | null;
  filedAt: string | null;
  filingNote: string | null;
  reason: string | null;
  grantId: string | null;
  basis: { article: string | null; text: string };
  createdAt: string;
  updatedAt: string;
}

export interface AgreementDetail extends Agreement {
  timeline: CaseEvent[];
  allowedActions: AgreementAction[];
}

const db = (executor: Executor) => executor as unknown as Kysely<AgreementTables>;

/**
 * Agreement sharing (协议共享, R35; Neixiang Art.16(3)): two departments with a long-term, stable
 * need agree on the items, purpose, frequency, methods and validity; the consumer proposes, the
 * provider's resource administrator signs, and the authority over the provider files it (备案).
 * Only filing makes it effective and creates its grant: a signed agreement grants nothing.
 * Available where the profile's `features.agreements` is on.
 */
export class AgreementService {
  readonly #kernel: SharingCaseKernel;
  readonly #step;
  constructor(private readonly deps: AgreementDeps) {
    this.#kernel = sharingCaseKernel(deps);
    this.#step = this.#kernel.stepper(AgreementCase, (actor, id) => this.get(actor, id));
  }

  #available(): void {
    const feature = this.deps.profile.features.agreements;
    if (!feature.value) throw AgreementErrors.error('AGREEMENT_NOT_AVAILABLE', { text: feature.text });
  }

  async propose(ctx: RequestContext, input: AgreementInput): Promise<AgreementDetail> {
    const { actor } = ctx;
    this.#available();
    authorize(actor, SharingActions['sharing.agreement.propose'], {
      departmentId: actor.departmentId,
      jurisdictionPath: actor.jurisdictionPath,
    });
    const entry = await this.deps.catalog.get(actor, input.entryId);
    if (entry.status !== 'published' || entry.publishedVersion === null)
      throw SharingErrors.error('SHARING_ENTRY_NOT_PUBLISHED', { field: 'entryId', code: entry.code });
    if (entry.provider.id === actor.departmentId)
      throw SharingErrors.error('SHARING_OWN_RESOURCE', { field: 'entryId' });
    const content = entry.publishedContent ?? entry.content;
    const now = this.deps.clock.now();
    await refuseStopped(this.deps.db, entry, chinaDate(now));
    const checked = checkRequest(
      content,
      { ...input, scope: { kind: 'all' } },
      { profile: this.deps.profile, today: chinaDate(now) },
    );
    const provider = await this.deps.departments(this.deps.db, entry.provider.id);
    if (!provider)
      throw CatalogErrors.error('CATALOG_PROVIDER_INVALID', { field: 'entryId', reason: entry.provider.id });
    const at = now.toISOString();
    const row: SharingAgreementTable = {
      id: newId(now),
      number: '',
      consumer_department_id: actor.departmentId,
      consumer_jurisdiction_path: actor.jurisdictionPath,
      provider_department_id: provider.id,
      provider_jurisdiction_path: provider.jurisdictionPath,
      entry_id: entry.id,
      entry_code: entry.code,
      entry_name: content.name,
      items: JSON.stringify(checked.items),
      purpose: input.purpose,
      purpose_text: checked.purposeText,
      legal_duty: input.legalDuty.trim(),
      frequency: input.frequency,
      methods: JSON.stringify([...new Set(input.methods)]),
      valid_from: checked.validFrom,
      valid_until: input.validUntil,
      terms: input.terms?.trim() || null,
      status: 'proposed',
      proposed_by: actor.id,
      proposed_by_name: actedBy(actor).name,
      signed_by: null,
      signed_at: null,
      filed_by: null,
      filed_at: null,
      filing_note: null,
      reason: null,
      grant_id: null,
      created_at: at,
      updated_at: at,
    };
    await withNumber(this.deps.db, async (trx) => {
      row.number = await nextNumber(trx, 'sharing_agreement', `XY-${chinaDate(now).slice(0, 4)}-`);
      await db(trx).insertInto('sharing_agreement').values(row).execute();
      // The agreement keeps the rules in force now, e.g. its supply period (issue 13).
      await this.#kernel.recordRules(trx, AgreementCase, row.id, at);
      await recordEvent(trx, {
        caseType: 'agreement',
        caseId: row.id,
        action: 'propose',
        actor: actedBy(actor),
        at,
        detail: { items: checked.items, frequency: input.frequency, validUntil: input.validUntil },
      });
      await this.deps.audit.record(trx, ctx, {
        action: 'sharing.agreement.propose',
        targetType: 'sharing_agreement',
        targetId: row.id,
        detail: { number: row.number, entryCode: entry.code, items: checked.items },
      });
      await this.deps.notices.send(trx, {
        to: { departmentId: provider.id, role: 'resource_admin' },
        ...SharingNotices.notice('agreement.proposed', {
          number: row.number,
          entry: row.entry_name,
          items: checked.items.join('、'),
          frequency: input.frequency,
          from: checked.validFrom,
          until: input.validUntil,
        }),
        link: `/sharing/agreements/${row.id}`,
        case: { type: 'agreement', id: row.id },
      });
    });
    return this.get(actor, row.id);
  }

  withdraw(ctx: RequestContext, id: string, reason?: string) {
    return this.#step(ctx, id, 'withdraw', async ({ row }) => {
      const text = reason?.trim() || null;
      return {
        set: { reason: text },
        detail: { reason: text },
        notices: [
          this.#notice(
            row,
            { departmentId: row.provider_department_id, role: 'resource_admin' },
            'withdrawn',
            reason,
          ),
        ],
      };
    });
  }

  sign(ctx: RequestContext, id: string, note?: string) {
    return this.#step(ctx, id, 'sign', async ({ row, at }) => ({
      set: { signed_by: ctx.actor.id, signed_at: at },
      detail: { note: note?.trim() || null },
      notices: [
        this.#notice(row, { departmentId: row.consumer_department_id }, 'signed', note),
        // The authority over the provider is asked to file it (备案).
        this.#notice(
          row,
          { role: 'authority', jurisdictionPath: row.provider_jurisdiction_path },
          'filing_requested',
          this.#basis().text,
        ),
      ],
    }));
  }

  decline(ctx: RequestContext, id: string, reason: string) {
    return this.#step(ctx, id, 'decline', async ({ row }) => {
      const text = requiredText(reason, 'reason');
      return {
        set: { reason: text },
        detail: { reason: text },
        notices: [this.#notice(row, { departmentId: row.consumer_department_id }, 'declined', text)],
      };
    });
  }

  /** Files the signed agreement: it takes effect and its grant is created, in one transaction. */
  file(ctx: RequestContext, id: string, note?: string) {
    return this.#step(ctx, id, 'file', async ({ trx, row, at }) => {
      const grantId = await createCaseGrant(this.deps, trx, ctx, actedBy(ctx.actor), {
        row,
        origin: 'agreement',
        detail: { agreementId: id },
      });
      const filingNote = note?.trim() || null;
      return {
        set: { filed_by: ctx.actor.id, filed_at: at, filing_note: filingNote, grant_id: grantId },
        detail: { grantId, note: filingNote, basis: this.#basis() },
        notices: [row.consumer_department_id, row.provider_department_id].map((departmentId) =>
          this.#notice(row, { departmentId }, 'filed', note),
        ),
      };
    });
  }

  refuseFiling(ctx: RequestContext, id: string, reason: string) {
    return this.#step(ctx, id, 'refuse_filing', async ({ row }) => {
      const text = requiredText(reason, 'reason');
      return {
        set: { reason: text },
        detail: { reason: text },
        notices: [row.consumer_department_id, row.provider_department_id].map((departmentId) =>
          this.#notice(row, { departmentId }, 'filing_refused', text),
        ),
      };
    });
  }

  get(actor: Actor, id: string): Promise<AgreementDetail> {
    return caseDetail(this.#kernel, AgreementCase, actor, id, {
      present: (row) => this.#present(row, new DepartmentNames(this.deps.departments, this.deps.db)),
    });
  }

  async list(
    actor: Actor,
    filter: {
      as?: 'consumer' | 'provider' | 'all' | undefined;
      status?: AgreementStatus | undefined;
      page: number;
      pageSize: number;
    },
  ): Promise<{ items: Agreement[]; total: number }> {
    const { rows, total } = await pageOfCases<SharingAgreementTable>(
      this.deps.db,
      'sharing_agreement',
      actor,
      filter,
    );
    const names = new DepartmentNames(this.deps.departments, this.deps.db);
    const items: Agreement[] = [];
    for (const row of rows) items.push(await this.#present(row, names));
    return { items, total };
  }

  allowedActions(actor: Actor, row: SharingAgreementTable): AgreementAction[] {
    return AgreementCase.allowedActions(actor, row);
  }

  #notice(
    row: SharingAgreementTable,
    to: Recipient,
    what: 'withdrawn' | 'signed' | 'filing_requested' | 'declined' | 'filed' | 'filing_refused',
    body?: string,
  ): NoticeInput {
    return {
      to,
      ...SharingNotices.notice(`agreement.${what}`, {
        number: row.number,
        entry: row.entry_name,
        body: body?.trim() || '—',
      }),
      link: `/sharing/agreements/${row.id}`,
      case: { type: 'agreement', id: row.id },
    };
  }

  #basis() {
    const f = this.deps.profile.features.agreements;
    return { article: f.article, text: f.text };
  }

  async #present(row: SharingAgreementTable, names: DepartmentNames): Promise<Agreement> {
    return {
      id: row.id,
      number: row.number,
      consumer: await names.department(row.consumer_department_id),
      provider: await names.department(row.provider_department_id),
      entry: { id: row.entry_id, code: row.entry_code, name: row.entry_name },
      ...statedNeed(row),
      frequency: row.frequency,
      terms: row.terms,
      status: row.status,
      effective: row.status === 'filed',
      signedAt: row.signed_at,
      filedAt: row.filed_at,
      filingNote: row.filing_note,
      reason: row.reason,
      grantId: row.grant_id,
      basis: this.#basis(),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}
