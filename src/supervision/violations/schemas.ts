import { type Static, Type } from '@sinclair/typebox';
import { CaseAttachmentBody, GoverningProfileSchema } from '../../platform/cases/index.js';
import { DeadlineSchema, Id, literals, Nullable, strict } from '../../platform/http/index.js';
import { SOURCE_KINDS, VIOLATION_ACTIONS, VIOLATION_STATUSES } from './schema.js';

/** Attachments to a rectification report: at most this many per case (each file: `CASE_ATTACHMENT`). */
export const ATTACHMENT_COUNT = 10;

const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, description });
const LabelSchema = Type.Object({ zh: Type.String(), en: Type.String() });

export const CategorySchema = Type.Object({
  code: Type.String(),
  party: literals(['provider', 'requester', 'authority', 'any'] as const, '适用对象 / the party it binds'),
  label: LabelSchema,
  article: Type.String({ description: '条款 / article' }),
  source: Type.String({ description: '所依据的政策配置 / the profile it comes from' }),
});

const EventSchema = Type.Object({
  action: Type.String(),
  actor: Type.Object({ id: Nullable(Type.String()), name: Type.String() }),
  at: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

const AttachmentSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  digest: Type.String({ description: 'SHA-256，十六进制 / SHA-256, hex' }),
  uploadedBy: Type.String(),
  createdAt: Type.String(),
});

export const CircularSummarySchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  digest: Type.String(),
  publishedAt: Type.String(),
});

/** A violation case as its reader sees it. */
export const ViolationSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: literals(VIOLATION_STATUSES, '状态 / state'),
  statusLabel: LabelSchema,
  category: CategorySchema,
  respondent: Type.Object({ departmentId: Type.String(), name: Type.String() }),
  facts: Type.String(),
  source: Nullable(
    Type.Object({
      kind: literals(SOURCE_KINDS, '自动立案的来源 / the record it was opened from'),
      id: Type.String(),
      ref: Nullable(Type.String()),
    }),
  ),
  openedBy: Type.String(),
  order: Nullable(Type.Object({ text: Type.String(), orderedAt: Type.String(), count: Type.Integer() })),
  deadline: Type.Optional(DeadlineSchema),
  dueDate: Nullable(Type.String()),
  overdue: Type.Boolean({ description: '逾期未整改 / rectification overdue' }),
  report: Nullable(Type.Object({ text: Type.String(), reportedAt: Type.String(), by: Type.String() })),
  decision: Nullable(Type.Object({ text: Type.String(), decidedAt: Type.String(), by: Type.String() })),
  attachments: Type.Array(AttachmentSchema),
  circulars: Type.Array(CircularSummarySchema),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  timeline: Type.Array(EventSchema),
  allowedActions: Type.Array(literals(VIOLATION_ACTIONS, '可办理的步骤 / steps open to the reader')),
  rules: Type.Optional(GoverningProfileSchema),
});
export type Violation = Static<typeof ViolationSchema>;

/** `POST /api/v1/supervision/violations`: the authority opens a case by hand (立案). */
export const OpenViolationBody = Type.Object(
  {
    categoryCode: Type.String({
      minLength: 1,
      maxLength: 64,
      description: '违规情形代码 / kind of violation',
    }),
    respondentDepartmentId: Id,
    facts: Text(10_000, '违规事实 / facts'),
  },
  strict,
);
export type OpenViolationInput = Static<typeof OpenViolationBody>;

/** The working days an order may give where the profile fixes no period (责令限期改正: the authority sets the limit). */
export const RECTIFICATION_DAYS = [5, 10, 15, 20, 30] as const;
const Days = Type.Optional(
  Type.Union(
    RECTIFICATION_DAYS.map((d) => Type.Literal(d, { description: `${d} 个工作日 / ${d} working days` })),
    {
      description:
        '整改期限（工作日；政策配置未规定期限时由主管部门确定）/ Period (working days, where the profile sets none)',
    },
  ),
);

export const OrderBody = Type.Object(
  { order: Text(4000, '整改要求 / what must be put right'), days: Days },
  strict,
);
export const ReportBody = Type.Object({ report: Text(10_000, '整改情况 / what was put right') }, strict);
export const AcceptBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000, description: '验收意见 / note' })) },
  strict,
);
export const ReasonBody = Type.Object({ reason: Text(2000, '理由 / reason') }, strict);
export const RejectBody = Type.Object(
  { reason: Text(2000, '未通过的理由 / why it is not accepted'), days: Days },
  strict,
);
export const PublishBody = Type.Object(
  { title: Type.Optional(Type.String({ maxLength: 200, description: '通报标题 / title' })) },
  strict,
);

export const AttachmentBody = CaseAttachmentBody;
export type AttachmentInput = Static<typeof AttachmentBody>;

export const ViolationListQuery = Type.Object(
  {
    status: Type.Optional(literals(VIOLATION_STATUSES, '状态 / state')),
    categoryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    respondentDepartmentId: Type.Optional(Id),
    sourceKind: Type.Optional(literals(SOURCE_KINDS, '来源 / source')),
    overdue: Type.Optional(Type.Boolean()),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  strict,
);
export type ViolationListFilter = Static<typeof ViolationListQuery>;

/** A published circular (通报): the frozen content, its digest, and whether the stored text still matches it. */
export const CircularSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  violationId: Type.String(),
  title: Type.String(),
  content: Type.Object({
    number: Type.String(),
    title: Type.String(),
    jurisdictionPath: Type.String(),
    respondent: Type.String(),
    category: Type.Object({ code: Type.String(), label: LabelSchema, article: Type.String() }),
    facts: Type.String(),
    order: Nullable(
      Type.Object({ text: Type.String(), dueDate: Nullable(Type.String()), count: Type.Integer() }),
    ),
    outcome: Type.Object({ status: Type.String(), label: LabelSchema, text: Nullable(Type.String()) }),
    publishedAt: Type.String(),
    publishedBy: Type.String(),
  }),
  /** The canonical JSON the digest seals, exactly as stored. */
  canonical: Type.String(),
  digest: Type.String({
    description: 'SHA-256（规范化 JSON），十六进制 / SHA-256 of the canonical JSON, hex',
  }),
  intact: Type.Boolean({ description: '存储的内容与摘要一致 / the stored text matches its digest' }),
  publishedAt: Type.String(),
  publishedBy: Type.String(),
});
export type Circular = Static<typeof CircularSchema>;

export const CircularListQuery = Type.Object(
  {
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  strict,
);

/** A violation to rectify, for the home page's to-do (issue 17). */
export const ToRectifySchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  category: LabelSchema,
  article: Type.String(),
  order: Type.String(),
  dueDate: Nullable(Type.String()),
  overdue: Type.Boolean(),
});
export type ToRectify = Static<typeof ToRectifySchema>;
