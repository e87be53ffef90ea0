import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Role } from '../org/index.js';
import { authorize } from '../org/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { Actor, RequestContext } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import { escapeLike, newId } from '../platform/db/index.js';
import type { Label } from '../platform/messages/index.js';
import type { SharingDb } from './db.js';
import { SharingErrors } from './errors.js';
import { SharingActions } from './policies.js';
import type { NoticeTable, SharingTables } from './schema.js';
import { newestPage, tables } from './store.js';

/**
 * Who a notice is for: one user; a department (optionally only the holders of a role there, e.g.
 * its resource administrators); or the holders of a role whose jurisdiction covers a path (the
 * competent authority over a provider).
 */
export type Recipient =
  | { userId: string }
  | { departmentId: string; role?: Role }
  | { role: Role; jurisdictionPath: string };

export interface NoticeInput {
  to: Recipient;
  kind: string;
  /** Title and body in both languages, from the module's notice catalogue (`SharingNotices`). */
  title: Label;
  body: Label;
  link?: string;
  case?: { type: string; id: string };
}

/** Queues a notice for e-mail and webhook delivery in the sending transaction (`delivery/`). */
export interface NoticeOutbox {
  enqueue(trx: Executor, notice: NoticeInput & { id: string }): Promise<void>;
}

export interface Notice {
  id: string;
  kind: string;
  title: Label;
  body: Label;
  link: string | null;
  case: { type: string; id: string } | null;
  readAt: string | null;
  createdAt: string;
}

/**
 * The in-app inbox. `send` joins the caller's transaction, so that a notice exists exactly when
 * the step it tells of was committed. A notice to a department or a role is read once for all
 * its recipients: whoever opens it first marks it read. E-mail and webhook delivery (next part
 * of issue 5) will read the same rows.
 */
export class NoticeService {
  constructor(private readonly deps: { db: SharingDb; clock: Clock; outbox?: NoticeOutbox }) {}

  async send(trx: Executor, input: NoticeInput): Promise<string> {
    const id = newId(this.deps.clock.now());
    const to = input.to;
    await tables(trx)
      .insertInto('notice')
      .values({
        id,
        recipient_user_id: 'userId' in to ? to.userId : null,
        recipient_department_id: 'departmentId' in to ? to.departmentId : null,
        recipient_role: 'role' in to ? (to.role ?? null) : null,
        recipient_jurisdiction_path: 'jurisdictionPath' in to ? to.jurisdictionPath : null,
        kind: input.kind,
        title_zh: input.title.zh,
        title_en: input.title.en,
        body: input.body.zh,
        body_en: input.body.en,
        link: input.link ?? null,
        case_type: input.case?.type ?? null,
        case_id: input.case?.id ?? null,
        read_at: null,
        read_by: null,
        created_at: this.deps.clock.now().toISOString(),
      })
      .execute();
    await this.deps.outbox?.enqueue(trx, { ...input, id });
    return id;
  }

  /** The actor's notices, newest first: its own, its department's, and its roles' over its jurisdiction. */
  async list(
    actor: Actor,
    filter: { unread?: boolean | undefined; page: number; pageSize: number },
  ): Promise<{ items: Notice[]; total: number; unread: number }> {
    authorize(actor, SharingActions['sharing.notice.read'], { userId: actor.id });
    let query = this.deps.db.selectFrom('notice').where((eb) => mine(eb, actor));
    const unread = await query
      .where('read_at', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (filter.unread) query = query.where('read_at', 'is', null);
    const { rows, total } = await newestPage(query, filter);
    return { items: rows.map(toNotice), total, unread: Number(unread.n) };
  }

  async unreadCount(actor: Actor): Promise<number> {
    authorize(actor, SharingActions['sharing.notice.read'], { userId: actor.id });
    const row = await this.deps.db
      .selectFrom('notice')
      .where((eb) => mine(eb, actor))
      .where('read_at', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks a notice read; a notice the actor does not receive does not exist for it. */
  async markRead(ctx: RequestContext, id: string): Promise<Notice> {
    const { actor } = ctx;
    authorize(actor, SharingActions['sharing.notice.read'], { userId: actor.id });
    const db = this.deps.db;
    const row = await db
      .selectFrom('notice')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => mine(eb, actor))
      .executeTakeFirst();
    if (!row) throw SharingErrors.error('NOTICE_NOT_FOUND', { id });
    if (row.read_at === null) {
      const at = this.deps.clock.now().toISOString();
      await db
        .updateTable('notice')
        .set({ read_at: at, read_by: actor.id })
        .where('id', '=', id)
        .where('read_at', 'is', null)
        .execute();
      return toNotice({ ...row, read_at: at, read_by: actor.id });
    }
    return toNotice(row);
  }
}

function mine(eb: ExpressionBuilder<SharingTables, 'notice'>, actor: Actor): Expression<SqlBool> {
  const roles = actor.roles.length > 0 ? [...actor.roles] : ['-'];
  const terms: Expression<SqlBool>[] = [
    eb('recipient_user_id', '=', actor.id),
    eb.and([
      eb('recipient_department_id', '=', actor.departmentId),
      eb.or([eb('recipient_role', 'is', null), eb('recipient_role', 'in', roles)]),
    ]),
    eb.and([
      eb('recipient_jurisdiction_path', 'is not', null),
      eb('recipient_role', 'in', roles),
      sql<SqlBool>`recipient_jurisdiction_path like ${`${escapeLike(actor.jurisdictionPath)}%`} escape '\\'`,
    ]),
  ];
  return eb.or(terms);
}

function toNotice(row: NoticeTable): Notice {
  return {
    id: row.id,
    kind: row.kind,
    title: { zh: row.title_zh, en: row.title_en },
    body: { zh: row.body, en: row.body_en ?? row.body },
    link: row.link,
    case: row.case_type && row.case_id ? { type: row.case_type, id: row.case_id } : null,
    readAt: row.read_at,
    createdAt: row.created_at,
  };
}
