import type { Kysely } from 'kysely';
import type { Actor } from '../org/actor.js';
import type { Clock } from '../platform/clock/index.js';
import { newId } from '../platform/db/ids.js';
import type { Executor } from '../platform/db/index.js';
import type { AuditOutcome, AuditTables } from './schema.js';

export { auditMigrations } from './migrations.js';
export type { AuditTables } from './schema.js';

/** Where a request came from; every entry written for it carries this. */
export interface AuditContext {
  actor?: Pick<Actor, 'kind' | 'id' | 'name' | 'departmentId'> | undefined;
  requestId?: string | undefined;
  clientIp?: string | undefined;
}

export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string;
  outcome?: AuditOutcome;
  detail?: Record<string, unknown>;
  /** Overrides the context's actor, e.g. for a failed login naming the account tried. */
  actor?: AuditContext['actor'];
}

/**
 * The append interface of the platform's trace. Callers pass the transaction that carries the
 * effect, so the entry commits with it or not at all (the audit issue adds the hash chain and
 * signed checkpoints behind this same interface).
 */
export class AuditTrail {
  constructor(private readonly clock: Clock) {}

  async record(executor: Executor, context: AuditContext, event: AuditEvent): Promise<void> {
    const db = executor as unknown as Kysely<AuditTables>;
    const actor = event.actor ?? context.actor;
    const now = this.clock.now();
    await db
      .insertInto('audit_entry')
      .values({
        id: newId(now),
        at: now.toISOString(),
        actor_kind: actor?.kind ?? 'system',
        actor_id: actor?.id ?? null,
        actor_name: actor?.name ?? null,
        department_id: actor?.departmentId ?? null,
        action: event.action,
        target_type: event.targetType ?? null,
        target_id: event.targetId ?? null,
        outcome: event.outcome ?? 'success',
        detail: JSON.stringify(event.detail ?? {}),
        request_id: context.requestId ?? null,
        client_ip: context.clientIp ?? null,
      })
      .execute();
  }
}
