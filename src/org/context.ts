import type { AuditContext } from '../audit/index.js';
import type { Actor } from './actor.js';

/** What a service call needs to know about the request: who, and what to stamp on the trace. */
export interface RequestContext extends AuditContext {
  actor: Actor;
}
