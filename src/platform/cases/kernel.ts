import { chinaDate } from '../calendar/index.js';
import type { Clock } from '../clock/index.js';
import { actedBy } from '../context/index.js';
import { nextCaseNumber } from '../db/counters.js';
import type { DialectName, Executor } from '../db/index.js';
import { lockRow } from '../db/lock.js';
import { AppError, CommonErrors } from '../errors/index.js';
import type { Profile } from '../profiles/index.js';
import type { CaseActorBase, CaseRowBase, CaseType } from './declare.js';
import type { CaseRules, GoverningProfile } from './rules.js';

/** One step on a case's timeline, as the timeline store keeps it. */
export interface CaseTimelineEntry {
  caseType: string;
  caseId: string;
  action: string;
  actor: { id: string | null; name: string };
  at: string;
  detail: Record<string, unknown>;
}

/** The audit entry of a step: every step on a case is a decision on the trace. */
export interface CaseAuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  category: 'decision';
  detail: Record<string, unknown>;
}

/**
 * What the kernel needs from the modules above the platform: where the timeline and the audit
 * entries are written and where notices are queued. The composition of a module binds them.
 */
export interface CasePorts<Ctx, Notice> {
  db: Executor;
  dialect: DialectName;
  clock: Clock;
  timeline(trx: Executor, entry: CaseTimelineEntry): Promise<void>;
  audit(trx: Executor, ctx: Ctx, entry: CaseAuditEntry): Promise<void>;
  notify(trx: Executor, notice: Notice): Promise<unknown>;
  /** A case's timeline, oldest first. */
  history(executor: Executor, caseType: string, caseId: string): Promise<CaseTimelineEntry[]>;
  /**
   * The rules cases keep (issue 13): where given, opening a case records the effective profile in
   * force, and `rulesOf` answers it for every later step.
   */
  rules?: CaseRules | undefined;
}

/** A case as its reader sees it: the row, its timeline and the steps open to the reader now. */
export interface CaseView<Row, Action extends string> {
  row: Row;
  timeline: CaseTimelineEntry[];
  allowedActions: Action[];
  /** The profile the case runs under (null where the kernel keeps no rules). */
  rules: GoverningProfile | null;
}

/** What a step's effect is given: the locked case and the moment of the step. */
export interface StepScope<Ctx, Row> {
  trx: Executor;
  ctx: Ctx;
  row: Row;
  /** The step's time, as an ISO timestamp (`at`) and as the date in China (`today`). */
  now: Date;
  at: string;
  today: string;
}

/** What a step changes beyond the state, and what its timeline and audit entries carry. */
export interface StepOutcome<Row, Status extends string, Notice> {
  /** Columns of the case row to set with the state. */
  set?: Partial<Row>;
  /** Where a step may end in more than one state (a decision: granted or closed), which one. */
  status?: Status;
  /** On the timeline and in the audit entry. */
  detail?: Record<string, unknown>;
  /** Only in the audit entry. */
  auditDetail?: Record<string, unknown>;
  /** Queued in the step's transaction: a notice exists exactly when its step was committed. */
  notices?: readonly Notice[];
}

/** A step's effect: what the step changes, given the locked case (see `CaseKernel.step`). */
export type StepEffect<Ctx, Row, Status extends string, Notice> = (
  scope: StepScope<Ctx, Row>,
) => Promise<StepOutcome<Row, Status, Notice> | undefined>;

/** One case type's steps, each answering the case as its reader sees it after the step. */
export type CaseStepper<Ctx, A, Row, Status extends string, Action extends string, Notice, View> = (
  ctx: Ctx & { actor: A },
  id: string,
  action: Action,
  effect?: StepEffect<Ctx, Row, Status, Notice>,
) => Promise<View>;

/**
 * Runs the steps of every case type the same way, in one transaction: lock the case row, answer
 * "not found" to whoever may not read it, check the actor holds a role that may take the step
 * (FORBIDDEN naming the permission), check the step is open from the case's state (the case
 * type's invalid-state error, with the state and the step in words), run the step's effect, set
 * the new state, then write the timeline entry, the audit entry and the notices. Any failure
 * rolls back all of it.
 *
 * Like a Medusa workflow step, an effect is a small function of what it is given; unlike one, it
 * needs no compensation: the whole step is one database transaction.
 */
export class CaseKernel<Ctx extends { actor: CaseActorBase }, Notice> {
  constructor(private readonly ports: CasePorts<Ctx, Notice>) {}

  /** Reads a case: not found for a missing case and for one the actor may not read alike. */
  async get<A extends CaseActorBase, Row extends CaseRowBase, Action extends string>(
    type: CaseType<A, Row, string, Action, string>,
    actor: A,
    id: string,
  ): Promise<CaseView<Row, Action>> {
    const row = (await this.ports.db
      .selectFrom(type.table)
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()) as Row | undefined;
    if (!row || !type.canRead(actor, row)) throw new AppError(type.errors.notFound, { id });
    return {
      row,
      timeline: await this.ports.history(this.ports.db, type.type, id),
      allowedActions: type.allowedActions(actor, row),
      rules: (await this.ports.rules?.governing(type.type, id)) ?? null,
    };
  }

  /**
   * The rules of a case (issue 13): the effective profile in force when it was opened, whatever
   * the platform runs under now; today's profile for a case opened before rules were recorded.
   * Undefined where the kernel keeps no rules: the caller's own profile applies.
   *
   * @example const rules = (await kernel.rulesOf('application', id)) ?? deps.profile;
   */
  async rulesOf(
    type: string | { type: string },
    id: string,
    executor: Executor = this.ports.db,
  ): Promise<Profile | undefined> {
    return this.ports.rules?.rulesOf(typeof type === 'string' ? type : type.type, id, executor);
  }

  /**
   * Records the rules of a case opened outside `open` (a case type whose opening is still its
   * own code), in the opening transaction. `open` does it itself.
   */
  async recordRules(
    trx: Executor,
    type: string | { type: string },
    id: string,
    at?: string,
    rules?: Profile,
  ): Promise<void> {
    await this.ports.rules?.record(trx, typeof type === 'string' ? type : type.type, id, at, rules);
  }

  async step<A extends CaseActorBase, Row extends CaseRowBase, Status extends string, Action extends string>(
    type: CaseType<A, Row, Status, Action, string>,
    ctx: Ctx & { actor: A },
    id: string,
    action: Action,
    effect?: StepEffect<Ctx, Row, Status, Notice>,
  ): Promise<Row> {
    return this.ports.db.transaction().execute(async (trx) => {
      const row = await lockRow<Row>(trx, this.ports.dialect, type.table, id);
      if (!row || !type.canRead(ctx.actor, row)) throw new AppError(type.errors.notFound, { id });
      if (!type.may(ctx.actor, action, row))
        throw CommonErrors.error('FORBIDDEN', { action: type.permissionFor(action) });
      const declared = type.actions[action];
      const from = row.status as Status;
      if (!declared.from.includes(from)) {
        const status = type.statuses[from];
        throw new AppError(type.errors.invalidState, {
          status: status?.zh ?? from,
          statusEn: status?.en ?? from,
          action: declared.label.zh,
          actionEn: declared.label.en,
        });
      }
      const now = this.ports.clock.now();
      const scope = { trx, ctx, row, now, at: now.toISOString(), today: chinaDate(now) };
      const outcome = (await effect?.(scope)) ?? {};
      const next = this.#nextStatus(type, action, outcome.status);
      const set: Record<string, unknown> = { ...outcome.set };
      if (next !== undefined) set.status = next;
      // Every step touches the case, a note as much as a decision: lists sort by the last step.
      if (type.touch) set[type.touch] = scope.at;
      if (Object.keys(set).length > 0)
        await trx.updateTable(type.table).set(set).where('id', '=', id).execute();
      await this.#record(trx, type, ctx, { id, number: row.number }, action, scope.at, outcome);
      return { ...row, ...set } as Row;
    });
  }

  /**
   * A case type's steps bound to it, each answering the case as `read` presents it after the step
   * (what every case service's step method returns to its route).
   *
   * @example readonly #step = this.#kernel.stepper(StopCase, (actor, id) => this.get(actor, id));
   */
  stepper<
    A extends CaseActorBase,
    Row extends CaseRowBase,
    Status extends string,
    Action extends string,
    View,
  >(
    type: CaseType<A, Row, Status, Action, string>,
    read: (actor: A, id: string) => Promise<View>,
  ): CaseStepper<Ctx, A, Row, Status, Action, Notice, View> {
    return async (ctx, id, action, effect) => {
      await this.step(type, ctx, id, action, effect);
      return read(ctx.actor, id);
    };
  }

  /**
   * Opens a case in one transaction: checks the opener holds a role the type's `opening` names
   * (FORBIDDEN otherwise), draws its number where the type numbers its cases, runs `prepare`
   * (checks against other cases, under the same transaction), inserts the row, records the
   * profile the case runs under (`rules`), then writes the timeline entry, the audit entry and the
   * notices.
   */
  async open<A extends CaseActorBase, Row extends CaseRowBase, Status extends string>(
    type: CaseType<A, Row, Status, string, string>,
    ctx: Ctx & { actor: A },
    row: Row,
    prepare?: (scope: StepScope<Ctx, Row>) => Promise<StepOutcome<Row, Status, Notice> | undefined>,
    options: {
      /** The rules the case keeps where not today's: those of the case it belongs to (`rulesOf`). */
      rules?: Profile | undefined;
    } = {},
  ): Promise<Row> {
    if (!type.mayOpen(ctx.actor, row))
      throw CommonErrors.error('FORBIDDEN', { action: type.openPermission() });
    return this.ports.db.transaction().execute(async (trx) => {
      const now = this.ports.clock.now();
      const scope = { trx, ctx, row, now, at: now.toISOString(), today: chinaDate(now) };
      const outcome = (await prepare?.(scope)) ?? {};
      const opened = { ...row, ...outcome.set } as Row;
      if (type.numberPrefix)
        opened.number = await nextCaseNumber(
          trx,
          type.table,
          `${type.numberPrefix}-${scope.today.slice(0, 4)}-`,
        );
      await trx.insertInto(type.table).values(opened).execute();
      // The case keeps the rules in force now, whatever the platform runs under later (issue 13).
      await this.ports.rules?.record(trx, type.type, opened.id, scope.at, options.rules);
      const action = type.opening?.action ?? 'open';
      await this.#record(trx, type, ctx, opened, action, scope.at, outcome, type.opening?.auditAction);
      return opened;
    });
  }

  /** The step's timeline entry, its audit entry and its notices, in the step's transaction. */
  async #record(
    trx: Executor,
    type: { type: string; auditPrefix: string; table: string; targetType?: string | undefined },
    ctx: Ctx,
    item: { id: string; number: string },
    action: string,
    at: string,
    outcome: {
      detail?: Record<string, unknown>;
      auditDetail?: Record<string, unknown>;
      notices?: readonly Notice[];
    },
    auditAction = `${type.auditPrefix}.${action}`,
  ): Promise<void> {
    const detail = outcome.detail ?? {};
    await this.ports.timeline(trx, {
      caseType: type.type,
      caseId: item.id,
      action,
      // The person by the name people know (孙科员), not the account's (ga.ziyuan).
      actor: actedBy(ctx.actor),
      at,
      detail,
    });
    await this.ports.audit(trx, ctx, {
      action: auditAction,
      targetType: type.targetType ?? type.table,
      targetId: item.id,
      category: 'decision',
      detail: { number: item.number, ...outcome.auditDetail, ...detail },
    });
    for (const notice of outcome.notices ?? []) await this.ports.notify(trx, notice);
  }

  #nextStatus<Status extends string, Action extends string>(
    type: CaseType<CaseActorBase, CaseRowBase, Status, Action, string>,
    action: Action,
    chosen: Status | undefined,
  ): Status | undefined {
    const to = type.actions[action].to;
    const allowed: readonly Status[] = to === undefined ? [] : typeof to === 'string' ? [to] : to;
    if (chosen === undefined) {
      if (allowed.length > 1) throw new Error(`case ${type.type}: step ${action} must choose its state`);
      return allowed[0];
    }
    if (!allowed.includes(chosen))
      throw new Error(`case ${type.type}: step ${action} may not end in state ${chosen}`);
    return chosen;
  }
}
