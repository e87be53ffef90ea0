import { Type } from '@sinclair/typebox';
import { DATA_TYPES, KEY_KINDS } from '../../catalog/index.js';
import { errorResponses, Nullable } from '../../platform/http/index.js';
import { CHANGE_OPS, HOSTED_STATUSES } from '../model.js';
import { Id, literals, strict } from '../schemas.js';
import { WRITE_OPS } from './apply.js';
import { REJECT_PROBLEMS } from './errors.js';
import { BATCH_MODES, LOAD_FORMATS, LOAD_STATUSES } from './schema.js';
import { MAX_BATCH_OPS } from './service.js';

export { Id, literals, strict };
export const EntryParams = Type.Object({ entryId: Id }, strict);

export const HostedColumnSchema = Type.Object({
  item: Type.String({ description: '信息项名称 / information item' }),
  column: Type.String({ description: '存放列（c1、c2…）/ stored column' }),
  dataType: literals(DATA_TYPES, '数据类型代码 / data type code'),
  length: Type.Optional(Type.Integer()),
  isKey: Type.Boolean(),
  keyKind: Type.Optional(literals(KEY_KINDS, '关键项标识类型 / key kind')),
  personal: Type.Boolean({
    description: '个人信息（未授权明文时脱敏）/ personal, masked unless granted in clear',
  }),
  active: Type.Boolean({ description: '当前目录版本仍含此项 / still in the published version' }),
});

export const HostedResourceSchema = Type.Object({
  id: Type.String(),
  entry: Type.Object({
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    version: Type.Integer(),
  }),
  provider: Type.Object({ departmentId: Type.String(), jurisdictionPath: Type.String() }),
  status: literals(HOSTED_STATUSES, '托管状态 / hosting status'),
  columns: Type.Array(HostedColumnSchema),
  lastSeq: Type.Integer({ description: '变更日志最新序号 / last change-log number' }),
  rowCount: Type.Integer(),
  lastChangedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

const ItemValueSchema = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const BatchBody = Type.Object(
  {
    ops: Type.Array(
      Type.Object(
        {
          op: literals(WRITE_OPS, '新增 / 新增或更新 / 删除 — insert, upsert, delete'),
          record: Type.Record(Type.String({ minLength: 1, maxLength: 200 }), ItemValueSchema, {
            description:
              '按信息项名称给出的记录；未给出的信息项视为空值；删除只需关键项 / record keyed by item name; items left out are empty; delete needs the key items only',
          }),
        },
        strict,
      ),
      { minItems: 1, maxItems: MAX_BATCH_OPS },
    ),
    mode: Type.Optional(
      literals(
        BATCH_MODES,
        '全部成功或全部不写入（默认）/ 保留正确记录 — all or nothing (default) / keep good',
      ),
    ),
    source: Type.Optional(
      Type.String({
        // `correction:` names a verification request's correction: only that step writes it (R84).
        pattern: '^(?!correction:)[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$',
        description:
          '变更来源，如 node:<id>；correction: 前缀仅由校核更正写入 / what made the change, e.g. node:<id>; the correction: prefix is written only by a verification request’s correction',
      }),
    ),
  },
  strict,
);

export const RejectionSchema = Type.Object({
  index: Type.Integer({ description: '批内序号（从 0 起）或文件行号 / batch index (from 0) or file row' }),
  item: Type.Optional(Type.String()),
  problem: literals(Object.keys(REJECT_PROBLEMS) as (keyof typeof REJECT_PROBLEMS)[], '问题代码 / problem'),
  detail: Type.String(),
});

export const BatchResultSchema = Type.Object({
  applied: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Array(RejectionSchema),
  firstSeq: Nullable(Type.Integer()),
  lastSeq: Nullable(Type.Integer()),
});

/** The error body of a rejected batch: the usual error plus the rejected records. */
export const BatchRejectedSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    requestId: Type.String(),
    details: Type.Optional(Type.Object({ rejected: Type.Array(RejectionSchema) })),
  }),
});

export const ChangeSchema = Type.Object({
  seq: Type.Integer(),
  op: literals(CHANGE_OPS, '新增 / 更新 / 删除 — insert | update | delete'),
  key: Type.String({ description: '记录主键 / canonical record key' }),
  at: Type.String(),
  source: Type.String(),
});

export const LoadViewSchema = Type.Object({
  id: Type.String(),
  entryId: Type.String(),
  format: literals(LOAD_FORMATS, '文件格式 / file format'),
  mode: literals(BATCH_MODES, '模式 / mode'),
  status: literals(LOAD_STATUSES, '状态 / status'),
  totalBytes: Nullable(Type.Integer()),
  bytesRead: Type.Integer(),
  rowsRead: Type.Integer(),
  applied: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  firstSeq: Nullable(Type.Integer()),
  lastSeq: Nullable(Type.Integer()),
  hasRejectFile: Type.Boolean(),
  error: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdByName: Type.String(),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  durationMs: Nullable(Type.Integer()),
  encoding: Nullable(
    Type.Union([Type.Literal('utf-8'), Type.Literal('gb18030')], {
      description: 'CSV 的读取编码（声明的或自动识别的）/ the encoding a CSV was read in',
    }),
  ),
  encodingSource: Nullable(
    Type.Union([Type.Literal('declared'), Type.Literal('detected')], {
      description: '编码由上传方声明，或由平台识别 / declared by the uploader or recognized',
    }),
  ),
});

export const hostingErrors = (...codes: string[]) => errorResponses(...codes);
