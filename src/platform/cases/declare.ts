import type { ErrorCode } from '../errors/index.js';

/**
 * A case type as a declaration: its states, who may act on it, and its actions (from which
 * states, by whom, to which state). The kernel (`kernel.ts`) runs every step of every case type
 * the same way; a case type only adds what its steps change in its own domain.
 *
 * The shape is a state chart in the manner of XState's transition tables (`from` states, an
 * event, a `to` state, a guard) with the guard split into named roles, because in this domain
 * the guard is nearly always "who is this actor to the case" (the consumer, the provider, the
 * competent authority over both).
 */

/** A text in both languages of the portal: zh-CN first, en second. */
export interface Label {
  zh: string;
  en: string;
}

/**
 * A module's record that breaks an obligation (a reply overdue, data stale…), as a case is opened
 * from it elsewhere (supervision's violations, issue 17): the department in breach, the record's
 * number and subject, the date it fell due and when the breach was recorded.
 */
export interface Breach {
  id: string;
  departmentId: string;
  reference: string;
  subject: string;
  dueDate: string | null;
  at: string;
}

/** What every case row has; the rest is the case type's own. */
export interface CaseRowBase {
  id: string;
  number: string;
  status: string;
}

/** Who a request is from, as the kernel needs it: the timeline names them. */
export interface CaseActorBase {
  id: string;
  name: string;
  /** The person's display name, which the timeline shows where there is one. */
  displayName?: string | undefined;
}

/**
 * A role an actor can hold in a case: a predicate over the actor and the case, and the
 * permission the actor lacks when they do not hold it (named in the FORBIDDEN error).
 */
export interface CaseRole<A, Row> {
  permission: string;
  holds(actor: A, row: Row): boolean;
}

export interface CaseAction<Status extends string, RoleName extends string> {
  /** The role, or any of the roles, whose holder may take the step. */
  by: RoleName | readonly RoleName[];
  /** The states the step may be taken from. */
  from: readonly Status[];
  /**
   * The state the case is in after the step; several where the step decides between them (the
   * effect then names one); left out, the step leaves the state (a note, minutes).
   */
  to?: Status | readonly Status[];
  /** The verb, as the invalid-state error and the portal's buttons say it. */
  label: Label;
}

/** The state of a case its opener took back, as every case type names it. */
export const WITHDRAWN: Label = { zh: '已撤回', en: 'withdrawn' };

/**
 * The step by which the party that opened a case takes it back, from the states in which it may:
 * the same verb and end state in every case type.
 *
 * @example actions: { withdraw: withdrawal('consumer', ['pending']) }
 */
export function withdrawal<Status extends string, RoleName extends string>(
  by: RoleName,
  from: readonly Status[],
): CaseAction<Status | 'withdrawn', RoleName> {
  return { by, from, to: 'withdrawn', label: { zh: '撤回', en: 'withdrawn' } };
}

/** A statutory period of a case type (see `CaseDeclaration.deadlines`). */
export interface CaseDeadline<Status extends string> {
  label: Label;
  /** Paths into the profile (`deadlines.replyConditional`); several where the case's facts choose one. */
  profileFields: readonly string[];
  runsIn: readonly Status[];
}

export interface CaseDeclaration<
  A extends CaseActorBase,
  Row extends CaseRowBase,
  Status extends string,
  Action extends string,
  RoleName extends string,
> {
  /** The case type's name on the timeline (`sharing_event.case_type`) and in audit actions. */
  type: string;
  /** Audit actions are `<auditPrefix>.<action>` (e.g. `sharing.stop.approve`). */
  auditPrefix: string;
  /** The case table, its id column `id` and its state column `status`. */
  table: string;
  /** The column stamped with the step's time, where the table has one. */
  touch?: string;
  /** The audit entry's target type; defaults to the table. */
  targetType?: string;
  errors: {
    /** A case that does not exist or that the actor may not read: the same answer for both. */
    notFound: ErrorCode;
    /** The step is not open from the case's state. Params: status, statusEn, action, actionEn. */
    invalidState: ErrorCode;
  };
  /** Case numbers `<prefix>-<year>-000001`, drawn from the table's counter when a case is opened. */
  numberPrefix?: string;
  /**
   * Opening a case: its timeline action, who may open one (checked against the new row), and
   * the audit action where it is not `<auditPrefix>.<action>` (an application's is `sharing.apply`).
   */
  opening?: { action: string; by: RoleName | readonly RoleName[]; label: Label; auditAction?: string };
  statuses: Record<Status, Label>;
  /**
   * The statutory periods the case runs against: what each is called, the profile fields that set
   * it (the effective profile gives the number and the article, local or national), and the states
   * in which its countdown runs. In every other state the case shows its due date without a
   * countdown (a decided case has none). The case's own answer carries the computed `deadline`.
   */
  deadlines?: readonly CaseDeadline<Status>[];
  roles: Record<RoleName, CaseRole<A, Row>>;
  actions: Record<Action, CaseAction<Status, RoleName>>;
  /** Whether the actor may see the case at all. */
  canRead(actor: A, row: Row): boolean;
}

/** A declared case type, with the answers every page and route needs from it. */
export interface CaseType<
  A extends CaseActorBase,
  Row extends CaseRowBase,
  Status extends string,
  Action extends string,
  RoleName extends string,
> extends CaseDeclaration<A, Row, Status, Action, RoleName> {
  /** Whether the actor holds a role that may take the step (state aside). */
  may(actor: A, action: Action, row: Row): boolean;
  /** The steps the actor may take now: state and role both allow. */
  allowedActions(actor: A, row: Row): Action[];
  /** Whether the actor may open this case (its row as it will be inserted). */
  mayOpen(actor: A, row: Row): boolean;
  /** The permission named when the actor may not open the case. */
  openPermission(): string;
  /** The permission named when the actor may not take the step. */
  permissionFor(action: Action): string;
}

const rolesOf = <RoleName extends string>(by: RoleName | readonly RoleName[]): readonly RoleName[] =>
  typeof by === 'string' ? [by as RoleName] : (by as readonly RoleName[]);

/**
 * Declares a case type. Checks the declaration once, when the module loads: every action's
 * roles and states must be declared, so a misspelt state fails at start, not at the first step.
 *
 * @example
 * const Stop = defineCase({
 *   type: 'stop', auditPrefix: 'sharing.stop', table: 'sharing_stop', touch: 'updated_at',
 *   errors: { notFound: 'STOP_NOT_FOUND', invalidState: 'STOP_INVALID_STATE' },
 *   statuses: { filed: { zh: '已备案', en: 'filed' }, withdrawn: { zh: '已撤回', en: 'withdrawn' } },
 *   roles: { provider: { permission: 'sharing.stop.file', holds: (actor, row) => … } },
 *   actions: { withdraw: { by: 'provider', from: ['filed'], to: 'withdrawn', label: { zh: '撤回', en: 'withdrawn' } } },
 *   canRead: (actor, row) => …,
 * });
 */
export function defineCase<
  A extends CaseActorBase,
  Row extends CaseRowBase,
  const Status extends string,
  const Action extends string,
  const RoleName extends string,
>(
  declaration: CaseDeclaration<A, Row, Status, Action, RoleName>,
): CaseType<A, Row, Status, Action, RoleName> {
  for (const [name, action] of Object.entries(declaration.actions) as [
    string,
    CaseAction<Status, RoleName>,
  ][]) {
    for (const role of rolesOf(action.by))
      if (!(role in declaration.roles))
        throw new Error(`case ${declaration.type}: action ${name} names undeclared role ${role}`);
    const to = action.to === undefined ? [] : typeof action.to === 'string' ? [action.to] : action.to;
    for (const state of [...action.from, ...to])
      if (!(state in declaration.statuses))
        throw new Error(`case ${declaration.type}: action ${name} names undeclared state ${state}`);
  }
  for (const deadline of declaration.deadlines ?? [])
    for (const state of deadline.runsIn)
      if (!(state in declaration.statuses))
        throw new Error(
          `case ${declaration.type}: deadline ${deadline.label.en} names undeclared state ${state}`,
        );
  for (const role of declaration.opening ? rolesOf(declaration.opening.by) : [])
    if (!(role in declaration.roles))
      throw new Error(`case ${declaration.type}: opening names undeclared role ${role}`);
  const may = (actor: A, action: Action, row: Row): boolean =>
    rolesOf(declaration.actions[action].by).some((role) => declaration.roles[role].holds(actor, row));
  return {
    ...declaration,
    may,
    allowedActions: (actor, row) =>
      (Object.keys(declaration.actions) as Action[]).filter(
        (action) =>
          declaration.actions[action].from.includes(row.status as Status) && may(actor, action, row),
      ),
    mayOpen: (actor, row) =>
      !declaration.opening ||
      rolesOf(declaration.opening.by).some((role) => declaration.roles[role].holds(actor, row)),
    openPermission: () => {
      const first = declaration.opening ? rolesOf(declaration.opening.by)[0] : undefined;
      return first ? declaration.roles[first].permission : '';
    },
    permissionFor: (action) => {
      const first = rolesOf(declaration.actions[action].by)[0] as RoleName;
      return declaration.roles[first].permission;
    },
  };
}
