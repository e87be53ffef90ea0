import type { AuditTrail } from '../../audit/index.js';
import type { ProviderLookup } from '../../catalog/index.js';
import type { Role } from '../../org/index.js';
import { authorize, OrgErrors } from '../../org/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Actor, RequestContext } from '../../platform/context/index.js';
import { randomSecret, type SecretBox } from '../../platform/crypto/index.js';
import { newId } from '../../platform/db/index.js';
import type { AddressGuard } from '../../platform/net/index.js';
import type { SharingDb } from '../db.js';

import { SharingActions } from '../policies.js';
import { DeliveryErrors } from './errors.js';
import { deliveryTables } from './outbox.js';
import type {
  ChannelKind,
  DeliveryStatus,
  NoticeChannelTable,
  NoticeDeliveryTable,
  SignatureAlgorithm,
} from './schema.js';

export interface Channel {
  id: string;
  departmentId: string;
  role: Role | null;
  kind: ChannelKind;
  target: string;
  algorithm: SignatureAlgorithm | null;
  createdAt: string;
}

export interface Delivery {
  id: string;
  noticeId: string;
  kind: ChannelKind;
  target: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  lastStatusCode: number | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface NewChannel {
  departmentId?: string | undefined;
  role?: Role | undefined;
  kind: ChannelKind;
  target: string;
  algorithm?: SignatureAlgorithm | undefined;
  secret?: string | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A department's notice channels (e-mail addresses and webhooks), managed by its resource
 * administrators (or its authority users, for the authority's own department) and the operator.
 * A webhook's secret is sealed at rest and shown once, when the channel is created.
 */
export class ChannelService {
  constructor(
    private readonly deps: {
      db: SharingDb;
      audit: AuditTrail;
      clock: Clock;
      box: SecretBox;
      departments: ProviderLookup;
      emailEnabled: boolean;
      guard: AddressGuard;
    },
  ) {}

  async #department(actor: Actor, departmentId: string) {
    const department = await this.deps.departments(this.deps.db, departmentId);
    if (!department) throw OrgErrors.error('ORG_DEPARTMENT_NOT_FOUND', { id: departmentId });
    authorize(actor, SharingActions['sharing.channel.manage'], {
      departmentId: department.id,
      jurisdictionPath: department.jurisdictionPath,
    });
    return department;
  }

  async add(ctx: RequestContext, input: NewChannel): Promise<{ channel: Channel; secret: string | null }> {
    const department = await this.#department(ctx.actor, input.departmentId ?? ctx.actor.departmentId);
    const target = input.target.trim();
    if (input.kind === 'email') {
      if (!this.deps.emailEnabled) throw DeliveryErrors.error('CHANNEL_EMAIL_DISABLED');
      if (!EMAIL.test(target))
        throw DeliveryErrors.error('CHANNEL_TARGET_INVALID', {
          field: 'target',
          reason: { zh: '邮箱地址', en: 'e-mail address' },
        });
    } else {
      let url: URL | undefined;
      try {
        url = new URL(target);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
        throw DeliveryErrors.error('CHANNEL_TARGET_INVALID', { field: 'target', reason: 'http(s) URL' });
      // Loopback, private and reserved addresses are refused unless the operator allowed the
      // network (SSRF); every delivery checks again on the address it connects to.
      const refused = await this.deps.guard.refusedAddresses(url);
      if (refused.length > 0)
        throw DeliveryErrors.error('CHANNEL_TARGET_INVALID', {
          field: 'target',
          reason: {
            zh: `地址指向本机、内网或保留地址：${refused.join(', ')}`,
            en: `the address is not public: ${refused.join(', ')}`,
          },
        });
    }
    const secret = input.kind === 'webhook' ? (input.secret ?? randomSecret(32)) : null;
    const now = this.deps.clock.now();
    const row: NoticeChannelTable = {
      id: newId(now),
      department_id: department.id,
      department_jurisdiction_path: department.jurisdictionPath,
      role: input.role ?? null,
      kind: input.kind,
      target,
      secret: secret === null ? null : this.deps.box.seal(secret),
      algorithm: input.kind === 'webhook' ? (input.algorithm ?? 'hmac-sm3') : null,
      created_at: now.toISOString(),
      created_by: ctx.actor.id,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      await deliveryTables(trx).insertInto('notice_channel').values(row).execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'sharing.channel.add',
        targetType: 'notice_channel',
        targetId: row.id,
        detail: {
          departmentId: department.id,
          kind: row.kind,
          target,
          role: row.role,
          algorithm: row.algorithm,
        },
      });
    });
    return { channel: toChannel(row), secret };
  }

  async list(actor: Actor, departmentId = actor.departmentId): Promise<Channel[]> {
    await this.#department(actor, departmentId);
    const rows = await this.deps.db
      .selectFrom('notice_channel')
      .selectAll()
      .where('department_id', '=', departmentId)
      .orderBy('created_at')
      .execute();
    return rows.map(toChannel);
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    const row = await this.#row(ctx.actor, id);
    await this.deps.db.transaction().execute(async (trx) => {
      await deliveryTables(trx).deleteFrom('notice_channel').where('id', '=', id).execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'sharing.channel.remove',
        targetType: 'notice_channel',
        targetId: id,
        detail: { departmentId: row.department_id, kind: row.kind, target: row.target },
      });
    });
  }

  /** A channel's latest deliveries with their status, newest first. */
  async deliveries(actor: Actor, id: string, limit = 50): Promise<Delivery[]> {
    await this.#row(actor, id);
    const rows = await this.deps.db
      .selectFrom('notice_delivery')
      .selectAll()
      .where('channel_id', '=', id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toDelivery);
  }

  async #row(actor: Actor, id: string): Promise<NoticeChannelTable> {
    const row = await this.deps.db
      .selectFrom('notice_channel')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw DeliveryErrors.error('CHANNEL_NOT_FOUND', { id });
    try {
      authorize(actor, SharingActions['sharing.channel.manage'], {
        departmentId: row.department_id,
        jurisdictionPath: row.department_jurisdiction_path,
      });
    } catch {
      // Another department's channel does not exist for the reader.
      throw DeliveryErrors.error('CHANNEL_NOT_FOUND', { id });
    }
    return row;
  }
}

function toChannel(row: NoticeChannelTable): Channel {
  return {
    id: row.id,
    departmentId: row.department_id,
    role: row.role,
    kind: row.kind,
    target: row.target,
    algorithm: row.algorithm,
    createdAt: row.created_at,
  };
}

export function toDelivery(row: NoticeDeliveryTable): Delivery {
  return {
    id: row.id,
    noticeId: row.notice_id,
    kind: row.kind,
    target: row.target,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastError: row.last_error,
    lastStatusCode: row.last_status_code,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}
