import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditContext, requestContext } from '../org/index.js';
import { errorResponses, strict } from '../platform/http/index.js';
import type { SnapshotService } from './snapshots.js';

const API = '/api/v1/seal/snapshots';
const tags = ['seal'];
/** Anyone may verify a voucher, from one address no faster than this. */
const PUBLIC_LIMIT = { max: 300, timeWindow: '1 minute' };

const SnapshotId = Type.String({
  pattern: '^[0-9A-Za-z_-]{1,64}$',
  description: '数据快照编号 / snapshot id',
});
const Digest = Type.String({
  pattern: '^[0-9a-fA-F]{64}$',
  description: '快照内容的 SM3 或 SHA-256 摘要（十六进制）/ SM3 or SHA-256 of the content, hex',
});
/** As the query's x-govshare-case-number header admits it. */
const CaseNumber = Type.String({
  pattern: '^[\\x21-\\x7e\\u3000-\\u9fff\\uff00-\\uffef]{1,64}$',
  description: '办理事项或执法案件编号 / matter or case number',
});
const Kind = Type.Union([Type.Literal('document'), Type.Literal('licence')], {
  description: '文书类 / 证照类 — document- / licence-type',
});

const Summary = Type.Object({
  id: Type.String(),
  caseNumber: Type.String(),
  kind: Kind,
  takenAt: Type.String(),
  entry: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  requester: Type.Object({
    id: Type.String(),
    name: Type.String(),
    departmentId: Type.String(),
    departmentName: Type.String(),
  }),
  purpose: Type.String(),
  grantId: Type.String(),
  recordCount: Type.Integer(),
  digest: Type.String(),
  signatureAlgorithm: Type.String(),
  keyId: Type.String(),
});

const Verification = Type.Object({
  valid: Type.Boolean(),
  reason: Type.Union(
    ['valid', 'unknown', 'digest_mismatch', 'signature_mismatch'].map((r) => Type.Literal(r)),
  ),
  message: Type.Object({ zh: Type.String(), en: Type.String() }),
  snapshot: Type.Optional(
    Type.Object({
      id: Type.String(),
      takenAt: Type.String(),
      caseNumber: Type.String(),
      kind: Kind,
      resourceCode: Type.String(),
      resourceName: Type.String(),
      requesterDepartmentName: Type.String(),
      recordCount: Type.Integer(),
      digest: Type.String(),
      algorithm: Type.String(),
      keyId: Type.String(),
    }),
  ),
});

const Snapshot = Type.Composite([
  Summary,
  Type.Object({
    signature: Type.String({
      description: 'base64：SM2 为 DER，Ed25519 为 64 字节 / base64: DER for SM2, raw 64 bytes for Ed25519',
    }),
    content: Type.String({
      description:
        '签名原文（规范化 JSON），openssl 核验的正是这些字节 / the signed text (canonical JSON): the bytes openssl checks',
    }),
    verification: Verification,
  }),
]);

/** Data snapshots (数据快照 / 电子凭证, Guangzhou Art.23 ¶2, R107) under `/api/v1/seal/snapshots`. */
export const snapshotRoutes =
  (snapshots: SnapshotService): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      API,
      {
        schema: {
          tags,
          summary: '数据快照列表（按办理事项或案件编号查找）/ Data snapshots, by case number',
          description:
            '查询部门的用户与信息资源管理员、其辖区的主管部门和安全审计员可见；最多 200 条，新的在前 / Seen by the querying department, the competent authority over it and the auditor; at most 200, newest first',
          querystring: Type.Object({ caseNumber: Type.Optional(CaseNumber) }, strict),
          response: { 200: Type.Object({ items: Type.Array(Summary) }), ...errorResponses() },
        },
      },
      async (request) => ({
        items: await snapshots.list(requestContext(request), { caseNumber: request.query.caseNumber }),
      }),
    );
    app.get(
      `${API}/public-key`,
      {
        config: { public: true, rateLimit: PUBLIC_LIMIT },
        schema: {
          tags,
          security: [],
          summary: '签署数据快照的平台公钥（PEM，公开）/ The platform key that signs snapshots (PEM, public)',
          response: { 200: Type.String({ description: 'application/x-pem-file' }), ...errorResponses() },
        },
      },
      async (_request, reply) => reply.type('application/x-pem-file').send(snapshots.publicKeyPem()),
    );
    app.get(
      `${API}/:id`,
      {
        schema: {
          tags,
          summary:
            '数据快照（电子凭证）及其签名核验结果 / A data snapshot (electronic voucher) and its verification',
          params: Type.Object({ id: SnapshotId }, strict),
          response: { 200: Snapshot, ...errorResponses('SNAPSHOT_NOT_FOUND') },
        },
      },
      async (request) => snapshots.get(requestContext(request), request.params.id),
    );
    app.post(
      `${API}/verify`,
      {
        config: { public: true, rateLimit: PUBLIC_LIMIT },
        schema: {
          tags,
          security: [],
          summary: '核验数据快照（编号 + 摘要，公开，无需登录）/ Verify a snapshot by id and digest (public)',
          body: Type.Object({ id: SnapshotId, digest: Digest }, strict),
          response: { 200: Verification, ...errorResponses() },
        },
      },
      async (request) => snapshots.verifyPublic(auditContext(request), request.body),
    );
  };
