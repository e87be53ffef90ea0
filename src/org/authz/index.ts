import type { Actor } from '../../platform/context/index.js';
import { CommonErrors } from '../../platform/errors/index.js';
import type { Role } from '../roles.js';

/**
 * How far a role's permission for an action reaches:
 * - all: the whole instance
 * - jurisdiction: targets inside the actor's jurisdiction subtree
 * - department: targets of the actor's own department
 * - self: the actor's own account
 */
export type Reach = 'all' | 'jurisdiction' | 'department' | 'self';

/** What a target is, as far as authorization needs to know. */
export interface Target {
  departmentId?: string;
  jurisdictionPath?: string;
  userId?: string;
}

/** A filter for list queries: lists never show what their reader may not see. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'within'; jurisdictionPaths: string[]; departmentIds: string[]; userIds: string[] };

export type Policy = Partial<Record<Role, Reach>>;

/** Every role, everywhere: what anyone signed in may read. */
export const EVERY_ROLE = {
  operator: 'all',
  security_admin: 'all',
  auditor: 'all',
  authority: 'all',
  resource_admin: 'all',
  dept_user: 'all',
} as const satisfies Policy;

const policies = new Map<string, Policy>();

/** Modules declare their actions and who may do them here; the decision point reads nothing else. */
export function definePolicies<const T extends Record<string, Policy>>(defs: T): { [K in keyof T]: K } {
  const names = {} as { [K in keyof T]: K };
  for (const [action, policy] of Object.entries(defs)) {
    if (policies.has(action)) throw new Error(`action ${action} defined twice`);
    policies.set(action, policy);
    (names as Record<string, string>)[action] = action;
  }
  return names;
}

export function knownActions(): string[] {
  return [...policies.keys()].sort();
}

export function policyOf(action: string): Policy {
  const policy = policies.get(action);
  if (!policy) throw new Error(`unknown action ${action}`);
  return policy;
}

/** The reaches an actor has for an action, one per role that grants it. */
function reaches(actor: Actor, action: string): Reach[] {
  const policy = policyOf(action);
  return actor.roles.map((role) => policy[role]).filter((r): r is Reach => r !== undefined);
}

/** Answers allow or deny for one action on one target. */
export function isAllowed(actor: Actor, action: string, target: Target = {}): boolean {
  return reaches(actor, action).some((reach) => {
    switch (reach) {
      case 'all':
        return true;
      case 'jurisdiction':
        return target.jurisdictionPath?.startsWith(actor.jurisdictionPath);
      case 'department':
        return target.departmentId !== undefined && target.departmentId === actor.departmentId;
      case 'self':
        return actor.kind === 'user' && target.userId === actor.id;
    }
    return false;
  });
}

/** Throws FORBIDDEN unless allowed. */
export function authorize(actor: Actor, action: string, target: Target = {}): void {
  if (!isAllowed(actor, action, target)) throw CommonErrors.error('FORBIDDEN', { action });
}

/** The filter a list query applies for this actor and action. */
export function scopeOf(actor: Actor, action: string): Scope {
  const all = reaches(actor, action);
  if (all.includes('all')) return { kind: 'all' };
  if (all.length === 0) return { kind: 'none' };
  const scope: Scope = { kind: 'within', jurisdictionPaths: [], departmentIds: [], userIds: [] };
  for (const reach of all) {
    if (reach === 'jurisdiction') scope.jurisdictionPaths.push(actor.jurisdictionPath);
    if (reach === 'department') scope.departmentIds.push(actor.departmentId);
    if (reach === 'self' && actor.kind === 'user') scope.userIds.push(actor.id);
  }
  return scope;
}
