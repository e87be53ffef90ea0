import { type Static, Type } from '@sinclair/typebox';
import { CaseAttachmentBody } from '../../platform/cases/index.js';
import { Id, literals, Nullable, strict } from '../../platform/http/index.js';

/**
 * The API contract of verification and correction requests (校核纠错, 809 第二十六条, R80–R84,
 * R134): request bodies, answers and their TypeScript types. The portal builds against these
 * names; fields may be added, none taken away.
 */

/**
 * A request's life. Channel provider (809 第二十六条): `filed` until the provider answers.
 * Channel authority (Guangzhou Art.22, Neixiang Art.18): `checking` at the authority, which
 * answers a technical cause itself (`resolved`) or forwards the request to the provider
 * (`forwarded`). The provider answers with `corrected`, `confirmed` (核实无误) or `rejected`;
 * the consumer may take it back while open (`withdrawn`).
 */
export const CORRECTION_STATUSES = [
  'filed',
  'checking',
  'forwarded',
  'corrected',
  'confirmed',
  'rejected',
  'resolved',
  'withdrawn',
] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];
/** The states in which a request is open: its records are marked as under verification (R83). */
export const OPEN_CORRECTION_STATUSES = [
  'filed',
  'checking',
  'forwarded',
] as const satisfies readonly CorrectionStatus[];

export const CORRECTION_SCOPES = ['records', 'resource'] as const;
export type CorrectionScope = (typeof CORRECTION_SCOPES)[number];

export const CORRECTION_VIEWS = ['filed', 'received', 'authority'] as const;
export type CorrectionView = (typeof CORRECTION_VIEWS)[number];

export const CORRECTION_STEPS = ['forward', 'resolve', 'correct', 'confirm', 'reject', 'withdraw'] as const;
export type CorrectionAction = (typeof CORRECTION_STEPS)[number];

/** Attachments to a request: at most this many (each file: the case kernel's `CASE_ATTACHMENT`). */
export const ATTACHMENT_COUNT = 5;

/** At most this many records in one request, and this many corrected records in one answer. */
export const MAX_RECORDS = 200;

const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });
const KeyValues = Type.Record(
  Type.String({ minLength: 1, maxLength: 200 }),
  Type.String({ maxLength: 500 }),
  {
    minProperties: 1,
    maxProperties: 10,
    description: '记录键值（按信息项名称）/ the record key by item name',
  },
);
const Label = Type.Object({ zh: Type.String(), en: Type.String() });

/** One record a request names: its key, the items concerned, what is wrong, what is believed right. */
export const RecordClaimSchema = Type.Object(
  {
    key: KeyValues,
    items: Type.Array(Text(200), {
      minItems: 1,
      maxItems: 50,
      description: '有误的信息项 / items concerned',
    }),
    problem: Text(2000, '问题说明 / what is wrong'),
    proposed: Type.Optional(
      Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Type.String({ maxLength: 2000 }), {
        maxProperties: 50,
        description: '认为正确的值 / the values believed correct',
      }),
    ),
  },
  strict,
);
export type RecordClaim = Static<typeof RecordClaimSchema>;

export const AttachmentInputSchema = CaseAttachmentBody;
export type AttachmentInput = Static<typeof AttachmentInputSchema>;

/** `POST /api/v1/quality/corrections`: file a request against records or the resource as a whole. */
export const FileCorrectionBody = Type.Object(
  {
    entryId: Id,
    scope: literals(CORRECTION_SCOPES, '校核范围：指定记录 / 整个资源 — specific records or the resource'),
    records: Type.Optional(Type.Array(RecordClaimSchema, { maxItems: MAX_RECORDS })),
    description: Text(10_000, '申请说明 / description'),
    attachments: Type.Optional(Type.Array(AttachmentInputSchema, { maxItems: ATTACHMENT_COUNT })),
  },
  strict,
);
export type FileCorrectionInput = Static<typeof FileCorrectionBody>;

export const CorrectionListQuery = Type.Object(
  {
    view: Type.Optional(
      literals(CORRECTION_VIEWS, '视角：本部门提出 / 本部门收到 / 主管部门 — filed, received, authority'),
    ),
    status: Type.Optional(literals(CORRECTION_STATUSES, '校核申请状态 / request status')),
    entryId: Type.Optional(Id),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  strict,
);
export type CorrectionListFilter = Static<typeof CorrectionListQuery>;

/** `correct`: the corrected records, written through the hosted-data write path, and a note. */
export const CorrectBody = Type.Object(
  {
    records: Type.Array(
      Type.Object(
        {
          op: literals(['upsert', 'delete'] as const, '操作：更正（写入）/ 删除 — upsert or delete'),
          record: Type.Record(
            Type.String({ minLength: 1, maxLength: 200 }),
            Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean(), Type.Null()]),
            { minProperties: 1, maxProperties: 500 },
          ),
        },
        strict,
      ),
      { minItems: 1, maxItems: MAX_RECORDS, description: '更正后的记录 / corrected records' },
    ),
    note: Type.Optional(Type.String({ maxLength: 2000, description: '处理说明 / note' })),
  },
  strict,
);
export type CorrectInput = Static<typeof CorrectBody>;

export const CorrectionReasonBody = Type.Object({ reason: Text(2000, '不予更正的理由 / reason') }, strict);
export const CorrectionNoteBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000, description: '说明 / note' })) },
  strict,
);

const PartySchema = Type.Object({ id: Type.String(), name: Type.String() });

export const CorrectionDeadlineSchema = Type.Object({
  /** The due date (`dueDate` is the same, as the case page's deadline cell reads it). */
  due: Type.String({ format: 'date' }),
  dueDate: Type.String({ format: 'date' }),
  provisional: Type.Boolean(),
  article: Nullable(Type.String()),
  overdue: Type.Boolean(),
  workingDaysLeft: Nullable(Type.Integer()),
  /** Which period runs: the provider's answer, the authority's check, the provider's check after forwarding. */
  label: Label,
  kind: literals(['handling', 'providerCheck'] as const, '期限类别 / which period'),
});
export type CorrectionDeadline = Static<typeof CorrectionDeadlineSchema>;

export const CorrectionOutcomeSchema = Type.Object({
  kind: literals(
    ['corrected', 'confirmed', 'rejected', 'resolved', 'withdrawn'] as const,
    '处理结果 / outcome',
  ),
  label: Label,
  note: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  /** The change-log entries of the correction (`source` = `correction:<number>`). */
  firstSeq: Nullable(Type.Integer()),
  lastSeq: Nullable(Type.Integer()),
  /** The items the correction changed (never the values). */
  itemsChanged: Type.Array(Type.String()),
  /** How many departments that read the records before were told (R84). */
  readersNoticed: Type.Integer(),
  decidedAt: Type.String(),
  decidedBy: PartySchema,
});
export type CorrectionOutcome = Static<typeof CorrectionOutcomeSchema>;

export const CorrectionEventSchema = Type.Object({
  action: Type.String(),
  actor: Type.Object({ id: Nullable(Type.String()), name: Type.String() }),
  at: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const CorrectionAttachmentSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  digest: Type.String({ description: 'SHA-256 (hex)' }),
});

export const CorrectionSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '编号 JH-年份-序号 / request number' }),
  status: literals(CORRECTION_STATUSES, '校核申请状态 / request status'),
  statusLabel: Label,
  entry: Type.Object({ id: Type.String(), name: Type.String(), code: Type.String() }),
  consumer: PartySchema,
  provider: PartySchema,
  filedBy: PartySchema,
  scope: literals(CORRECTION_SCOPES, '校核范围 / scope'),
  records: Type.Array(
    Type.Object({
      key: Type.Record(Type.String(), Type.String()),
      items: Type.Array(Type.String()),
      problem: Type.String(),
      proposed: Nullable(Type.Record(Type.String(), Type.String())),
    }),
  ),
  description: Type.String(),
  attachments: Type.Array(CorrectionAttachmentSchema),
  /** The period running now (or the last one, once decided); null where the profile sets none (及时). */
  deadline: Nullable(CorrectionDeadlineSchema),
  routing: Type.Object({
    channel: literals(['provider', 'authority'] as const, '受理渠道 / channel'),
    article: Nullable(Type.String()),
    /** The profile's `correction.written`: the answer is a written reply (Neixiang Art.18). */
    written: Type.Boolean(),
    text: Type.String(),
    /** 809 第二十六条: when an error is to be reported (及时 nationally; the local period where set). */
    report: Type.Object({
      value: Nullable(Type.Integer()),
      qualifier: Type.String(),
      article: Nullable(Type.String()),
    }),
    /** R83: whether the profile says the data is still served while a request is open (null: silent). */
    serviceContinues: Type.Object({ value: Nullable(Type.Boolean()), article: Nullable(Type.String()) }),
  }),
  /** The conflict case (一数一源) that referred the request, if one did. */
  conflictId: Nullable(Type.String()),
  outcome: Nullable(CorrectionOutcomeSchema),
  overdue: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  timeline: Type.Array(CorrectionEventSchema),
  allowedActions: Type.Array(literals(CORRECTION_STEPS, '可执行步骤 / steps open')),
});
export type Correction = Static<typeof CorrectionSchema>;

/** A list item: the detail without records, attachments and timeline (empty arrays there). */
export const CorrectionPageSchema = Type.Object({
  items: Type.Array(CorrectionSchema),
  total: Type.Integer(),
});

/** `GET .../:id/reply`: the data of the printable reply (书面答复) of a closed request. */
export const CorrectionReplySchema = Type.Object({
  number: Type.String(),
  title: Label,
  entry: Type.Object({ id: Type.String(), name: Type.String(), code: Type.String() }),
  consumer: PartySchema,
  provider: PartySchema,
  /** Who answers: the provider, or the authority where it resolved the request itself. */
  answeredBy: PartySchema,
  request: Type.Object({
    scope: literals(CORRECTION_SCOPES, '校核范围 / scope'),
    description: Type.String(),
    records: Type.Array(
      Type.Object({
        key: Type.Record(Type.String(), Type.String()),
        items: Type.Array(Type.String()),
        problem: Type.String(),
      }),
    ),
    filedAt: Type.String(),
  }),
  outcome: CorrectionOutcomeSchema,
  dates: Type.Object({ filed: Type.String(), due: Nullable(Type.String()), decided: Type.String() }),
  article: Type.Object({ value: Nullable(Type.String()), text: Type.String() }),
  written: Type.Boolean(),
});
export type CorrectionReply = Static<typeof CorrectionReplySchema>;
