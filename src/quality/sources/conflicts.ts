import type { Actor, RequestContext } from '../../platform/context/index.js';
import type { FileCorrectionInput } from '../corrections/schemas.js';
import { OPEN_CORRECTION_STATUSES } from '../corrections/schemas.js';
import type { QualityDeps } from '../deps.js';
import { ConflictCase } from './cases.js';
import type { Difference } from './comparison.js';
import { SourceErrors } from './errors.js';
import { SourceNotices } from './notices.js';
import { requiredText } from './registry.js';
import type { ConflictSide, ConflictStatus, QualityConflictTable } from './schema.js';
import { caseScope, PLATFORM_ACTOR, PLATFORM_CONTEXT } from './scope.js';

/**
 * Verification requests (校核纠错) as a conflict refers one: `file` against the side found wrong,
 * `get` to learn whether it has been closed. Bound to the corrections part where it is built.
 */
export interface ConflictReferrals {
  file(
    ctx: RequestContext,
    input: FileCorrectionInput,
    options: { conflictId: string },
  ): Promise<{ id: string; number: string }>;
  get(actor: Actor, id: string): Promise<{ status: string }>;
}

type EntryRef = { id: string; code: string; name: string };

/** A conflict as the API answers it; `differences` only in the detail (a read of personal data). */
export interface Conflict {
  id: string;
  number: string;
  /**
   * Whether the profile has the providers verify a conflict jointly with the authority and end it
   * in a handling decision (Neixiang Art.15, R79), with its article; on the detail only.
   */
  jointHandling?: { value: boolean; article: string | null };
  status: ConflictStatus;
  source: { departmentId: string; entry: EntryRef };
  other: { departmentId: string; entry: EntryRef };
  keyItem: string;
  items: string[];
  comparedCount: number;
  differenceCount: number;
  differences?: Difference[];
  wrongSide: ConflictSide | null;
  verification: { id: string; number: string | null } | null;
  resolutionNote: string | null;
  createdAt: string;
  allowedActions: string[];
  timeline?: { action: string; actor: { id: string | null; name: string }; at: string; detail: unknown }[];
}

const PROBLEM = { zh: '与数源部门数据不一致', en: 'differs from the source department' };

/**
 * Conflict cases (R79): the authority decides which side is wrong and refers the case to it as a
 * verification request (the verification's own deadline runs from there); the case is resolved
 * when that request is closed, or by the authority directly with a note. The differing values are
 * personal data: only the parties and the authority read them, and every read is audited.
 */
export class ConflictCases {
  readonly #kernel;
  readonly #step;

  constructor(
    private readonly deps: QualityDeps,
    private readonly referrals: () => ConflictReferrals | undefined,
  ) {
    this.#kernel = deps.sharing.cases;
    this.#step = this.#kernel.stepper(ConflictCase, (actor, id) => this.#view(actor, id));
  }

  /** The case with its differing records; the read is audited as an access to both resources' data. */
  async get(ctx: RequestContext, id: string): Promise<Conflict> {
    const conflict = await this.#view(ctx.actor, id);
    await this.deps.audit.record(this.deps.db, ctx, {
      action: 'quality.source.conflict.read',
      targetType: 'quality_source_conflict',
      targetId: id,
      access: {
        resourceId: conflict.other.entry.id,
        items: conflict.items,
        method: 'query',
        purpose: 'source_conflict',
        caseNumber: conflict.number,
        resultCount: conflict.differences?.length ?? 0,
      },
    });
    const handling = this.deps.profile.features.providerConflictHandling;
    return { ...conflict, jointHandling: { value: handling.value, article: handling.article } };
  }

  async list(
    actor: Actor,
    filter: { status?: ConflictStatus | undefined; page: number; pageSize: number },
  ): Promise<{ items: Conflict[]; total: number }> {
    let query = this.deps.db
      .selectFrom('quality_source_conflict')
      .where(caseScope<'quality_source_conflict'>(actor, ['source_department_id', 'other_department_id']));
    if (filter.status) query = query.where('status', '=', filter.status);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute();
    return {
      items: rows.map((r) => present(r, ConflictCase.allowedActions(actor, r))),
      total: Number(total.n),
    };
  }

  /**
   * Refers the conflict to the side found wrong as a verification request naming its differing
   * records. The request is filed first (its own transaction), then the step records it: a refusal
   * of the step (not the authority, not open) is checked before anything is filed.
   */
  async refer(ctx: RequestContext, id: string, input: { side: ConflictSide; note?: string | undefined }) {
    const referrals = this.referrals();
    if (!referrals) throw SourceErrors.error('SOURCE_REFERRAL_UNAVAILABLE');
    const { row } = await this.#kernel.get(ConflictCase, ctx.actor, id);
    if (!ConflictCase.allowedActions(ctx.actor, row).includes('refer'))
      // The kernel's step gives the precise refusal (forbidden, or the state) without side effects.
      return this.#step(ctx, id, 'refer', async () => undefined);
    const filed = await referrals.file(ctx, verificationOf(row, input.side, input.note), { conflictId: id });
    return this.#step(ctx, id, 'refer', async () => ({
      set: { wrong_side: input.side, verification_id: filed.id, verification_number: filed.number },
      detail: { side: input.side, verification: filed.number, note: input.note?.trim() || null },
      notices: this.#toParties(row, 'source.conflict_referred', {
        number: row.number,
        verification: filed.number,
        side: input.side === 'source' ? row.source_entry_name : row.other_entry_name,
      }),
    }));
  }

  resolve(ctx: RequestContext, id: string, note: string) {
    return this.#step(ctx, id, 'resolve', async ({ row, at }) => {
      const text = requiredText(note, { zh: '办结说明', en: 'the resolution' });
      return {
        set: { resolution_note: text, decided_by: ctx.actor.id, decided_at: at },
        detail: { note: text },
        notices: this.#toParties(row, 'source.conflict_resolved', { number: row.number, note: text }),
      };
    });
  }

  /** The sweep: referred conflicts whose verification request has been closed are resolved with it. */
  async sweep(): Promise<number> {
    const referrals = this.referrals();
    if (!referrals) return 0;
    const referred = await this.deps.db
      .selectFrom('quality_source_conflict')
      .selectAll()
      .where('status', '=', 'referred')
      .execute();
    let resolved = 0;
    const open: readonly string[] = OPEN_CORRECTION_STATUSES;
    for (const row of referred) {
      if (!row.verification_id) continue;
      const request = await referrals.get(PLATFORM_ACTOR, row.verification_id);
      if (open.includes(request.status)) continue;
      const note = `校核申请 ${row.verification_number ?? ''} 已办结（${request.status}）`;
      await this.#kernel.step(ConflictCase, PLATFORM_CONTEXT, row.id, 'close_referral', async ({ at }) => ({
        set: { resolution_note: note, decided_at: at },
        detail: { verification: row.verification_number, outcome: request.status },
        notices: this.#toParties(row, 'source.conflict_resolved', { number: row.number, note }),
      }));
      resolved++;
    }
    return resolved;
  }

  async #view(actor: Actor, id: string): Promise<Conflict> {
    const view = await this.#kernel.get(ConflictCase, actor, id);
    return {
      ...present(view.row, view.allowedActions),
      differences: JSON.parse(view.row.differences) as Difference[],
      timeline: view.timeline.map(({ action, actor: by, at, detail }) => ({ action, actor: by, at, detail })),
    };
  }

  #toParties(
    row: QualityConflictTable,
    kind: 'source.conflict_referred' | 'source.conflict_resolved',
    params: Record<string, string>,
  ) {
    const content = SourceNotices.notice(kind, params);
    const link = `/quality/sources/conflicts/${row.id}`;
    const kase = { type: ConflictCase.type, id: row.id };
    return [row.source_department_id, row.other_department_id].map((departmentId) => ({
      to: { departmentId, role: 'resource_admin' as const },
      ...content,
      link,
      case: kase,
    }));
  }
}

/** The verification request a referral files: the wrong side's records, the other side's values proposed. */
function verificationOf(
  row: QualityConflictTable,
  side: ConflictSide,
  note: string | undefined,
): FileCorrectionInput {
  const differences = JSON.parse(row.differences) as Difference[];
  const byKey = new Map<string, Difference[]>();
  for (const d of differences) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
  const entryId = side === 'source' ? row.source_entry_id : row.other_entry_id;
  const against = side === 'source' ? row.other_entry_name : row.source_entry_name;
  return {
    entryId,
    scope: 'records',
    records: [...byKey.entries()].map(([key, list]) => ({
      key: { [row.key_item]: key },
      items: list.map((d) => d.item),
      problem: `${PROBLEM.zh}（${against}）/ ${PROBLEM.en} (${against})`,
      proposed: Object.fromEntries(
        list.map((d) => [d.item, side === 'source' ? d.otherValue : d.sourceValue]),
      ),
    })),
    description: [
      `数据冲突 ${row.number}：比对 ${row.compared_count} 条记录，${row.difference_count} 处不一致（列出前 ${differences.length} 处）。`,
      `Data conflict ${row.number}: ${row.difference_count} differing values in ${row.compared_count} records compared.`,
      note?.trim() ?? '',
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

function present(row: QualityConflictTable, allowedActions: string[]): Conflict {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    source: {
      departmentId: row.source_department_id,
      entry: { id: row.source_entry_id, code: row.source_entry_code, name: row.source_entry_name },
    },
    other: {
      departmentId: row.other_department_id,
      entry: { id: row.other_entry_id, code: row.other_entry_code, name: row.other_entry_name },
    },
    keyItem: row.key_item,
    items: JSON.parse(row.items) as string[],
    comparedCount: row.compared_count,
    differenceCount: row.difference_count,
    wrongSide: row.wrong_side,
    verification: row.verification_id ? { id: row.verification_id, number: row.verification_number } : null,
    resolutionNote: row.resolution_note,
    createdAt: row.created_at,
    allowedActions,
  };
}
