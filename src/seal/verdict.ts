import type { PublicSigningKey } from '../platform/crypto/index.js';
import type { SealKeyTable } from './schema.js';
import { documentDigest, isSealable, type SealedDocument, signedText } from './sealed.js';
import type { SealView } from './service.js';

/** Why a sealed document is or is not valid. */
export type SealVerdict =
  | 'valid'
  | 'malformed'
  | 'unknown_key'
  | 'seal_mismatch'
  | 'digest_mismatch'
  | 'signature_mismatch'
  | 'outside_validity'
  | 'retired_before_signing'
  | 'revoked_before_signing';

export interface SealVerification {
  valid: boolean;
  reason: SealVerdict;
  message: { zh: string; en: string };
  /** The seal as registered, where the key is known: its status now (a revoked seal's signatures from before still hold). */
  seal?: Pick<
    SealView,
    | 'keyId'
    | 'sealName'
    | 'department'
    | 'algorithm'
    | 'status'
    | 'validFrom'
    | 'validTo'
    | 'retiredAt'
    | 'revokedAt'
    | 'revokeReason'
  >;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const MESSAGES: Record<Exclude<SealVerdict, 'valid'>, { zh: string; en: string }> = {
  malformed: { zh: '签章数据格式不正确', en: 'The sealed document is not well formed' },
  unknown_key: {
    zh: '本平台未登记该电子印章（密钥标识未知）',
    en: 'No seal with this key id is registered here',
  },
  seal_mismatch: {
    zh: '签章中的印章名称、部门或算法与登记的印章不符',
    en: "The seal's name, department or algorithm differs from the registered seal",
  },
  digest_mismatch: {
    zh: '文档内容已被改动：与签章摘要不符',
    en: "The document's content was changed: it no longer matches the sealed digest",
  },
  signature_mismatch: {
    zh: '签名不符：文档内容或签章信息已被改动',
    en: 'The signature does not match: the content or the seal fields were changed',
  },
  outside_validity: {
    zh: '签章时间不在印章有效期内',
    en: "The signing time lies outside the seal's validity",
  },
  retired_before_signing: {
    zh: '签章时间晚于该印章停用（轮换）时间',
    en: 'Signed after the seal was retired (rotated)',
  },
  revoked_before_signing: {
    zh: '签章时间晚于该印章注销时间',
    en: 'Signed after the seal was revoked',
  },
};

/**
 * The verdict on a sealed document against the registered seal (if its key is known). The order
 * of the checks gives the most useful reason: the document's digest first (the content changed),
 * then the signature over document and seal fields (the digest or the date were changed too), then
 * the seal's life at the signing time.
 */
export function verdict(
  sealed: SealedDocument,
  known: { row: SealKeyTable; publicKey: PublicSigningKey } | undefined,
): SealVerification {
  const seal = sealed.seal;
  if (!isSealable(sealed.document) || typeof seal?.signedAt !== 'string' || !ISO_UTC.test(seal.signedAt))
    return refused('malformed');
  if (!known) return refused('unknown_key');
  const { row, publicKey } = known;
  const registered = {
    keyId: row.key_id,
    sealName: row.seal_name,
    department: { id: row.department_id, name: row.department_name },
    algorithm: row.algorithm,
    status: row.status,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    retiredAt: row.retired_at,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
  };
  const no = (reason: Exclude<SealVerdict, 'valid'>) => ({ ...refused(reason), seal: registered });
  if (
    seal.sealName !== row.seal_name ||
    seal.departmentId !== row.department_id ||
    seal.algorithm !== row.algorithm
  )
    return no('seal_mismatch');
  if (documentDigest(row.algorithm, sealed.document) !== seal.digest) return no('digest_mismatch');
  if (!publicKey.verify(signedText(sealed.document, seal), seal.signature)) return no('signature_mismatch');
  if (seal.signedAt < row.valid_from || seal.signedAt >= row.valid_to) return no('outside_validity');
  if (row.retired_at !== null && seal.signedAt >= row.retired_at) return no('retired_before_signing');
  if (row.revoked_at !== null && seal.signedAt >= row.revoked_at) return no('revoked_before_signing');
  return { valid: true, reason: 'valid', message: validMessage(row), seal: registered };
}

function refused(reason: Exclude<SealVerdict, 'valid'>): SealVerification {
  return { valid: false, reason, message: MESSAGES[reason] };
}

function validMessage(row: SealKeyTable): { zh: string; en: string } {
  if (row.revoked_at !== null)
    return {
      zh: `签章有效：签章时该印章有效；该印章已于 ${row.revoked_at} 注销（${row.revoke_reason ?? ''}），此后所签无效`,
      en: `Valid: the seal was in force when it signed; it was revoked at ${row.revoked_at} (${row.revoke_reason ?? ''}), and nothing it signs from then on is valid`,
    };
  if (row.retired_at !== null)
    return {
      zh: `签章有效：签章时该印章有效；该印章已于 ${row.retired_at} 轮换停用`,
      en: `Valid: the seal was in force when it signed; it was retired by rotation at ${row.retired_at}`,
    };
  return {
    zh: '签章有效：文档未被改动，印章在用',
    en: 'Valid: the document is unchanged and the seal is in force',
  };
}
