import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type CatalogTables, sealTypeOf } from '../catalog/index.js';
import { isAllowed, scopeOf, scopeWhere } from '../org/index.js';
import { canonicalJson } from '../platform/cases/index.js';
import type { Clock } from '../platform/clock/index.js';
import type { Actor, AuditContext, AuditRecorder, RequestContext } from '../platform/context/index.js';
import { digestAlgorithmOf, type SigningKey } from '../platform/crypto/index.js';
import type { Executor } from '../platform/db/index.js';
import { SnapshotErrors } from './snapshot-errors.js';
import { SnapshotActions } from './snapshot-policies.js';
import type { DataSnapshotTable, SnapshotTables } from './snapshot-schema.js';

/** 文书类 / 证照类 (the catalog's seal types). */
export type SnapshotKind = 'document' | 'licence';

type ItemValue = string | number | boolean | null;

/**
 * What a key query returned (the exchange's `SnapshotTaking`, which the composition root hands
 * over: seal and exchange are of one rank and do not import each other).
 */
export interface SnapshotTaking {
  id: string;
  ctx: RequestContext;
  kind: SnapshotKind;
  read: {
    resource: {
      entry: { id: string; code: string; name: string; version: number };
      provider: { departmentId: string };
    };
    grant: { id: string };
    statement: { purpose: string; caseNumber?: string | undefined };
    columns: readonly { item: string }[];
    masked: ReadonlySet<string>;
  };
  records: { key: string; values: Record<string, ItemValue> }[];
}

/** The format named inside every snapshot's signed text. */
export const SNAPSHOT_FORMAT = 'govshare-snapshot/1';

/** One record as the snapshot fixes it: its key, the digest of its values, and the values. */
export interface SnapshotRecord {
  key: string;
  /** SM3 or SHA-256 (as the signature's algorithm) of canonicalJson(values), hex. */
  digest: string;
  values: Record<string, ItemValue>;
}

/** The signed content of a snapshot: `content` is canonicalJson of this, byte for byte. */
export interface SnapshotContent {
  format: typeof SNAPSHOT_FORMAT;
  id: string;
  takenAt: string;
  caseNumber: string;
  purpose: string;
  kind: SnapshotKind;
  requester: {
    kind: 'user' | 'client';
    id: string;
    name: string;
    departmentId: string;
    departmentName: string;
  };
  resource: { entryId: string; code: string; name: string; version: number; providerDepartmentId: string };
  grantId: string;
  items: string[];
  masked: string[];
  records: SnapshotRecord[];
  /** The platform key that signs: named inside the signed text, so no other key's signature fits. */
  signer: { algorithm: string; keyId: string };
}

export type SnapshotVerdictReason = 'valid' | 'unknown' | 'digest_mismatch' | 'signature_mismatch';

const VERDICT_TEXT: Record<SnapshotVerdictReason, { zh: string; en: string }> = {
  valid: {
    zh: '有效：快照内容与平台签名相符，自生成以来未被改动',
    en: 'Valid: the content matches the platform signature and is unchanged since it was taken',
  },
  unknown: { zh: '本平台没有该编号的数据快照', en: 'No data snapshot with this id on this platform' },
  digest_mismatch: {
    zh: '摘要不符：凭证上的摘要与平台保存的快照不一致',
    en: 'Digest mismatch: the voucher’s digest is not that of the snapshot the platform keeps',
  },
  signature_mismatch: {
    zh: '签名不符：平台保存的快照内容已被改动',
    en: 'Signature mismatch: the stored snapshot content has been changed',
  },
};

/** A verification's answer: public, so it names no record. */
export interface SnapshotVerification {
  valid: boolean;
  reason: SnapshotVerdictReason;
  message: { zh: string; en: string };
  /** What the voucher can be compared with; only when the id and digest name a kept snapshot. */
  snapshot?: {
    id: string;
    takenAt: string;
    caseNumber: string;
    kind: SnapshotKind;
    resourceCode: string;
    resourceName: string;
    requesterDepartmentName: string;
    recordCount: number;
    digest: string;
    algorithm: string;
    keyId: string;
  };
}

/** A snapshot as its readers see it: the signed content, the signature, and its verification. */
export interface SnapshotView {
  id: string;
  caseNumber: string;
  kind: SnapshotKind;
  takenAt: string;
  entry: { id: string; code: string; name: string };
  requester: { id: string; name: string; departmentId: string; departmentName: string };
  purpose: string;
  grantId: string;
  recordCount: number;
  digest: string;
  signatureAlgorithm: string;
  keyId: string;
  signature: string;
  /** The signed text itself, as stored: what `openssl` checks. */
  content: string;
  verification: SnapshotVerification;
}

/** A snapshot in a list: no content. */
export type SnapshotSummary = Omit<SnapshotView, 'content' | 'signature' | 'verification'>;

export interface SnapshotDeps {
  db: Kysely<SnapshotTables & CatalogTables>;
  audit: AuditRecorder;
  clock: Clock;
  /** The platform's signing key: the one that signs the audit chain's checkpoints. */
  signer: SigningKey;
  departments: (id: string, executor?: Executor) => Promise<{ name: string } | undefined>;
}

const LIST_MAX = 200;

/**
 * Data snapshots (数据快照 / 电子凭证, Guangzhou Art.23 ¶2, R107). A key query of a document- or
 * licence-type resource, where the profile switches snapshots on, fixes what it returned — the
 * records as received, each with its digest — with the time, the requester (user and department),
 * the purpose and the case number, signed by the platform's key, in the transaction of the
 * query's access entry (which names the snapshot). Readers find them by case number and id; anyone
 * verifies one by its id and digest.
 */
export class SnapshotService {
  readonly #kinds = new Map<string, SnapshotKind | null>();

  constructor(private readonly deps: SnapshotDeps) {}

  kindOf(resource: {
    entry: { id: string; version: number };
  }): SnapshotKind | null | Promise<SnapshotKind | null> {
    const key = `${resource.entry.id}@${resource.entry.version}`;
    const known = this.#kinds.get(key);
    if (known !== undefined) return known;
    return this.#loadKind(resource.entry.id, resource.entry.version).then((kind) => {
      // A published version's content never changes: its answer is kept for good.
      if (this.#kinds.size >= 100_000) this.#kinds.clear();
      this.#kinds.set(key, kind);
      return kind;
    });
  }

  async #loadKind(entryId: string, version: number): Promise<SnapshotKind | null> {
    const row = await this.deps.db
      .selectFrom('catalog_version')
      .select('content')
      .where('entry_id', '=', entryId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? sealTypeOf(JSON.parse(row.content)) : null;
  }

  async record(executor: Executor, taking: SnapshotTaking): Promise<void> {
    const { ctx, read } = taking;
    const { signer } = this.deps;
    const hash = digestAlgorithmOf(signer.algorithm);
    const department = await this.deps.departments(ctx.actor.departmentId, executor);
    const content: SnapshotContent = {
      format: SNAPSHOT_FORMAT,
      id: taking.id,
      takenAt: this.deps.clock.now().toISOString(),
      caseNumber: read.statement.caseNumber ?? '',
      purpose: read.statement.purpose,
      kind: taking.kind,
      requester: {
        kind: ctx.actor.kind,
        id: ctx.actor.id,
        name: ctx.actor.displayName || ctx.actor.name,
        departmentId: ctx.actor.departmentId,
        departmentName: department?.name ?? ctx.actor.departmentId,
      },
      resource: {
        entryId: read.resource.entry.id,
        code: read.resource.entry.code,
        name: read.resource.entry.name,
        version: read.resource.entry.version,
        providerDepartmentId: read.resource.provider.departmentId,
      },
      grantId: read.grant.id,
      items: read.columns.map((c) => c.item),
      masked: [...read.masked].sort(),
      records: taking.records.map(({ key, values }) => ({
        key,
        digest: createHash(hash).update(canonicalJson(values), 'utf8').digest('hex'),
        values,
      })),
      signer: { algorithm: signer.algorithm, keyId: signer.publicKey.keyId },
    };
    const text = canonicalJson(content);
    const row: DataSnapshotTable = {
      id: content.id,
      case_number: content.caseNumber,
      kind: content.kind,
      entry_id: content.resource.entryId,
      entry_code: content.resource.code,
      entry_name: content.resource.name,
      requester_id: content.requester.id,
      requester_name: content.requester.name,
      requester_department_id: content.requester.departmentId,
      requester_department_name: content.requester.departmentName,
      requester_jurisdiction_path: ctx.actor.jurisdictionPath,
      purpose: content.purpose,
      grant_id: content.grantId,
      taken_at: content.takenAt,
      record_count: content.records.length,
      content: text,
      digest: createHash(hash).update(text, 'utf8').digest('hex'),
      signature_algorithm: signer.algorithm,
      key_id: signer.publicKey.keyId,
      signature: signer.sign(text),
    };
    await (executor as Kysely<SnapshotTables>).insertInto('data_snapshot').values(row).execute();
  }

  /** A snapshot by id, for its readers (others: 404); the read is audited in its transaction. */
  async get(ctx: RequestContext, id: string): Promise<SnapshotView> {
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('data_snapshot').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || !mayRead(ctx.actor, row))
        throw SnapshotErrors.error('SNAPSHOT_NOT_FOUND', { id: id.slice(0, 64) });
      await this.deps.audit.record(trx, ctx, {
        action: 'snapshot.read',
        category: 'access',
        targetType: 'data_snapshot',
        targetId: row.id,
        detail: { caseNumber: row.case_number, entryId: row.entry_id },
      });
      return {
        ...summary(row),
        content: row.content,
        signature: row.signature,
        verification: this.#verdict(row),
      };
    });
  }

  /** Snapshots in the reader's scope, newest first: those of one case number, or the latest. */
  async list(ctx: RequestContext, filter: { caseNumber?: string | undefined }): Promise<SnapshotSummary[]> {
    const scope = scopeOf(ctx.actor, SnapshotActions['snapshot.read']);
    return this.deps.db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('data_snapshot')
        .select([
          'id',
          'case_number',
          'kind',
          'entry_id',
          'entry_code',
          'entry_name',
          'requester_id',
          'requester_name',
          'requester_department_id',
          'requester_department_name',
          'requester_jurisdiction_path',
          'purpose',
          'grant_id',
          'taken_at',
          'record_count',
          'digest',
          'signature_algorithm',
          'key_id',
        ])
        .where((eb) =>
          scopeWhere(eb, scope, {
            department: 'requester_department_id',
            path: 'requester_jurisdiction_path',
          }),
        );
      if (filter.caseNumber !== undefined) query = query.where('case_number', '=', filter.caseNumber);
      const rows = await query.orderBy('taken_at', 'desc').orderBy('id', 'desc').limit(LIST_MAX).execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'snapshot.list',
        category: 'access',
        targetType: 'data_snapshot',
        detail: {
          ...(filter.caseNumber !== undefined ? { caseNumber: filter.caseNumber } : {}),
          count: rows.length,
        },
      });
      return rows.map(summary);
    });
  }

  /** Public: whether `digest` is that of the kept snapshot `id`, and the platform's signature holds. */
  async verifyPublic(
    ctx: AuditContext,
    input: { id: string; digest: string },
  ): Promise<SnapshotVerification> {
    const row = await this.deps.db
      .selectFrom('data_snapshot')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirst();
    const answer: SnapshotVerification = !row
      ? verdictOf('unknown')
      : row.digest !== input.digest.toLowerCase()
        ? verdictOf('digest_mismatch')
        : this.#verdict(row);
    await this.deps.audit.record(this.deps.db, ctx, {
      action: 'snapshot.verify',
      category: 'access',
      targetType: 'data_snapshot',
      targetId: input.id,
      detail: { valid: answer.valid, reason: answer.reason },
    });
    return answer;
  }

  /** The platform's public key (PEM) that signs snapshots. */
  publicKeyPem(): string {
    return this.deps.signer.publicKey.pem;
  }

  /**
   * Removes the snapshots taken before `cutoff` (ISO): they follow the audit trail's retention
   * period (R87), removed by the same daily job once the access entries that name them are.
   */
  async expire(cutoff: string): Promise<number> {
    const result = await this.deps.db
      .deleteFrom('data_snapshot')
      .where('taken_at', '<', cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  #verdict(row: DataSnapshotTable): SnapshotVerification {
    const key = this.deps.signer.publicKey;
    const hash = digestAlgorithmOf(key.algorithm);
    const digest = createHash(hash).update(row.content, 'utf8').digest('hex');
    let reason: SnapshotVerdictReason = 'valid';
    if (digest !== row.digest) reason = 'signature_mismatch';
    else if (row.key_id !== key.keyId || row.signature_algorithm !== key.algorithm)
      reason = 'signature_mismatch';
    else if (!key.verify(row.content, row.signature)) reason = 'signature_mismatch';
    else if (!contentMatches(row)) reason = 'signature_mismatch';
    const answer = verdictOf(reason);
    return {
      ...answer,
      snapshot: {
        id: row.id,
        takenAt: row.taken_at,
        caseNumber: row.case_number,
        kind: row.kind,
        resourceCode: row.entry_code,
        resourceName: row.entry_name,
        requesterDepartmentName: row.requester_department_name,
        recordCount: row.record_count,
        digest: row.digest,
        algorithm: row.signature_algorithm,
        keyId: row.key_id,
      },
    };
  }
}

/** The columns shown beside the content say what the signed content says. */
function contentMatches(row: DataSnapshotTable): boolean {
  try {
    const c = JSON.parse(row.content) as SnapshotContent;
    return (
      c.id === row.id &&
      c.caseNumber === row.case_number &&
      c.takenAt === row.taken_at &&
      c.kind === row.kind &&
      c.resource.entryId === row.entry_id &&
      c.requester.departmentId === row.requester_department_id &&
      c.records.length === row.record_count
    );
  } catch {
    return false;
  }
}

const verdictOf = (reason: SnapshotVerdictReason): SnapshotVerification => ({
  valid: reason === 'valid',
  reason,
  message: VERDICT_TEXT[reason],
});

function mayRead(
  actor: Actor,
  row: Pick<DataSnapshotTable, 'requester_department_id' | 'requester_jurisdiction_path'>,
): boolean {
  return isAllowed(actor, SnapshotActions['snapshot.read'], {
    departmentId: row.requester_department_id,
    jurisdictionPath: row.requester_jurisdiction_path,
  });
}

function summary(row: Omit<DataSnapshotTable, 'content' | 'signature'>): SnapshotSummary {
  return {
    id: row.id,
    caseNumber: row.case_number,
    kind: row.kind,
    takenAt: row.taken_at,
    entry: { id: row.entry_id, code: row.entry_code, name: row.entry_name },
    requester: {
      id: row.requester_id,
      name: row.requester_name,
      departmentId: row.requester_department_id,
      departmentName: row.requester_department_name,
    },
    purpose: row.purpose,
    grantId: row.grant_id,
    recordCount: row.record_count,
    digest: row.digest,
    signatureAlgorithm: row.signature_algorithm,
    keyId: row.key_id,
  };
}
