import { type TSchema, Type } from '@sinclair/typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 时间 / instant' });

export const CategorySchema = Type.Union(
  [Type.Literal('access'), Type.Literal('decision'), Type.Literal('auth'), Type.Literal('admin')],
  { description: '类别 / category' },
);
export const OutcomeSchema = Type.Union(
  [Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')],
  { description: '结果 / outcome' },
);
export const MethodSchema = Type.Union(
  [Type.Literal('query'), Type.Literal('download'), Type.Literal('interface'), Type.Literal('subscription')],
  { description: '共享方式 / access method' },
);

/** Filters that may travel in a URL: never a person's ID number. */
export const TraceFilterFields = {
  departmentId: Type.Optional(Id),
  resourceId: Type.Optional(Id),
  actorId: Type.Optional(Id),
  purpose: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  caseNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  category: Type.Optional(CategorySchema),
  outcome: Type.Optional(OutcomeSchema),
  method: Type.Optional(MethodSchema),
  requestId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
};

export const PageFields = {
  before: Type.Optional(
    Type.Integer({ minimum: 1, description: '上一页返回的 nextCursor / nextCursor of the previous page' }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
};

export const IdNumber = Type.String({
  minLength: 15,
  maxLength: 20,
  description: '公民身份号码（只在请求体中传递） / resident ID number (request body only)',
});

export const TraceEntrySchema = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  at: Type.String(),
  category: Type.String(),
  actor: Type.Object({ kind: Type.String(), id: Nullable(Type.String()), name: Nullable(Type.String()) }),
  department: Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()) })),
  action: Type.String(),
  target: Nullable(Type.Object({ type: Type.String(), id: Nullable(Type.String()) })),
  outcome: Type.String(),
  resourceId: Nullable(Type.String()),
  items: Nullable(Type.Array(Type.String())),
  method: Nullable(Type.String()),
  purpose: Nullable(Type.String()),
  caseNumber: Nullable(Type.String()),
  grantId: Nullable(Type.String()),
  resultCount: Nullable(Type.Integer()),
  recordKeys: Nullable(Type.Array(Type.Unknown())),
  detail: Type.Record(Type.String(), Type.Unknown()),
  requestId: Nullable(Type.String()),
  clientIp: Nullable(Type.String()),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const TracePageSchema = Type.Object({
  items: Type.Array(TraceEntrySchema),
  nextCursor: Nullable(Type.Integer()),
});

const CountSchema = Type.Object({ key: Nullable(Type.String()), count: Type.Integer() });
const NamedCountSchema = Type.Object({
  key: Nullable(Type.String()),
  name: Nullable(Type.String()),
  count: Type.Integer(),
});

const Breakdown = {
  accesses: Type.Integer(),
  records: Type.Integer(),
  failures: Type.Integer(),
  firstAt: Nullable(Type.String()),
  lastAt: Nullable(Type.String()),
  byResource: Type.Array(CountSchema),
  byMethod: Type.Array(CountSchema),
  byPurpose: Type.Array(CountSchema),
  byDay: Type.Array(CountSchema, { description: '按自然日（北京时间） / per day in China time' }),
};

export const DepartmentReportSchema = Type.Object({
  department: Type.Object({ id: Type.String(), name: Type.String() }),
  from: Type.String(),
  to: Type.String(),
  provided: Type.Object({
    ...Breakdown,
    resourceIds: Type.Array(Type.String()),
    byConsumer: Type.Array(NamedCountSchema),
    byReader: Type.Array(
      Type.Object({
        kind: Type.String(),
        id: Nullable(Type.String()),
        name: Nullable(Type.String()),
        departmentId: Nullable(Type.String()),
        count: Type.Integer(),
      }),
    ),
  }),
  consumed: Type.Object(Breakdown),
});

export const PersonReportSchema = Type.Object({
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  accesses: Type.Integer(),
  byDepartment: Type.Array(NamedCountSchema),
  items: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      at: Type.String(),
      actor: Type.Object({ kind: Type.String(), id: Nullable(Type.String()), name: Nullable(Type.String()) }),
      department: Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()) })),
      resourceId: Nullable(Type.String()),
      method: Nullable(Type.String()),
      purpose: Nullable(Type.String()),
      caseNumber: Nullable(Type.String()),
      grantId: Nullable(Type.String()),
      outcome: Type.String(),
      requestId: Nullable(Type.String()),
    }),
  ),
  truncated: Type.Boolean(),
});

const ChainBreakSchema = Type.Object({
  seq: Type.Integer(),
  kind: Type.String({
    description:
      'changed | missing | reordered | checkpoint_forged | checkpoint_mismatch | archive_missing | archive_altered | archive_forged | archive_broken | anchor_missing | anchor_mismatch | anchor_forged',
  }),
  message: Type.String(),
});

export const VerificationSchema = Type.Object({
  ok: Type.Boolean(),
  entriesChecked: Type.Integer(),
  checkpointsChecked: Type.Integer(),
  archivesChecked: Type.Integer(),
  headSeq: Type.Integer(),
  lastCheckpoint: Nullable(Type.Object({ seq: Type.Integer(), at: Type.String() })),
  firstBreak: Type.Optional(ChainBreakSchema),
  breaks: Type.Array(ChainBreakSchema, {
    description: '全部断点，按序号排列，最多 1000 个 / every break, in seq order, at most 1,000',
  }),
  breaksTruncated: Type.Optional(
    Type.Boolean({ description: '断点多于所列 / more breaks were found than listed' }),
  ),
  anchorsChecked: Type.Optional(
    Type.Integer({ description: '相符的导出检查点数（仅 CLI --anchor）/ exported checkpoints that held' }),
  ),
});

export const ChainStatusSchema = Type.Object({
  at: Type.String(),
  headSeq: Type.Integer(),
  headAt: Nullable(Type.String()),
  lastCheckpoint: Nullable(
    Type.Object({
      seq: Type.Integer(),
      at: Type.String(),
      ageSeconds: Type.Integer(),
      entriesSince: Type.Integer(),
    }),
  ),
  lastVerification: Nullable(
    Type.Composite([VerificationSchema, Type.Object({ at: Type.String(), by: Nullable(Type.String()) })]),
  ),
  archives: Type.Object({
    count: Type.Integer(),
    lastToSeq: Nullable(Type.Integer()),
    lastCreatedAt: Nullable(Type.String()),
  }),
});

const MethodCountsSchema = Type.Object({
  query: Type.Integer(),
  download: Type.Integer(),
  interface: Type.Integer(),
  subscription: Type.Integer(),
  total: Type.Integer(),
});

export const ExchangeStatusSchema = Type.Object({
  at: Type.String(),
  rule: Type.Object(
    {
      failureShare: Type.Number(),
      minAccessesForRate: Type.Integer(),
      spikeFactor: Type.Number(),
      minAccessesForSpike: Type.Integer(),
    },
    { description: '异常判定规则 / the anomaly rule' },
  ),
  departments: Type.Array(
    Type.Object({
      department: Type.Object({ id: Type.String(), name: Type.String() }),
      last24h: MethodCountsSchema,
      last7d: MethodCountsSchema,
      failures24h: Type.Integer(),
      failures7d: Type.Integer(),
      baselineDailyMean: Type.Number(),
      lastAccessAt: Nullable(Type.String()),
      lastFailureAt: Nullable(Type.String()),
      anomalies: Type.Array(Type.Union([Type.Literal('failure_rate'), Type.Literal('volume_spike')])),
    }),
  ),
});

export const TimeRangeFields = { from: Type.Optional(Instant), to: Type.Optional(Instant) };
