import { Type } from '@sinclair/typebox';
import { Nullable, strict } from '../platform/http/index.js';
import { SEAL_NAME_MAX } from './service.js';

export const KeyId = Type.String({
  pattern: '^[0-9a-f]{16}$',
  description:
    '密钥标识：公钥 SPKI 的 SHA-256 前 16 位十六进制 / key id: first 16 hex digits of SHA-256 over the SPKI',
});
const Instant = Type.String({ format: 'date-time', maxLength: 40 });
const Algorithm = Type.Union([Type.Literal('sm2'), Type.Literal('ed25519')]);
const Status = Type.Union([Type.Literal('active'), Type.Literal('retired'), Type.Literal('revoked')], {
  description: '在用 / 已轮换停用 / 已注销 — active / retired by rotation / revoked',
});

export const Seal = Type.Object({
  keyId: Type.String(),
  sealName: Type.String(),
  department: Type.Object({ id: Type.String(), name: Type.String() }),
  algorithm: Algorithm,
  status: Status,
  validFrom: Type.String(),
  validTo: Type.String(),
  issuedAt: Type.String(),
  issuedBy: Type.String(),
  retiredAt: Nullable(Type.String()),
  replacedBy: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  revokeReason: Nullable(Type.String()),
});

export const IssueBody = Type.Object(
  {
    departmentId: Type.String({ minLength: 1, maxLength: 64 }),
    sealName: Type.String({
      minLength: 1,
      maxLength: SEAL_NAME_MAX * 2,
      description: '登记的印章名称，如“广州市公安局电子印章” / the registered seal name',
    }),
    validFrom: Type.Optional(Instant),
    validTo: Instant,
  },
  strict,
);

export const RotateBody = Type.Object({ validTo: Type.Optional(Instant) }, strict);
export const RevokeBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, description: '注销原因 / why it is revoked' }) },
  strict,
);

export const SealedDocumentSchema = Type.Object(
  {
    document: Type.Object(
      {},
      {
        additionalProperties: true,
        description: '签章的 JSON 文档，原样 / the sealed JSON document, as received',
      },
    ),
    seal: Type.Object(
      {
        keyId: KeyId,
        sealName: Type.String({ maxLength: SEAL_NAME_MAX * 2 }),
        departmentId: Type.String({ maxLength: 64 }),
        algorithm: Algorithm,
        signedAt: Type.String({ maxLength: 40 }),
        digest: Type.String({ pattern: '^[0-9a-f]{64}$' }),
        signature: Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
      },
      strict,
    ),
  },
  strict,
);

export const Verification = Type.Object({
  valid: Type.Boolean(),
  reason: Type.Union(
    [
      'valid',
      'malformed',
      'unknown_key',
      'seal_mismatch',
      'digest_mismatch',
      'signature_mismatch',
      'outside_validity',
      'retired_before_signing',
      'revoked_before_signing',
    ].map((r) => Type.Literal(r)),
  ),
  message: Type.Object({ zh: Type.String(), en: Type.String() }),
  // The registered seal as the verdict shows it: the seal's own fields, without who issued it.
  seal: Type.Optional(
    Type.Pick(Seal, [
      'keyId',
      'sealName',
      'department',
      'algorithm',
      'status',
      'validFrom',
      'validTo',
      'retiredAt',
      'revokedAt',
      'revokeReason',
    ]),
  ),
});
