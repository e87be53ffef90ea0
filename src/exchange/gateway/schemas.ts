import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../platform/http/index.js';
import { GRANT_REFUSALS } from '../../sharing/index.js';
import { strict } from '../schemas.js';
import { DOWNLOAD_FORMATS } from './formats.js';

const ItemName = Type.String({ minLength: 1, maxLength: 200 });
const KeyValue = Type.String({ minLength: 1, maxLength: 1000 });
const Scalar = Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean(), Type.Null()]);

export const EntryParams = Type.Object({ entryId: Type.String({ minLength: 1, maxLength: 64 }) }, strict);

/** The purpose and case number every read states (documented here for OpenAPI readers). */
export const ReadHeaders = Type.Object({
  'x-govshare-purpose': Type.Optional(
    Type.String({
      description:
        '必填：使用用途 administrative_basis | work_reference | data_verification | business_coordination | other / required: purpose of the read',
    }),
  ),
  'x-govshare-case-number': Type.Optional(
    Type.String({ description: '办件编号（可选，UTF-8）/ optional case number' }),
  ),
});

export const QueryBodySchema = Type.Object(
  {
    keys: Type.Optional(
      Type.Array(KeyValue, {
        minItems: 1,
        maxItems: 500,
        description:
          '记录键值：键信息项的值；多个键信息项时为其值的 JSON 数组。任一键值无效（如公民身份号码校验位错误）则整批不查询，EXCHANGE_KEY_INVALID 逐行列出无效键值（第 n 行即 keys 中第 n 个，个人信息脱敏）/ canonical keys: the key item value, or a JSON array of the key items’ values. One invalid key refuses the whole batch; EXCHANGE_KEY_INVALID names each bad one by line (line n is the n-th of keys), personal values masked',
      }),
    ),
    filter: Type.Optional(
      Type.Record(ItemName, Scalar, {
        maxProperties: 10,
        description: '按键信息项等值筛选 / equality on key items',
      }),
    ),
    items: Type.Optional(
      Type.Array(ItemName, {
        minItems: 1,
        maxItems: 500,
        description: '只返回这些信息项 / only these items',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 4000, description: '上一页的 nextCursor' })),
  },
  strict,
);

/** A record's electronic seal (R106), as the seal module signs it. */
export const RecordSealSchema = Type.Object({
  keyId: Type.String(),
  sealName: Type.String(),
  departmentId: Type.String(),
  algorithm: Type.Union([Type.Literal('sm2'), Type.Literal('ed25519')]),
  signedAt: Type.String(),
  digest: Type.String(),
  signature: Type.String(),
});

/** A sealed record, as `POST /api/v1/seal/verify` takes it (R106, R108). */
export const SealedRecordSchema = Type.Object({
  document: Type.Object(
    {
      resource: Type.String({ description: '信息资源代码 / the resource code' }),
      key: Type.String({ description: '记录键值（规范形式）/ the canonical record key' }),
      values: Type.Record(Type.String(), Scalar, {
        description: '信息项名称 → 值，空值不列 / item name → value, empty items left out',
      }),
    },
    { additionalProperties: false },
  ),
  seal: RecordSealSchema,
});

export const QueryAnswerSchema = Type.Object({
  records: Type.Array(Type.Record(Type.String(), Scalar), {
    description:
      '记录：信息项名称 → 值。有未办结的校核申请指向的记录（或整个资源正在校核）仍照常返回，并带 underVerification: true（校核中）；其余记录不带该字段 / records: item name → value. A record named by an open verification request (or of a resource under verification as a whole) is still served, with underVerification: true; other records do not carry the field (R83)',
  }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  grantId: Type.String(),
  snapshotId: Type.Optional(
    Type.String({
      description:
        '本次查询同步生成的数据快照（电子凭证）编号：仅当实例的政策配置启用数据快照且资源为文书类或证照类（R107）/ the data snapshot (electronic voucher) this query fixed: only where the profile switches snapshots on and the resource is document- or licence-type (R107)',
    }),
  ),
  masked: Type.Array(Type.String(), { description: '脱敏提供的信息项 / items given masked' }),
  notFound: Type.Array(Type.String(), {
    description:
      '查无此记录的键值：按请求中的原样与顺序列出（重复的只列一次）；仅第一页给出，后续页为空数组 / keys asked that no record answers, as given and in input order (each once); first page only, [] on later pages',
  }),
  sealed: Type.Optional(
    Type.Array(SealedRecordSchema, {
      description:
        '文书类、证照类信息的电子签章记录（R106）：本页中加盖了提供部门电子印章的记录，原样可提交 POST /api/v1/seal/verify 核验；仅当读取者获得记录的全部信息项且均未脱敏时给出 / the sealed records of this page (document- and licence-type information, R106), each ready for POST /api/v1/seal/verify; given only when the reader receives every item of the record in clear',
    }),
  ),
});

export const DownloadQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union(
        DOWNLOAD_FORMATS.map((f) => Type.Literal(f)),
        { default: 'csv' },
      ),
    ),
    items: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 10_000,
        description: '逗号分隔的信息项 / comma-separated items',
      }),
    ),
    after: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 4000,
        description:
          '续传：上次收到的最后一条记录的键值（键信息项脱敏时须用清单中的 resume）/ resume after this key (or the manifest’s resume token)',
      }),
    ),
  },
  strict,
);

export const ManifestSchema = Type.Object({
  downloadId: Type.String(),
  entryId: Type.String(),
  grantId: Type.String(),
  format: Type.String(),
  items: Type.Array(Type.String()),
  rows: Type.Integer(),
  algorithm: Type.String(),
  digest: Type.Union([Type.String(), Type.Null()]),
  sm3: Type.Optional(Type.String()),
  sha256: Type.Optional(Type.String()),
  after: Type.Union([Type.String(), Type.Null()]),
  lastKey: Type.Union([Type.String(), Type.Null()]),
  resume: Type.Union([Type.String(), Type.Null()]),
  snapshotSeq: Type.Integer(),
  status: Type.String(),
  startedAt: Type.String(),
  generatedAt: Type.Union([Type.String(), Type.Null()]),
});

/** The codes any read may answer with: purpose, access check, grant refusals, rate limits. */
export const READ_ERRORS = [
  'EXCHANGE_PURPOSE_REQUIRED',
  'EXCHANGE_PURPOSE_INVALID',
  'EXCHANGE_CASE_NUMBER_INVALID',
  'EXCHANGE_NOT_HOSTED',
  'EXCHANGE_RESOURCE_SUSPENDED',
  'EXCHANGE_ITEM_UNKNOWN',
  'EXCHANGE_RATE_LIMITED',
  ...GRANT_REFUSALS,
];

export const readErrors = (...codes: string[]) => errorResponses(...READ_ERRORS, ...codes);
