import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.js';
import type { CryptoSuite } from '../../platform/config/index.js';
import { digest } from '../../platform/crypto/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { OrgTables, SessionStage, SessionTable } from '../schema.js';

export const SESSION_COOKIE = 'govshare_session';

/** Hands the browser its session token: HTTP-only, same-site strict, for the session's longest life. */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  options: { secureCookies: boolean; sessionMaxHours: number },
): FastifyReply {
  return reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: options.secureCookies,
    path: '/',
    maxAge: options.sessionMaxHours * 3600,
  });
}

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/**
 * Browser sessions. The token lives only in the HttpOnly cookie; the table keeps its digest, so a
 * copy of the database does not let anyone sign in. Sessions end after idle time or a maximum age.
 */
export class SessionStore {
  constructor(
    private readonly db: Kysely<OrgTables>,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
    private readonly suite: CryptoSuite,
  ) {}

  async create(
    executor: Executor,
    userId: string,
    stage: SessionStage,
    meta: { ip?: string | undefined; userAgent?: string | undefined },
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await (executor as Kysely<OrgTables>)
      .insertInto('user_session')
      .values({
        id: digest(this.suite, token),
        user_id: userId,
        stage,
        pending_totp_secret: null,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: new Date(now.getTime() + this.policy.absoluteHours * 3_600_000).toISOString(),
        ip: meta.ip ?? null,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    return token;
  }

  /** The live session for a token, touching its idle timer; undefined when absent or expired. */
  async resolve(token: string): Promise<SessionTable | undefined> {
    const id = digest(this.suite, token);
    const row = await this.db.selectFrom('user_session').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const now = this.clock.now();
    const idleLimit = new Date(new Date(row.last_seen_at).getTime() + this.policy.idleMinutes * 60_000);
    if (now >= idleLimit || now.toISOString() >= row.expires_at) {
      await this.db.deleteFrom('user_session').where('id', '=', id).execute();
      return undefined;
    }
    // Touch at most every 30 s so reads do not turn into a write per request.
    if (now.getTime() - new Date(row.last_seen_at).getTime() > 30_000) {
      await this.db
        .updateTable('user_session')
        .set({ last_seen_at: now.toISOString() })
        .where('id', '=', id)
        .execute();
    }
    return row;
  }

  async update(
    sessionId: string,
    set: Partial<Pick<SessionTable, 'stage' | 'pending_totp_secret'>>,
  ): Promise<void> {
    await this.db.updateTable('user_session').set(set).where('id', '=', sessionId).execute();
  }

  async end(sessionId: string): Promise<void> {
    await this.db.deleteFrom('user_session').where('id', '=', sessionId).execute();
  }
}
