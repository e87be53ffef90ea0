import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock/index.js';
import type { Actor, AuditContext, AuditRecorder, RequestContext } from '../platform/context/index.js';
import type { SecretBox } from '../platform/crypto/index.js';
import { newId } from '../platform/db/index.js';

import type { Settings } from '../platform/settings/index.js';
import { decoyHash, hashPassword, verifyPassword } from './auth/passwords.js';
import { authorize, scopeOf } from './authz/index.js';
import { bodyDepartment } from './departments.js';
import { OrgErrors } from './errors.js';
import { OrgActions } from './policies.js';
import type { ApiClientTable, OrgTables } from './schema.js';

interface VerifiedToken {
  sub: string;
  /** The secret generation the token was issued under. */
  gen: string;
  expiresAt: number;
}

export interface ApiClient {
  id: string;
  clientId: string;
  name: string;
  departmentId: string;
  departmentName: string;
  status: 'active' | 'suspended' | 'revoked';
  createdAt: string;
  rotatedAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  suspendedAt: string | null;
}

/** Why a client was suspended, as the security alert worded it (R65). */
export interface SuspensionReason {
  zh: string;
  en: string;
}

type Db = Kysely<OrgTables>;
const AUDIENCE = 'govshare-api';
/**
 * A department system sends the same token with every call of the exchange's hot path: its
 * signature is checked once and remembered, but the client's row (status and secret generation)
 * is read on every use, one primary-key lookup. No node keeps it: a rotation or a revocation made
 * on any node refuses the tokens issued before it at once on every node (issue 12).
 */
const MAX_CACHED_TOKENS = 10_000;
type ClientRow = ApiClientTable & { department_name: string; jurisdiction_path: string };

/**
 * The generation of a client's secret, carried in each token it issues: a digest of the stored
 * secret hash, which changes with every rotation (a fresh salt, a fresh secret), so a token issued
 * before a rotation no longer matches its client's row. It reveals nothing of the secret.
 */
function secretGeneration(row: Pick<ApiClientTable, 'secret_hash'>): string {
  return createHash('sha256').update(row.secret_hash).digest('base64url').slice(0, 22);
}

/** AUTH_CLIENT_SUSPENDED with the stored reason, in the reader's language. */
function suspendedError(row: Pick<ApiClientTable, 'suspended_reason'>) {
  let reason: SuspensionReason = { zh: '安全告警', en: 'security alert' };
  if (row.suspended_reason) reason = JSON.parse(row.suspended_reason) as SuspensionReason;
  return OrgErrors.error('AUTH_CLIENT_SUSPENDED', { reason });
}

/**
 * Department systems (系统对接) authenticate as API clients: a client id and a secret (stored
 * hashed), exchanged at the token endpoint for a short-lived signed access token (EdDSA JWT).
 * Revocation takes effect at once because every token use checks the client is still active.
 */
export class ApiClientService {
  #key: Promise<{ privateKey: KeyObject; publicKey: KeyObject }> | undefined;
  /** Verified tokens: the subject, its secret generation and when the token expires (ms). */
  readonly #verified = new Map<string, VerifiedToken>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
    private readonly settings: Settings,
    private readonly box: SecretBox,
    private readonly options: { issuer: string; ttlSeconds: number },
  ) {}

  #signingKey() {
    this.#key ??= (async () => {
      // Generated once per instance; every node sharing the database signs with the same key.
      const sealed = await this.settings.getOrInit('api_token_signing_key', () => {
        const { privateKey } = generateKeyPairSync('ed25519');
        return this.box.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
      });
      const pem = this.box.open(sealed);
      return { privateKey: createPrivateKey(pem), publicKey: createPublicKey(pem) };
    })();
    return this.#key;
  }

  #select() {
    return this.db
      .selectFrom('api_client')
      .innerJoin('department as d', 'd.id', 'api_client.department_id')
      .innerJoin('jurisdiction as j', 'j.id', 'd.jurisdiction_id')
      .selectAll('api_client')
      .select(['d.name as department_name', 'j.path as jurisdiction_path']);
  }

  #map(row: ApiClientTable & { department_name: string }): ApiClient {
    return {
      id: row.id,
      clientId: row.client_id,
      name: row.name,
      departmentId: row.department_id,
      departmentName: row.department_name,
      status: row.status,
      createdAt: row.created_at,
      rotatedAt: row.rotated_at,
      revokedAt: row.revoked_at,
      lastUsedAt: row.last_used_at,
      suspendedAt: row.suspended_at,
    };
  }

  async list(ctx: RequestContext, filter: { departmentId?: string | undefined }): Promise<ApiClient[]> {
    const scope = scopeOf(ctx.actor, OrgActions['apiClient.read']);
    let query = this.#select();
    if (scope.kind === 'none') return [];
    if (scope.kind === 'within') {
      const { departmentIds, jurisdictionPaths } = scope;
      query = query.where((eb) =>
        eb.or([
          ...(departmentIds.length ? [eb('api_client.department_id', 'in', departmentIds)] : []),
          ...jurisdictionPaths.map((p) => eb('j.path', 'like', `${p}%`)),
          eb.lit(false),
        ]),
      );
    }
    if (filter.departmentId) query = query.where('api_client.department_id', '=', filter.departmentId);
    const rows = await query.orderBy('api_client.created_at', 'desc').execute();
    return rows.map((r) => this.#map(r));
  }

  async #get(id: string) {
    const row = await this.#select().where('api_client.id', '=', id).executeTakeFirst();
    if (!row) throw OrgErrors.error('ORG_API_CLIENT_NOT_FOUND', { id });
    return row;
  }

  async create(
    ctx: RequestContext,
    input: { name: string; departmentId: string },
  ): Promise<{ client: ApiClient; clientSecret: string }> {
    const department = await bodyDepartment(this.db, input.departmentId);
    authorize(ctx.actor, OrgActions['apiClient.manage'], department);
    const clientSecret = randomBytes(32).toString('base64url');
    const now = this.clock.now().toISOString();
    const id = newId();
    const clientId = `gs_${randomBytes(9).toString('base64url')}`;
    const secretHash = await hashPassword(clientSecret);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('api_client')
        .values({
          id,
          client_id: clientId,
          name: input.name.trim(),
          department_id: department.departmentId,
          secret_hash: secretHash,
          status: 'active',
          created_by: ctx.actor.id,
          created_at: now,
          rotated_at: null,
          revoked_at: null,
          last_used_at: null,
          suspended_at: null,
          suspended_reason: null,
        })
        .execute();
      await this.audit.record(trx, ctx, {
        action: 'apiClient.create',
        targetType: 'api_client',
        targetId: id,
        detail: { clientId, name: input.name },
      });
    });
    return { client: this.#map(await this.#get(id)), clientSecret };
  }

  /**
   * Issues a new secret; the old secret and every token issued under it stop working at once, on
   * every node (each token use reads the client's row).
   */
  async rotate(ctx: RequestContext, id: string): Promise<{ client: ApiClient; clientSecret: string }> {
    const row = await this.#get(id);
    authorize(ctx.actor, OrgActions['apiClient.manage'], {
      departmentId: row.department_id,
      jurisdictionPath: row.jurisdiction_path,
    });
    if (row.status === 'revoked') throw OrgErrors.error('ORG_API_CLIENT_REVOKED');
    const clientSecret = randomBytes(32).toString('base64url');
    const secretHash = await hashPassword(clientSecret);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('api_client')
        .set({ secret_hash: secretHash, rotated_at: this.clock.now().toISOString() })
        .where('id', '=', id)
        .execute();
      await this.audit.record(trx, ctx, {
        action: 'apiClient.rotate',
        targetType: 'api_client',
        targetId: id,
      });
    });
    return { client: this.#map(await this.#get(id)), clientSecret };
  }

  async revoke(ctx: RequestContext, id: string): Promise<ApiClient> {
    const row = await this.#get(id);
    authorize(ctx.actor, OrgActions['apiClient.revoke'], {
      departmentId: row.department_id,
      jurisdictionPath: row.jurisdiction_path,
    });
    if (row.status === 'revoked') return this.#map(row);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('api_client')
        .set({
          status: 'revoked',
          revoked_at: this.clock.now().toISOString(),
          suspended_at: null,
          suspended_reason: null,
        })
        .where('id', '=', id)
        .execute();
      await this.audit.record(trx, ctx, {
        action: 'apiClient.revoke',
        targetType: 'api_client',
        targetId: id,
      });
    });
    return this.#map(await this.#get(id));
  }

  /**
   * Suspends an active client in the caller's transaction (R65: a security alert, where the
   * operator enabled automatic suspension): its tokens are refused with AUTH_CLIENT_SUSPENDED at
   * once, on every node, until `liftSuspension`. The caller authorized the act; this writes its
   * audit entry. Answers false when the client was not active (revoked, or suspended already).
   */
  async suspend(
    trx: Kysely<OrgTables>,
    context: AuditContext,
    id: string,
    reason: SuspensionReason & { alertId: string },
  ): Promise<boolean> {
    const at = this.clock.now().toISOString();
    const { zh, en } = reason;
    const result = await trx
      .updateTable('api_client')
      .set({ status: 'suspended', suspended_at: at, suspended_reason: JSON.stringify({ zh, en }) })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await this.audit.record(trx, context, {
      action: 'apiClient.suspend',
      category: 'decision',
      targetType: 'api_client',
      targetId: id,
      detail: { alertId: reason.alertId, reason: zh },
    });
    return true;
  }

  /**
   * Lifts a suspension in the caller's transaction (one click of the security administrator or
   * the operator, authorized by the caller): the client is active again, its audit entry written.
   * Answers false when the client was not suspended.
   */
  async liftSuspension(
    trx: Kysely<OrgTables>,
    context: AuditContext,
    id: string,
    detail: { alertId: string },
  ): Promise<boolean> {
    const result = await trx
      .updateTable('api_client')
      .set({ status: 'active', suspended_at: null, suspended_reason: null })
      .where('id', '=', id)
      .where('status', '=', 'suspended')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await this.audit.record(trx, context, {
      action: 'apiClient.liftSuspension',
      category: 'decision',
      targetType: 'api_client',
      targetId: id,
      detail,
    });
    return true;
  }

  /** The client as stored now, for the alerts naming it (no authorization: the caller's). */
  async lookup(id: string): Promise<ApiClient | undefined> {
    const row = await this.#select().where('api_client.id', '=', id).executeTakeFirst();
    return row ? this.#map(row) : undefined;
  }

  /** The client-credentials grant: a valid id and secret get a signed access token. */
  async issueToken(
    ctx: AuditContext,
    clientId: string,
    clientSecret: string,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const row = await this.db
      .selectFrom('api_client')
      .selectAll()
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    const ok = row
      ? await verifyPassword(row.secret_hash, clientSecret)
      : await verifyPassword(await decoyHash(), clientSecret);
    if (!row || !ok || row.status !== 'active') {
      await this.db.transaction().execute((trx) =>
        this.audit.record(trx, ctx, {
          action: 'auth.token',
          outcome: 'failure',
          targetType: 'api_client',
          targetId: row?.id ?? clientId,
          actor: {
            kind: 'client',
            id: row?.id ?? '',
            name: clientId,
            departmentId: row?.department_id ?? '',
          },
          detail: { reason: !row ? 'unknown' : !ok ? 'secret' : row.status },
        }),
      );
      // The right secret of a suspended client learns why it is refused, and that it is reversible.
      if (row && ok && row.status === 'suspended') throw suspendedError(row);
      throw OrgErrors.error('AUTH_CLIENT_INVALID');
    }
    const { privateKey } = await this.#signingKey();
    const now = this.clock.now();
    const accessToken = await new SignJWT({
      cid: row.client_id,
      dept: row.department_id,
      gen: secretGeneration(row),
    })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt' })
      .setSubject(row.id)
      .setIssuer(this.options.issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + this.options.ttlSeconds)
      .setJti(newId(now))
      .sign(privateKey);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('api_client')
        .set({ last_used_at: now.toISOString() })
        .where('id', '=', row.id)
        .execute();
      await this.audit.record(trx, ctx, {
        action: 'auth.token',
        targetType: 'api_client',
        targetId: row.id,
        actor: { kind: 'client', id: row.id, name: row.client_id, departmentId: row.department_id },
      });
    });
    return { accessToken, expiresIn: this.options.ttlSeconds };
  }

  /** The actor behind a bearer token, or AUTH_TOKEN_INVALID. */
  async actorForToken(token: string): Promise<Actor> {
    const verified = await this.#verify(token);
    const row = await this.#activeRow(verified.sub);
    if (row?.status === 'suspended' && secretGeneration(row) === verified.gen) throw suspendedError(row);
    // A revoked client, or a token issued under a secret that has since been rotated.
    if (row?.status !== 'active' || secretGeneration(row) !== verified.gen)
      throw OrgErrors.error('AUTH_TOKEN_INVALID');
    return {
      kind: 'client',
      id: row.id,
      name: row.client_id,
      departmentId: row.department_id,
      jurisdictionPath: row.jurisdiction_path,
      roles: ['dept_user'],
    };
  }

  async #verify(token: string): Promise<VerifiedToken> {
    const now = this.clock.now().getTime();
    const known = this.#verified.get(token);
    if (known && known.expiresAt > now) return known;
    const { publicKey } = await this.#signingKey();
    try {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: this.options.issuer,
        audience: AUDIENCE,
        algorithms: ['EdDSA'],
        currentDate: this.clock.now(),
      });
      if (!payload.sub || payload.exp === undefined || typeof payload.gen !== 'string')
        throw new Error('no subject, expiry or secret generation');
      const verified = { sub: payload.sub, gen: payload.gen, expiresAt: payload.exp * 1000 };
      if (this.#verified.size >= MAX_CACHED_TOKENS) this.#verified.clear();
      this.#verified.set(token, verified);
      return verified;
    } catch {
      throw OrgErrors.error('AUTH_TOKEN_INVALID');
    }
  }

  /** The client's row as stored now: never cached, so another node's rotation counts at once. */
  async #activeRow(id: string): Promise<ClientRow | undefined> {
    return this.#select().where('api_client.id', '=', id).executeTakeFirst();
  }
}
