import type { Kysely } from 'kysely';
import { authorize, scopeOf, scopeWhere } from '../org/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { CryptoSuite } from '../platform/config/index.js';
import {
  type Actor,
  type AuditContext,
  type AuditRecorder,
  actedBy,
  type RequestContext,
} from '../platform/context/index.js';
import {
  PublicSigningKey,
  type SecretBox,
  SigningKey,
  signatureAlgorithmOf,
} from '../platform/crypto/index.js';
import { type DialectName, type Executor, tablesOf, transactionLock } from '../platform/db/index.js';
import { SealErrors } from './errors.js';
import { sealImageSvg } from './image.js';
import { SealActions } from './policies.js';
import type { SealKeyTable, SealTables } from './schema.js';
import {
  documentDigest,
  isSealable,
  type SealDocument,
  type SealedDocument,
  type SealInfo,
  signedText,
} from './sealed.js';
import { type SealVerification, verdict } from './verdict.js';

/** The longest registered seal name, in characters. */
export const SEAL_NAME_MAX = 64;
const CONTROL = /\p{Cc}/u;

export interface SealDeps {
  db: Kysely<SealTables>;
  dialect: DialectName;
  audit: AuditRecorder;
  clock: Clock;
  /** Seals the private keys with the instance master key. */
  box: SecretBox;
  /** The instance's suite: SM2 seals under 国密 (`sm`), Ed25519 under `intl`. */
  cryptoSuite: CryptoSuite;
  departments: (
    id: string,
    executor?: Executor,
  ) => Promise<{ id: string; name: string; jurisdictionPath: string } | undefined>;
}

/** A seal as the API shows it: never its private key. */
export interface SealView {
  keyId: string;
  sealName: string;
  department: { id: string; name: string };
  algorithm: SealKeyTable['algorithm'];
  status: SealKeyTable['status'];
  validFrom: string;
  validTo: string;
  issuedAt: string;
  issuedBy: string;
  retiredAt: string | null;
  replacedBy: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

/**
 * Department electronic seals (issue 19; R106–R108; Guangzhou: document- and licence-type
 * information carries an electronic seal). The operator issues a department's seal — a key pair
 * under a registered name, SM2 or Ed25519 as the instance's suite, the private key sealed with the
 * master key — rotates and revokes it; every change is audited in its transaction. `sealDocument`
 * signs a JSON document with the department's active seal, and `verifySealed` says whether a
 * sealed copy is genuine and unchanged, and why not.
 */
export class SealService {
  readonly #signers = new Map<string, SigningKey>();
  readonly #publicKeys = new Map<string, PublicSigningKey>();

  constructor(private readonly deps: SealDeps) {}

  /** Issues a department's seal; refused while it has an active one (rotate it instead). */
  async issue(
    ctx: RequestContext,
    input: { departmentId: string; sealName: string; validFrom?: string | undefined; validTo: string },
  ): Promise<SealView> {
    authorize(ctx.actor, SealActions['seal.manage']);
    const sealName = checkedName(input.sealName);
    const now = this.deps.clock.now().toISOString();
    const validFrom = input.validFrom ? new Date(input.validFrom).toISOString() : now;
    const validTo = new Date(input.validTo).toISOString();
    if (!(validFrom < validTo) || validTo <= now)
      throw SealErrors.error('SEAL_VALIDITY_INVALID', { from: validFrom, to: validTo });
    return this.deps.db.transaction().execute(async (trx) => {
      const department = await this.deps.departments(input.departmentId, trx);
      if (!department) throw SealErrors.error('SEAL_DEPARTMENT_NOT_FOUND', { id: input.departmentId });
      await transactionLock(trx, this.deps.dialect, `seal:${department.id}`);
      const active = await activeSeal(trx, department.id);
      if (active) throw SealErrors.error('SEAL_ACTIVE_EXISTS', { keyId: active.key_id });
      const row = await this.#insert(trx, ctx, { department, sealName, validFrom, validTo, now });
      await this.deps.audit.record(trx, ctx, {
        action: 'seal.issue',
        category: 'admin',
        targetType: 'seal_key',
        targetId: row.key_id,
        detail: { departmentId: department.id, sealName, algorithm: row.algorithm, validFrom, validTo },
      });
      return view(row);
    });
  }

  /** Rotation: a new key under the same name takes over; the old one is retired, still verifiable for what it signed. */
  async rotate(
    ctx: RequestContext,
    keyId: string,
    input: { validTo?: string | undefined } = {},
  ): Promise<SealView> {
    authorize(ctx.actor, SealActions['seal.manage']);
    const now = this.deps.clock.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const old = await this.#changing(trx, keyId);
      const validTo = input.validTo ? new Date(input.validTo).toISOString() : old.valid_to;
      if (validTo <= now) throw SealErrors.error('SEAL_VALIDITY_INVALID', { from: now, to: validTo });
      const department = {
        id: old.department_id,
        name: (await this.deps.departments(old.department_id, trx))?.name ?? old.department_name,
        jurisdictionPath: old.jurisdiction_path,
      };
      // Retire first: the one-active-seal index admits the successor only then.
      await trx
        .updateTable('seal_key')
        .set({ status: 'retired', retired_at: now })
        .where('key_id', '=', old.key_id)
        .execute();
      const row = await this.#insert(trx, ctx, {
        department,
        sealName: old.seal_name,
        validFrom: now,
        validTo,
        now,
      });
      await trx
        .updateTable('seal_key')
        .set({ replaced_by: row.key_id })
        .where('key_id', '=', old.key_id)
        .execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'seal.rotate',
        category: 'admin',
        targetType: 'seal_key',
        targetId: row.key_id,
        detail: { departmentId: department.id, retired: old.key_id, validTo },
      });
      this.#signers.delete(old.key_id);
      return view(row);
    });
  }

  /** Revokes an active seal: it signs no more, and what it signed from then on is not valid. */
  async revoke(ctx: RequestContext, keyId: string, reason: string): Promise<SealView> {
    authorize(ctx.actor, SealActions['seal.manage']);
    const now = this.deps.clock.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await this.#changing(trx, keyId);
      const revokedBy = actedBy(ctx.actor).name;
      await trx
        .updateTable('seal_key')
        .set({ status: 'revoked', revoked_at: now, revoked_by: revokedBy, revoke_reason: reason })
        .where('key_id', '=', keyId)
        .execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'seal.revoke',
        category: 'admin',
        targetType: 'seal_key',
        targetId: keyId,
        detail: { departmentId: row.department_id, reason },
      });
      this.#signers.delete(keyId);
      return view({
        ...row,
        status: 'revoked',
        revoked_at: now,
        revoked_by: revokedBy,
        revoke_reason: reason,
      });
    });
  }

  /** The seals the reader may see (all for the operator, its jurisdiction's for the authority), newest first. */
  async list(actor: Actor): Promise<SealView[]> {
    const scope = scopeOf(actor, SealActions['seal.read']);
    if (scope.kind === 'none') authorize(actor, SealActions['seal.read']);
    const rows = await this.deps.db
      .selectFrom('seal_key')
      .selectAll()
      .where((eb) => scopeWhere(eb, scope, { department: 'department_id', path: 'jurisdiction_path' }))
      .orderBy('issued_at', 'desc')
      .orderBy('key_id')
      .limit(1000)
      .execute();
    return rows.map(view);
  }

  /** A seal's public key as PEM (SubjectPublicKeyInfo): public, for anyone checking a copy offline. */
  async publicKeyPem(keyId: string): Promise<string> {
    return (await this.#row(keyId)).public_key_pem;
  }

  /** The seal's picture: the red round seal with its registered name. */
  async imageSvg(keyId: string): Promise<string> {
    return sealImageSvg((await this.#row(keyId)).seal_name);
  }

  /**
   * Seals a JSON document with the department's active seal: signs the canonical JSON of the
   * document together with the seal's fields (see `signedText`). The caller stores or hands out the
   * answer and audits its own step.
   */
  async sealDocument(departmentId: string, document: SealDocument): Promise<SealedDocument> {
    if (!isSealable(document)) throw SealErrors.error('SEAL_DOCUMENT_INVALID');
    const now = this.deps.clock.now().toISOString();
    const row = await activeSeal(this.deps.db, departmentId);
    if (!row || row.valid_from > now || row.valid_to <= now)
      throw SealErrors.error('SEAL_NO_ACTIVE_SEAL', { departmentId });
    const signer = this.#signer(row);
    const unsigned: Omit<SealInfo, 'signature'> = {
      keyId: row.key_id,
      sealName: row.seal_name,
      departmentId: row.department_id,
      algorithm: row.algorithm,
      signedAt: now,
      digest: documentDigest(row.algorithm, document),
    };
    // A structured copy: the caller changing its object afterwards does not change what was signed.
    const signed = structuredClone(document);
    return { document: signed, seal: { ...unsigned, signature: signer.sign(signedText(signed, unsigned)) } };
  }

  /**
   * A signer with the department's active seal for many documents of one write (hosted records,
   * R106): the seal is read once through `executor` (the write's transaction), and every document
   * is signed at the same time, that of the write. Null when the department has no seal in force.
   * The same signed text as `sealDocument`; a document that is not sealable is refused.
   */
  async signerFor(
    departmentId: string,
    executor: Executor = this.deps.db,
  ): Promise<((document: SealDocument) => SealInfo) | null> {
    const now = this.deps.clock.now().toISOString();
    const row = await activeSeal(executor, departmentId);
    if (!row || row.valid_from > now || row.valid_to <= now) return null;
    const signer = this.#signer(row);
    const { key_id: keyId, seal_name: sealName, department_id, algorithm } = row;
    return (document) => {
      if (!isSealable(document)) throw SealErrors.error('SEAL_DOCUMENT_INVALID');
      const unsigned: Omit<SealInfo, 'signature'> = {
        keyId,
        sealName,
        departmentId: department_id,
        algorithm,
        signedAt: now,
        digest: documentDigest(algorithm, document),
      };
      return { ...unsigned, signature: signer.sign(signedText(document, unsigned)) };
    };
  }

  /** Whether a sealed document is genuine and unchanged, and if not, why not. */
  async verifySealed(sealed: SealedDocument): Promise<SealVerification> {
    const row = await this.deps.db
      .selectFrom('seal_key')
      .selectAll()
      .where('key_id', '=', String(sealed.seal?.keyId ?? ''))
      .executeTakeFirst();
    return verdict(sealed, row && { row, publicKey: this.#publicKey(row) });
  }

  /** The public verification (no sign-in): the answer, audited as a public verification. */
  async verifyPublic(ctx: AuditContext, sealed: SealedDocument): Promise<SealVerification> {
    const answer = await this.verifySealed(sealed);
    await this.deps.audit.record(this.deps.db, ctx, {
      action: 'seal.verify',
      category: 'access',
      targetType: 'seal_key',
      targetId: sealed.seal.keyId,
      detail: { valid: answer.valid, reason: answer.reason, digest: sealed.seal.digest },
    });
    return answer;
  }

  async #insert(
    trx: Executor,
    ctx: RequestContext,
    input: {
      department: { id: string; name: string; jurisdictionPath: string };
      sealName: string;
      validFrom: string;
      validTo: string;
      now: string;
    },
  ): Promise<SealKeyTable> {
    const key = SigningKey.generate(signatureAlgorithmOf(this.deps.cryptoSuite));
    const row: SealKeyTable = {
      key_id: key.publicKey.keyId,
      department_id: input.department.id,
      department_name: input.department.name,
      jurisdiction_path: input.department.jurisdictionPath,
      seal_name: input.sealName,
      algorithm: key.algorithm,
      public_key_pem: key.publicKey.pem,
      private_key_sealed: key.sealPrivateKey(this.deps.box),
      valid_from: input.validFrom,
      valid_to: input.validTo,
      status: 'active',
      issued_at: input.now,
      issued_by: actedBy(ctx.actor).name,
      retired_at: null,
      replaced_by: null,
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
    };
    await tablesOf<SealTables>(trx).insertInto('seal_key').values(row).execute();
    this.#signers.set(row.key_id, key);
    return row;
  }

  /** The seal a change applies to, locked for it; only an active seal is rotated or revoked. */
  async #changing(trx: Kysely<SealTables>, keyId: string): Promise<SealKeyTable> {
    const found = await trx.selectFrom('seal_key').selectAll().where('key_id', '=', keyId).executeTakeFirst();
    if (!found) throw SealErrors.error('SEAL_NOT_FOUND', { keyId });
    await transactionLock(trx, this.deps.dialect, `seal:${found.department_id}`);
    const row = await trx
      .selectFrom('seal_key')
      .selectAll()
      .where('key_id', '=', keyId)
      .executeTakeFirstOrThrow();
    if (row.status !== 'active') throw SealErrors.error('SEAL_NOT_ACTIVE', { keyId, status: row.status });
    return row;
  }

  async #row(keyId: string): Promise<SealKeyTable> {
    const row = await this.deps.db
      .selectFrom('seal_key')
      .selectAll()
      .where('key_id', '=', keyId)
      .executeTakeFirst();
    if (!row) throw SealErrors.error('SEAL_NOT_FOUND', { keyId });
    return row;
  }

  #signer(row: SealKeyTable): SigningKey {
    let key = this.#signers.get(row.key_id);
    if (!key) {
      key = SigningKey.open(row.algorithm, row.public_key_pem, row.private_key_sealed, this.deps.box);
      this.#signers.set(row.key_id, key);
    }
    return key;
  }

  #publicKey(row: SealKeyTable): PublicSigningKey {
    let key = this.#publicKeys.get(row.key_id);
    if (!key) {
      key = new PublicSigningKey(row.algorithm, row.public_key_pem);
      this.#publicKeys.set(row.key_id, key);
    }
    return key;
  }
}

function activeSeal(db: Executor, departmentId: string): Promise<SealKeyTable | undefined> {
  return tablesOf<SealTables>(db)
    .selectFrom('seal_key')
    .selectAll()
    .where('department_id', '=', departmentId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** A registered seal name: trimmed, 1 to 64 characters, no control characters. */
function checkedName(name: string): string {
  const trimmed = name.trim();
  const length = [...trimmed].length;
  if (length === 0 || length > SEAL_NAME_MAX || CONTROL.test(trimmed) || !trimmed.isWellFormed())
    throw SealErrors.error('SEAL_NAME_INVALID', { max: SEAL_NAME_MAX });
  return trimmed;
}

function view(row: SealKeyTable): SealView {
  return {
    keyId: row.key_id,
    sealName: row.seal_name,
    department: { id: row.department_id, name: row.department_name },
    algorithm: row.algorithm,
    status: row.status,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by,
    retiredAt: row.retired_at,
    replacedBy: row.replaced_by,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
  };
}
