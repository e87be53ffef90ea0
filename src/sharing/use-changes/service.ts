import type { Kysely } from 'kysely';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import type { Executor } from '../../platform/db/index.js';
import { newId } from '../../platform/db/index.js';
import { lines } from '../../platform/messages/index.js';
import {
  caseDetail,
  partyNotice,
  type SharingCaseDeps,
  type SharingCaseKernel,
  sharingCaseKernel,
} from '../cases.js';
import { requiredText } from '../errors.js';
import { type GrantCaseHead, grantCaseHead, lockedGrant, partiesOf, readableGrant } from '../grant-cases.js';
import { grantStatusAt } from '../grants.js';
import type { CaseEvent, CaseType, Purpose } from '../model.js';
import { SharingNotices, SharingTexts } from '../notice-texts.js';
import type { NoticeInput } from '../notices.js';
import { canReadCase, recordEvent } from '../store.js';
import { UseChangeCase } from './case.js';
import { coveredPurposes, grantConsents } from './consents.js';
import { UseChangeErrors } from './errors.js';
import type { SharingUseChangeTable, UseChangeStatus, UseChangeTables, UseConsent } from './schema.js';

export type UseChangeDeps = SharingCaseDeps;

export const USE_CHANGES_PATH = '/cases/use_change';
/** The article every use-change case and consent cites. */
export const USE_CHANGE_ARTICLE =
  '《政务数据共享条例》第二十五条第一款：确需扩大使用范围、用于其他目的或者提供给第三方的，应当经政务数据提供部门同意';

export type UseChangeAction = 'approve' | 'refuse' | 'withdraw';

export interface UseChange extends GrantCaseHead<UseChangeStatus> {
  purposes: Purpose[];
  /** The purposes in words (行政依据、工作参考…), as the generic case page shows them. */
  purposesText: string;
  scope: string | null;
  thirdParties: string[];
  thirdPartiesText: string;
  reason: string;
  article: string;
  requestedBy: { id: string; name: string };
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  createdAt: string;
  timeline: CaseEvent[];
  allowedActions: UseChangeAction[];
}

export interface UseChangeInput {
  grantId: string;
  purposes?: Purpose[] | undefined;
  scope?: string | undefined;
  thirdParties?: string[] | undefined;
  reason: string;
}

const db = (executor: Executor) => executor as unknown as Kysely<UseChangeTables>;
const KIND: CaseType = 'use_change' as CaseType;
const PURPOSE_ZH: Record<Purpose, string> = {
  administrative_basis: '行政依据',
  work_reference: '工作参考',
  data_verification: '数据校核',
  business_coordination: '业务协同',
  other: '其他',
};
const GRANT_STATUS_ZH = { revoked: '撤销', expired: '过期' } as const;

/**
 * N14 on the case kernel: the requesting department asks on one of its grants; the provider's
 * resource administrator consents or refuses. A consent is appended to the grant's
 * `use_consents` in the approving transaction, under a lock on the grant, so the exchange's next
 * grant check covers the consented purposes; a read stating a purpose the grant does not cover
 * stays refused (GRANT_PURPOSE_MISMATCH). Scope and third parties are recorded consents: the
 * platform cannot see where data goes after it leaves, so they are kept on the grant for the
 * authority's supervision (第二十七条第二款, 第四十条第二、三项) rather than enforced at the read.
 */
export class UseChangeService {
  readonly #kernel: SharingCaseKernel;
  readonly #step;
  constructor(private readonly deps: UseChangeDeps) {
    this.#kernel = sharingCaseKernel(deps);
    this.#step = this.#kernel.stepper(UseChangeCase, (actor, id) => this.get(actor, id));
  }

  async request(ctx: RequestContext, input: UseChangeInput): Promise<UseChange> {
    const { actor } = ctx;
    const grant = await readableGrant(this.deps, actor, input.grantId, canReadCase);
    const purposes = [...new Set(input.purposes ?? [])];
    const thirdParties = [
      ...new Set((input.thirdParties ?? []).map((t) => t.trim()).filter((t) => t !== '')),
    ];
    const scope = input.scope?.trim() || null;
    if (purposes.length === 0 && thirdParties.length === 0 && scope === null)
      throw UseChangeErrors.error('USE_CHANGE_EMPTY', { field: 'purposes' });
    const reason = requiredText(input.reason, 'reason');
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const row: SharingUseChangeTable = {
      id: newId(now),
      number: '',
      status: 'requested',
      ...partiesOf(grant),
      purposes: JSON.stringify(purposes),
      scope,
      third_parties: JSON.stringify(thirdParties),
      reason,
      requested_by: actor.id,
      requested_by_name: actedBy(actor).name,
      decided_by: null,
      decided_by_name: null,
      decided_at: null,
      decision_note: null,
      created_at: at,
      updated_at: at,
    };
    const opened = await this.#kernel.open(UseChangeCase, ctx, row, async ({ trx, today }) => {
      // The grant's lock serialises two requests of one grant (SQLite's writer lock does it there).
      const current = await lockedGrant(trx, this.deps.dialect, grant.id);
      const status = grantStatusAt(current, today);
      if (status === 'revoked' || status === 'expired')
        throw UseChangeErrors.error('USE_CHANGE_GRANT_ENDED', {
          status: GRANT_STATUS_ZH[status],
          statusEn: status,
        });
      const covered = coveredPurposes(current);
      const already = purposes.find((p) => covered.includes(p));
      if (already)
        throw UseChangeErrors.error('USE_CHANGE_ALREADY_COVERED', { purpose: PURPOSE_ZH[already] });
      const pending = await db(trx)
        .selectFrom('sharing_use_change')
        .select('number')
        .where('grant_id', '=', grant.id)
        .where('status', '=', 'requested')
        .executeTakeFirst();
      if (pending) throw UseChangeErrors.error('USE_CHANGE_PENDING', { number: pending.number });
      const asked = describe(purposes, scope, thirdParties);
      return {
        detail: { grantId: grant.id, purposes, scope, thirdParties, reason, article: USE_CHANGE_ARTICLE },
        notices: [
          this.#notice(
            row,
            'provider',
            SharingNotices.notice('use_change.requested', {
              entry: grant.entry_name,
              asked,
              body: lines(reason, SharingTexts.text('useChangeArticle')),
            }),
          ),
          this.#notice(row, 'consumer', {
            ...SharingNotices.notice('use_change.requested_by_you', {
              entry: grant.entry_name,
              asked,
              body: reason,
            }),
            kind: 'use_change.requested',
          }),
        ],
      };
    });
    return this.get(actor, opened.id);
  }

  /** The provider consents: the consent is recorded on the grant, with the case number. */
  approve(ctx: RequestContext, id: string, note: string | undefined) {
    return this.#step(ctx, id, 'approve', async ({ trx, row, at }) => {
      const grant = await lockedGrant(trx, this.deps.dialect, row.grant_id);
      const consent: UseConsent = {
        caseId: row.id,
        number: row.number,
        purposes: JSON.parse(row.purposes) as Purpose[],
        scope: row.scope,
        thirdParties: JSON.parse(row.third_parties) as string[],
        at,
        by: actedBy(ctx.actor),
      };
      await db(trx)
        .updateTable('sharing_grant')
        .set({ use_consents: JSON.stringify([...grantConsents(grant), consent]) })
        .where('id', '=', grant.id)
        .execute();
      await recordEvent(trx, {
        caseType: 'grant',
        caseId: grant.id,
        action: 'use_change_consented',
        actor: actedBy(ctx.actor),
        at,
        detail: {
          useChangeId: row.id,
          number: row.number,
          purposes: consent.purposes,
          scope: consent.scope,
          thirdParties: consent.thirdParties,
          article: USE_CHANGE_ARTICLE,
        },
      });
      const text = note?.trim() || null;
      const asked = describe(consent.purposes, consent.scope, consent.thirdParties);
      const approved = SharingNotices.notice('use_change.approved', {
        number: row.number,
        entry: row.entry_name,
        asked,
        body: text ?? SharingTexts.text('useChangeArticle'),
      });
      return {
        set: decision(ctx.actor, at, text),
        detail: { note: text, grantId: grant.id },
        notices: [this.#notice(row, 'consumer', approved), this.#notice(row, 'provider', approved)],
      };
    });
  }

  refuse(ctx: RequestContext, id: string, reason: string) {
    return this.#step(ctx, id, 'refuse', async ({ row, at }) => {
      const text = requiredText(reason, 'reason');
      const refused = SharingNotices.notice('use_change.refused', {
        number: row.number,
        entry: row.entry_name,
        body: text,
      });
      return {
        set: decision(ctx.actor, at, text),
        detail: { reason: text },
        notices: [this.#notice(row, 'consumer', refused), this.#notice(row, 'provider', refused)],
      };
    });
  }

  withdraw(ctx: RequestContext, id: string, note: string | undefined) {
    return this.#step(ctx, id, 'withdraw', async ({ row }) => {
      const text = note?.trim() || null;
      return {
        detail: { note: text },
        notices: [
          this.#notice(
            row,
            'provider',
            SharingNotices.notice('use_change.withdrawn', {
              number: row.number,
              entry: row.entry_name,
              body: lines(text),
            }),
          ),
        ],
      };
    });
  }

  async get(actor: Actor, id: string): Promise<UseChange> {
    return caseDetail(this.#kernel, UseChangeCase, actor, id, { present: async (row) => present(row) });
  }

  /** A grant's use-change cases and the consents it records (the grant page's section). */
  async ofGrant(
    actor: Actor,
    grantId: string,
  ): Promise<{ items: UseChange[]; consents: UseConsent[]; purposes: Purpose[] }> {
    const grant = await readableGrant(this.deps, actor, grantId, canReadCase);
    const rows = await this.deps.db
      .selectFrom('sharing_use_change')
      .select('id')
      .where('grant_id', '=', grantId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const items: UseChange[] = [];
    for (const { id } of rows) items.push(await this.get(actor, id));
    return { items, consents: grantConsents(grant), purposes: coveredPurposes(grant) };
  }

  #notice(
    row: SharingUseChangeTable,
    to: 'consumer' | 'provider',
    content: Omit<NoticeInput, 'to'>,
  ): NoticeInput {
    return partyNotice(row, { type: KIND, path: USE_CHANGES_PATH }, to, content);
  }
}

/** Who answered the request and when, with the note (a consent) or the reason (a refusal) given. */
function decision(actor: Actor, at: string, note: string | null): Partial<SharingUseChangeTable> {
  return { decided_by: actor.id, decided_by_name: actedBy(actor).name, decided_at: at, decision_note: note };
}

function describe(purposes: Purpose[], scope: string | null, thirdParties: string[]) {
  const zh: string[] = [];
  const en: string[] = [];
  if (purposes.length > 0) {
    zh.push(`用于${purposes.map((p) => PURPOSE_ZH[p]).join('、')}`);
    en.push(`for ${purposes.join(', ')}`);
  }
  if (scope) {
    zh.push('扩大使用范围');
    en.push('wider use');
  }
  if (thirdParties.length > 0) {
    zh.push(`提供给${thirdParties.join('、')}`);
    en.push(`to ${thirdParties.join(', ')}`);
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

function present(row: SharingUseChangeTable): Omit<UseChange, 'timeline' | 'allowedActions'> {
  const purposes = JSON.parse(row.purposes) as Purpose[];
  const thirdParties = JSON.parse(row.third_parties) as string[];
  return {
    ...grantCaseHead(row),
    purposes,
    purposesText: purposes.map((p) => PURPOSE_ZH[p]).join('、'),
    scope: row.scope,
    thirdParties,
    thirdPartiesText: thirdParties.join('、'),
    reason: row.reason,
    article: USE_CHANGE_ARTICLE,
    requestedBy: { id: row.requested_by, name: row.requested_by_name },
    decidedBy: row.decided_by ? { id: row.decided_by, name: row.decided_by_name ?? row.decided_by } : null,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    createdAt: row.created_at,
  };
}
