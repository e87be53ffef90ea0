import type { UpdateResult } from 'kysely';
import type { AuditTrail } from '../audit/index.js';
import type { ProviderLookup } from '../catalog/index.js';
import { type AccountableLookup, type HeadReach, headReach } from '../org/index.js';
import type { Executor } from '../platform/db/index.js';
import type { Label } from '../platform/messages/index.js';
import type { SharingDb } from './db.js';
import { EscalationNotices, EscalationTexts } from './escalation-texts.js';
import type { CaseType } from './model.js';
import type { NoticeService } from './notices.js';
import { recordEvent, SYSTEM_ACTOR } from './store.js';

/** `DepartmentService.accountable`: the department's recorded head, officer and office (N01, R128). */
export type { AccountableLookup };

/**
 * `DepartmentService.authorityOver`: the competent authority's department nearest above a
 * jurisdiction path (N06, N19), undefined where no department there holds the role.
 */
export type AuthorityLookup = (
  jurisdictionPath: string,
  executor: Executor,
) => Promise<{ id: string; name: string } | undefined>;

/** Whom an escalation reaches: the head's account, else the officer's; null where neither has one. */
export type EscalationTarget = HeadReach;

/**
 * R128 "the head is the escalation target for overdue items", as recorded for the department:
 * whom a matter for the head reaches (org's `headReach`). The office's e-mail is not a notice
 * recipient (notices go to accounts, departments and roles), so it is not tried.
 */
export async function escalationTarget(
  accountable: AccountableLookup,
  departmentId: string,
  executor: Executor,
): Promise<EscalationTarget> {
  return headReach(await accountable(departmentId, executor));
}

/** An item a sweep has just flagged overdue, and the department that answers for it. */
export interface OverdueItem {
  departmentId: string;
  /** The item in words, from `EscalationTexts` (共享申请 SQ-2026-000001（…）答复). */
  item: Label;
  due: string | null;
  article: string | null;
  link?: string | undefined;
  /** The case whose timeline records whom the escalation reached (or that it reached nobody). */
  case?: { type: CaseType; id: string } | undefined;
  /** The row the audit entry names. */
  target: { type: string; id: string };
  /** When the sweep flagged it. */
  at: string;
}

/** An item a sweep has just flagged overdue, with what the flag itself records. */
export interface OverdueFlag extends OverdueItem {
  case: { type: CaseType; id: string };
  /** The flag's entry on the item's timeline (`overdue`, `supply_overdue`). */
  event: string;
  /** The flag's audit entry: its action and detail; it names the item's `target`. */
  audit: { action: string; detail: Record<string, unknown> };
}

/**
 * Sets a sweep's flag by a conditional update (`flag`) and runs `then` only in the transaction
 * whose update changed the row: a flag is acted on once, however many sweeps run at the same
 * time or again. Answers whether this call set it.
 */
export function flagOnce(
  db: SharingDb,
  flag: (trx: Executor) => Promise<UpdateResult>,
  then: (trx: Executor) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await flag(trx);
    if (Number(result.numUpdatedRows) === 0) return false;
    await then(trx);
    return true;
  });
}

/** `flagOnce` for each row a sweep found, one transaction each; answers how many this sweep flagged. */
export async function flagEach<Row>(
  db: SharingDb,
  rows: readonly Row[],
  flag: (trx: Executor, row: Row) => Promise<UpdateResult>,
  then: (trx: Executor, row: Row) => Promise<void>,
): Promise<number> {
  let flagged = 0;
  for (const row of rows) {
    const set = await flagOnce(
      db,
      (trx) => flag(trx, row),
      (trx) => then(trx, row),
    );
    if (set) flagged++;
  }
  return flagged;
}

/**
 * What every overdue sweep records of an item it has just flagged, in the flagging transaction
 * (after the notices it sends): the flag on the item's timeline, the escalation to the answering
 * department's head (R128), then the flag's audit entry.
 */
export async function recordOverdue(
  trx: Executor,
  deps: { escalation: Pick<OverdueEscalation, 'escalate'>; audit: AuditTrail },
  flag: OverdueFlag,
): Promise<void> {
  const { event, audit, ...item } = flag;
  await recordEvent(trx, {
    caseType: item.case.type,
    caseId: item.case.id,
    action: event,
    actor: SYSTEM_ACTOR,
    at: item.at,
    detail: { dueDate: item.due },
  });
  await deps.escalation.escalate(trx, item);
  await deps.audit.record(
    trx,
    {},
    {
      action: audit.action,
      targetType: item.target.type,
      targetId: item.target.id,
      category: 'decision',
      detail: audit.detail,
    },
  );
}

export interface OverdueEscalationDeps {
  accountable: AccountableLookup;
  /** Where the overdue party is the competent authority: its department (N06, N19); none: unreachable. */
  authorityOver?: AuthorityLookup | undefined;
  departments: ProviderLookup;
  notices: Pick<NoticeService, 'send'>;
  audit: AuditTrail;
}

/**
 * N01/R128, N12: every overdue sweep, in the transaction that flags an item overdue (so once per
 * item), also tells the responsible department's sharing-office head; the timeline of the item
 * and the audit trail say whom it reached, or that the head could not be reached in the platform.
 */
export class OverdueEscalation {
  constructor(private readonly deps: OverdueEscalationDeps) {}

  async escalate(trx: Executor, item: OverdueItem): Promise<EscalationTarget> {
    const target = await escalationTarget(this.deps.accountable, item.departmentId, trx);
    const department = (await this.deps.departments(trx, item.departmentId))?.name ?? item.departmentId;
    return this.#tell(trx, item, target, department);
  }

  /**
   * The overdue party is the competent authority over `jurisdictionPath` (N06: its review of an
   * updated catalog; N19: its coordination of a dispute): the item escalates to the head of the
   * authority's department (R128) like any other; where no department there holds the authority
   * role, the item records that nobody could be reached.
   */
  async escalateToAuthority(
    trx: Executor,
    jurisdictionPath: string,
    item: Omit<OverdueItem, 'departmentId'>,
  ): Promise<EscalationTarget & { departmentId: string | null }> {
    const authority = await this.deps.authorityOver?.(jurisdictionPath, trx);
    if (!authority) {
      await this.#record(
        trx,
        item,
        { departmentId: null, jurisdictionPath, head: null, reached: null },
        false,
      );
      return { to: null, head: null, departmentId: null };
    }
    const departmentId = authority.id;
    const target = await escalationTarget(this.deps.accountable, departmentId, trx);
    return { ...(await this.#tell(trx, { ...item, departmentId }, target, authority.name)), departmentId };
  }

  async #tell(
    trx: Executor,
    item: OverdueItem,
    target: EscalationTarget,
    department: string,
  ): Promise<EscalationTarget> {
    if (target.to !== null) {
      const via =
        target.to === 'head'
          ? EscalationTexts.text('toHead', { department, name: target.name, title: target.title })
          : EscalationTexts.text('toOfficer', { department, name: target.name, head: target.head ?? '—' });
      await this.deps.notices.send(trx, {
        to: { userId: target.userId },
        ...EscalationNotices.notice('overdue.escalated', {
          item: item.item,
          due: item.due ?? EscalationTexts.text('noDue'),
          article: item.article ?? '—',
          via,
        }),
        ...(item.link ? { link: item.link } : {}),
        ...(item.case ? { case: item.case } : {}),
      });
    }
    const detail =
      target.to === null
        ? { departmentId: item.departmentId, head: target.head, reached: null }
        : { departmentId: item.departmentId, reached: target.to, userId: target.userId, name: target.name };
    await this.#record(trx, item, detail, target.to !== null);
    return target;
  }

  /** The item's timeline and the audit trail say whom it reached, or that it reached nobody. */
  async #record(
    trx: Executor,
    item: Omit<OverdueItem, 'departmentId'>,
    detail: Record<string, unknown>,
    reached: boolean,
  ): Promise<void> {
    if (item.case)
      await recordEvent(trx, {
        caseType: item.case.type,
        caseId: item.case.id,
        action: reached ? 'escalated' : 'escalation_unreachable',
        actor: SYSTEM_ACTOR,
        at: item.at,
        detail: { ...detail, dueDate: item.due },
      });
    await this.deps.audit.record(
      trx,
      {},
      {
        action: reached ? 'sharing.overdue.escalate' : 'sharing.overdue.escalation_unreachable',
        targetType: item.target.type,
        targetId: item.target.id,
        category: 'decision',
        detail: { ...detail, dueDate: item.due, article: item.article },
      },
    );
  }
}
