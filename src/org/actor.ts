import type { Actor } from '../platform/context/index.js';
import type { Role } from './roles.js';

export type { Actor } from '../platform/context/index.js';

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}
