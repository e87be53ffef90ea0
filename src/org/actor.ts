import type { Role } from './roles.js';

/** Who is making a request: a signed-in person or a department system (API client). */
export interface Actor {
  kind: 'user' | 'client';
  /** user id, or API client id */
  id: string;
  /** username, or the client's public client_id */
  name: string;
  departmentId: string;
  /** Path of the department's jurisdiction in the tree, e.g. `/440000/440100/`. */
  jurisdictionPath: string;
  roles: readonly Role[];
  sessionId?: string;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}
