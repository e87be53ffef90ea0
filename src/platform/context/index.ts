import type { Executor } from '../db/index.js';

/**
 * Who acts and what every trace entry is stamped with. These types sit in the kernel so that org
 * (which signs people in) and audit (which records what they do) both speak them without
 * importing each other; audit's trail is the one `AuditRecorder`.
 */

/**
 * Roles. The first three are the level-3 protection scheme's separated administrators (三员分立):
 * system administration, security administration and audit are held by different accounts.
 */
export const ROLES = [
  'operator',
  'security_admin',
  'auditor',
  'authority',
  'resource_admin',
  'dept_user',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is making a request: a signed-in person or a department system (API client). */
export interface Actor {
  kind: 'user' | 'client';
  /** user id, or API client id */
  id: string;
  /** username, or the client's public client_id: the account, as the audit trail names it */
  name: string;
  /**
   * The person's display name (孙科员) where the account has one: what timelines and case records
   * show people. Absent for API clients and the platform's own work; `actedBy` falls back to `name`.
   */
  displayName?: string | undefined;
  departmentId: string;
  /** Path of the department's jurisdiction in the tree, e.g. `/440000/440100/`. */
  jurisdictionPath: string;
  roles: readonly Role[];
  sessionId?: string;
}

/**
 * Who took a step, as a case's timeline and its records name them for people to read: the
 * person's display name, the account's name where there is none.
 *
 * @example recordEvent(trx, { ..., actor: actedBy(ctx.actor) }) // { id, name: '孙科员' }
 */
export function actedBy<Id extends string | null>(actor: {
  id: Id;
  name: string;
  displayName?: string | undefined;
}): { id: Id; name: string } {
  return { id: actor.id, name: actor.displayName || actor.name };
}

/** Where a request came from; every entry written for it carries this. */
export interface AuditContext {
  actor?: Pick<Actor, 'kind' | 'id' | 'name' | 'departmentId'> | undefined;
  requestId?: string | undefined;
  clientIp?: string | undefined;
}

/** What a service call needs to know about the request: who, and what to stamp on the trace. */
export interface RequestContext extends AuditContext {
  actor: Actor;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** access: a read of shared data; decision: a ratification, grant, application answer…; auth; admin. */
export type AuditCategory = 'access' | 'decision' | 'auth' | 'admin';

/** How shared data was obtained (共享方式 in use). */
export type AccessMethod = 'query' | 'download' | 'interface' | 'subscription';

export type RecordKeyKind = 'resident_id' | 'social_credit_code' | 'organization_code' | 'other';

/** What was read, why and how: the content of an access entry (R85). */
export interface AccessDetail {
  resourceId: string;
  items?: string[];
  method: AccessMethod;
  purpose: string;
  caseNumber?: string;
  grantId?: string;
  resultCount?: number;
  /** HTTP-like status of the access; 403 makes the outcome `denied`, other ≥ 400 `failure`. */
  status?: number;
  /** Keys of the records read; resident IDs are stored only as keyed digests. */
  recordKeys?: Array<{ kind: RecordKeyKind; value: string }>;
}

export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string;
  outcome?: AuditOutcome;
  detail?: Record<string, unknown>;
  /** Overrides the context's actor, e.g. for a failed login naming the account tried. */
  actor?: AuditContext['actor'];
  /** Defaults: `access` with an access detail, `auth` for `auth.*`, `decision` for decision verbs, else `admin`. */
  category?: AuditCategory;
  access?: AccessDetail;
}

/** Writes one entry in the caller's transaction: the entry commits with the effect or not at all. */
export interface AuditRecorder {
  record(executor: Executor, context: AuditContext, event: AuditEvent): Promise<void>;
}
