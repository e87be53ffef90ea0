import { type TSchema, Type } from '@sinclair/typebox';
import { DeadlineSchema, errorResponses, literals } from '../../platform/http/index.js';
import { EntryContentSchema } from '../content-schema.js';
import { CATALOG_CLASSES, SHARE_TYPES } from '../model.js';
import { ENTRY_ACTIONS } from '../store.js';

export { EntryContentSchema };

const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Label = Type.Object({ zh: Type.String(), en: Type.String() });

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const IdParams = Type.Object({ id: Id });

export const ValidationIssueSchema = Type.Object({
  code: Type.String(),
  field: Type.String({ description: '出错字段的路径，如 items[2].dataType / path of the field' }),
  message: Label,
});

export const ProviderSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  code: Type.String({ description: '信息资源提供方代码（统一社会信用代码）/ provider code (USCC)' }),
});

const Status = Type.Union(
  ['draft', 'submitted', 'returned', 'ratified', 'published', 'withdrawn'].map((s) => Type.Literal(s)),
  { description: '目录条目状态 / entry status' },
);
export const EntryStatusSchema = Status;

export const EntrySummarySchema = Type.Object({
  id: Type.String(),
  code: Type.String({ description: '信息资源代码 / resource code' }),
  name: Type.String(),
  status: Status,
  currentStatus: Type.String({ description: '最新版本的状态 / state of the newest version' }),
  catalogClass: literals(CATALOG_CLASSES, '目录类别 / catalog class'),
  area: Nullable(Type.String()),
  shareType: literals(SHARE_TYPES, '共享类型 / share type'),
  openToPublic: Type.Boolean(),
  classified: Type.Boolean(),
  provider: ProviderSchema,
  currentVersion: Type.Integer(),
  publishedVersion: Nullable(Type.Integer()),
  publishDate: Nullable(Type.String()),
  updatedAt: Type.String(),
  dataClass: Nullable(
    Type.String({
      description: '数据分类：core 核心数据 / important 重要数据 / general 一般数据；null 未定级',
    }),
  ),
  dataLevel: Nullable(Type.String({ description: '一般数据的级别 / level of general data' })),
});

export const PendingReductionSchema = Type.Object({
  version: Type.Integer(),
  reasons: Type.Array(Type.String()),
  changeReason: Nullable(Type.String()),
});

export const EntryDetailSchema = Type.Composite([
  EntrySummarySchema,
  Type.Object({
    content: EntryContentSchema,
    publishedContent: Type.Optional(EntryContentSchema),
    versions: Type.Array(
      Type.Object({
        version: Type.Integer(),
        status: Type.String(),
        createdAt: Type.String(),
        changeReason: Nullable(Type.String()),
        reductions: Type.Array(Type.String()),
      }),
    ),
    reviews: Type.Array(
      Type.Object({
        action: Type.String(),
        comment: Nullable(Type.String()),
        actorName: Type.String(),
        at: Type.String(),
        version: Type.Integer(),
      }),
    ),
    pendingReduction: Type.Optional(PendingReductionSchema),
    reviewDeadline: Type.Optional(
      Type.Composite([
        DeadlineSchema,
        Type.Object({
          overdueFlaggedAt: Nullable(Type.String({ description: '巡检标记逾期的时间 / flagged overdue at' })),
        }),
      ]),
    ),
    allowedActions: Type.Array(Type.Union(ENTRY_ACTIONS.map((a) => Type.Literal(a)))),
  }),
]);

export const VersionDetailSchema = Type.Object({
  version: Type.Integer(),
  status: Type.String(),
  content: EntryContentSchema,
  changeReason: Nullable(Type.String()),
  reductions: Type.Array(Type.String()),
  createdAt: Type.String(),
  submittedAt: Nullable(Type.String()),
  ratifiedAt: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
});

export const DiffSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  changes: Type.Array(
    Type.Object({
      path: Type.String(),
      kind: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed')]),
      before: Type.Optional(Type.Unknown()),
      after: Type.Optional(Type.Unknown()),
    }),
  ),
  reductions: Type.Array(Type.String()),
});

export const Comment = Type.String({ maxLength: 2000 });
export const Paging = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};
export { strict };

/**
 * A catalog error body: the common one plus, for a refused submission, every validation issue
 * (the editor shows them all) and, for a refused batch, the issues of each row.
 */
export const CatalogErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    requestId: Type.String(),
    issues: Type.Optional(Type.Array(ValidationIssueSchema)),
    rows: Type.Optional(
      Type.Array(Type.Object({ index: Type.Integer(), issues: Type.Array(ValidationIssueSchema) })),
    ),
  }),
});

/** `errorResponses` with the 422 answer documented as carrying the issue list. */
export function catalogErrorResponses(...codes: string[]): Record<string, TSchema> {
  const responses = errorResponses(...codes);
  const unprocessable = responses['422'];
  if (unprocessable) responses['422'] = { ...CatalogErrorBody, description: unprocessable.description };
  return responses;
}
