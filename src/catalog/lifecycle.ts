import { isAllowed } from '../org/index.js';
import type { Actor } from '../platform/context/index.js';
import { CommonErrors, type LocalizedParam } from '../platform/errors/index.js';
import { CatalogErrors } from './errors.js';
import { CatalogActions } from './policies.js';
import type { EntryAction, EntryRow } from './store.js';

/**
 * An entry's life (R01, R21, R11): draft → submitted → ratified (核定) | returned → published.
 * Once published, the entry's `status` stays `published` (what consumers see) while a revision
 * runs through the same steps in `current_status`; a revision that reduces sharing, and a
 * withdrawal, wait for the authority's approval as a reduction.
 */
export interface LifecycleState {
  status: EntryRow['status'];
  currentStatus: string;
  /** Whether the submitted version reduces what is shared (approve/reject instead of ratify/return). */
  reduces: boolean;
  /** Who submitted the version under review: the authority may not review its own submission. */
  submittedBy: string | undefined;
}

const EDITABLE = ['draft', 'returned'];
/** A published entry with no revision under way: editing opens one, withdrawal may be requested. */
const SETTLED = ['published', 'rejected'];

/** Each action in the words of CATALOG_INVALID_STATE's message, in both languages. */
const ACTION_LABELS: Record<EntryAction, LocalizedParam> = {
  edit: { zh: '修改', en: 'edit' },
  submit: { zh: '提交', en: 'submit' },
  ratify: { zh: '核定', en: 'ratify' },
  return: { zh: '退回', en: 'return' },
  publish: { zh: '发布', en: 'publish' },
  withdraw: { zh: '撤销', en: 'withdraw' },
  approveReduction: { zh: '同意减少共享', en: 'approve the reduction' },
  rejectReduction: { zh: '驳回减少共享', en: 'reject the reduction' },
};

function stateAllows(action: EntryAction, state: LifecycleState): boolean {
  const { status, currentStatus, reduces } = state;
  const openOrSettled =
    EDITABLE.includes(currentStatus) || (status === 'published' && SETTLED.includes(currentStatus));
  switch (action) {
    case 'edit':
      return openOrSettled;
    case 'submit':
      return EDITABLE.includes(currentStatus);
    case 'ratify':
    case 'return':
      return currentStatus === 'submitted' && !reduces;
    case 'approveReduction':
    case 'rejectReduction':
      return currentStatus === 'submitted' && reduces;
    case 'publish':
      return currentStatus === 'ratified';
    case 'withdraw':
      return status === 'published' && SETTLED.includes(currentStatus);
  }
}

const REVIEW_ACTIONS: EntryAction[] = ['ratify', 'return', 'approveReduction', 'rejectReduction'];

function permits(actor: Actor, action: EntryAction, row: EntryRow): boolean {
  const target = { departmentId: row.provider_department_id, jurisdictionPath: row.jurisdiction_path };
  const policy = REVIEW_ACTIONS.includes(action)
    ? CatalogActions['catalog.ratify']
    : CatalogActions['catalog.manage'];
  return isAllowed(actor, policy, target);
}

/** What the actor may do with the entry now: the `allowedActions` of EntryDetail. */
export function allowedActions(actor: Actor, row: EntryRow, state: LifecycleState): EntryAction[] {
  return (Object.keys(ACTION_LABELS) as EntryAction[]).filter(
    (action) =>
      permits(actor, action, row) &&
      stateAllows(action, state) &&
      !(REVIEW_ACTIONS.includes(action) && state.submittedBy === actor.id),
  );
}

/**
 * Checks, in this order, that the actor may take the action at all (FORBIDDEN), that the entry's
 * state allows it (CATALOG_INVALID_STATE), and that a reviewer is not reviewing its own
 * submission (CATALOG_SELF_REVIEW).
 */
export function requireAction(actor: Actor, action: EntryAction, row: EntryRow, state: LifecycleState): void {
  if (!permits(actor, action, row))
    throw CommonErrors.error('FORBIDDEN', {
      action: REVIEW_ACTIONS.includes(action)
        ? CatalogActions['catalog.ratify']
        : CatalogActions['catalog.manage'],
    });
  if (!stateAllows(action, state))
    throw CatalogErrors.error('CATALOG_INVALID_STATE', {
      status: state.currentStatus,
      action: ACTION_LABELS[action],
    });
  if (REVIEW_ACTIONS.includes(action) && state.submittedBy === actor.id)
    throw CatalogErrors.error('CATALOG_SELF_REVIEW');
}
