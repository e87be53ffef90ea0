import type { Kysely } from 'kysely';
import { userEmail } from '../../org/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Executor } from '../../platform/db/index.js';
import { newId } from '../../platform/db/index.js';
import type { NoticeInput, NoticeOutbox } from '../notices.js';
import type { ChannelKind, DeliveryTables, NoticeChannelTable } from './schema.js';

export const deliveryTables = (executor: Executor): Kysely<DeliveryTables> =>
  executor as unknown as Kysely<DeliveryTables>;

/**
 * Queues each notice for its recipients' e-mail and webhook channels in the transaction that
 * sends it, so that a delivery exists exactly when the step it tells of was committed; the
 * worker sends them after commit. A notice to a user goes to the user's own e-mail address; to
 * a department, to its channels (those without a role, or for the role addressed); to a role
 * over a jurisdiction, to the channels for that role of departments whose jurisdiction covers it.
 */
export class DeliveryOutbox implements NoticeOutbox {
  constructor(private readonly deps: { clock: Clock; emailEnabled: boolean }) {}

  async enqueue(trx: Executor, notice: NoticeInput & { id: string }): Promise<void> {
    const targets = await this.#targets(trx, notice.to);
    if (targets.length === 0) return;
    const now = this.deps.clock.now();
    const at = now.toISOString();
    await deliveryTables(trx)
      .insertInto('notice_delivery')
      .values(
        targets.map((t) => ({
          id: newId(now),
          notice_id: notice.id,
          channel_id: t.channelId,
          kind: t.kind,
          target: t.target,
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: at,
          last_error: null,
          last_status_code: null,
          delivered_at: null,
          created_at: at,
        })),
      )
      .execute();
  }

  async #targets(
    trx: Executor,
    to: NoticeInput['to'],
  ): Promise<{ channelId: string | null; kind: ChannelKind; target: string }[]> {
    const db = deliveryTables(trx);
    let channels: NoticeChannelTable[] = [];
    if ('userId' in to) {
      if (!this.deps.emailEnabled) return [];
      const email = await userEmail(trx, to.userId);
      return email ? [{ channelId: null, kind: 'email', target: email }] : [];
    }
    if ('departmentId' in to) {
      const rows = await db
        .selectFrom('notice_channel')
        .selectAll()
        .where('department_id', '=', to.departmentId)
        .execute();
      channels = rows.filter((c) => c.role === null || c.role === to.role);
    } else {
      const rows = await db.selectFrom('notice_channel').selectAll().where('role', '=', to.role).execute();
      channels = rows.filter((c) => to.jurisdictionPath.startsWith(c.department_jurisdiction_path));
    }
    return channels
      .filter((c) => c.kind === 'webhook' || this.deps.emailEnabled)
      .map((c) => ({ channelId: c.id, kind: c.kind, target: c.target }));
  }
}
