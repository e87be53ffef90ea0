import { Type } from '@sinclair/typebox';
import { DeadlineSchema, errorResponses, Id, literals, Nullable, strict } from '../../platform/http/index.js';
import { ACCESS_METHODS, APPLICATION_STATUSES, GRANT_ORIGINS, GRANT_STATUSES, PURPOSES } from '../model.js';

export { Id, literals, strict };

/** What `checkNeed` (request.ts) refuses: every route that asks for a resource's data answers these. */
export const NEED_ERRORS = [
  'CATALOG_NOT_FOUND',
  'SHARING_ENTRY_NOT_PUBLISHED',
  'SHARING_OWN_RESOURCE',
  'SHARING_NOT_SHARED',
  'SHARING_ITEM_UNKNOWN',
  'SHARING_ITEM_NOT_SHARED',
  'SHARING_METHOD_NOT_OFFERED',
  'SHARING_VALIDITY_INVALID',
  'SHARING_RESOURCE_STOPPED',
] as const;
export const IdParams = Type.Object({ id: Id });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const ItemName = Type.String({ minLength: 1, maxLength: 200 });
export const Purpose = literals(
  PURPOSES,
  '使用用途：行政依据 / 工作参考 / 数据校核 / 业务协同 / 其他 — administrative basis, work reference, data verification, business coordination, other',
);
export const Method = literals(
  ACCESS_METHODS,
  '共享方式：联机查询 / 接口 / 批量下载 / 订阅 — online query, interface, batch download, subscription',
);
export const ApplicationStatus = literals(APPLICATION_STATUSES, '申请状态 / application status');
export const GrantStatus = literals(
  GRANT_STATUSES,
  '授权状态（到期由时钟判断）/ grant status (expiry read from the clock)',
);
export const Reason = Type.String({ minLength: 1, maxLength: 2000 });
/** The body of a step that must say why (refuse, decline, reject). */
export const ReasonBody = Type.Object({ reason: Reason }, strict);
/** The body of a step whose reason may be left out (withdraw, escalate). */
export const OptionalReasonBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 2000 })) },
  strict,
);
/** A person named on a case: who asked, who decided. */
export const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });
/** Whose side a list of cases is read as: the reader's department as consumer, as provider, or all it may read. */
export const AsParty = Type.Union([Type.Literal('consumer'), Type.Literal('provider'), Type.Literal('all')]);
/** The two parties of a case between departments, as the portal's summary of the case names them. */
export const PARTIES_SUMMARY = [
  { key: 'consumer.name', label: { zh: '使用部门', en: 'Consumer' } },
  { key: 'provider.name', label: { zh: '提供部门', en: 'Provider' } },
];
export const Paging = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};

export const ScopeSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('all') }, strict),
    Type.Object(
      {
        kind: Type.Literal('filter'),
        filter: Type.Record(
          ItemName,
          Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]),
          {
            minProperties: 1,
            maxProperties: 20,
          },
        ),
      },
      strict,
    ),
  ],
  { description: '共享范围：全部记录，或按信息项筛选 / all records, or a filter on information items' },
);

/** A department party to a case, by id and name. */
export const DepartmentRef = Type.Object({ departmentId: Type.String(), name: Type.String() });
/** A party department by id only. */
export const DepartmentIdRef = Type.Object({ departmentId: Type.String() });
/** One step on a case's timeline, as every case's JSON carries it. */
export const CaseEventSchema = Type.Object({
  action: Type.String(),
  actor: Type.Object({ id: Nullable(Type.String()), name: Type.String() }),
  at: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export const ApplicationSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '申请编号 SQ-年份-序号 / application number' }),
  consumer: DepartmentRef,
  applicant: Type.Object({ id: Type.String(), name: Type.String() }),
  provider: DepartmentRef,
  entry: Type.Object({
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    version: Type.Integer(),
  }),
  shareType: Type.String(),
  path: Type.Union([Type.Literal('direct'), Type.Literal('application')], {
    description:
      '直接授权（无条件/即时开通）或依申请由提供部门答复 / granted at once or answered by the provider',
  }),
  items: Type.Array(Type.String()),
  purpose: Purpose,
  purposeText: Nullable(Type.String()),
  legalDuty: Type.String(),
  scenario: Type.String({ description: '使用场景（条例第二十条第二款）/ use scenario' }),
  scope: ScopeSchema,
  methods: Type.Array(Method),
  validFrom: Type.String(),
  validUntil: Type.String(),
  status: ApplicationStatus,
  deadline: Nullable(DeadlineSchema),
  deadlineNote: Nullable(Type.String()),
  overdue: Type.Boolean(),
  decidedItems: Nullable(Type.Array(Type.String())),
  refusalReason: Nullable(Type.String()),
  decidedBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  decidedAt: Nullable(Type.String()),
  decidedLate: Type.Boolean(),
  grantId: Nullable(Type.String()),
  stop: Nullable(
    Type.Object(
      {
        number: Type.String(),
        status: Type.Union([
          Type.Literal('pending_approval'),
          Type.Literal('filed'),
          Type.Literal('effective'),
        ]),
        effectiveDate: Type.String(),
        reason: Type.String(),
        inEffect: Type.Boolean(),
      },
      {
        description:
          '资源的停止提供事项：待生效为提示（授权至生效日终止），已生效则不再受理 / a scheduled stop warns, one in effect refuses',
      },
    ),
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const ApplicationDetailSchema = Type.Composite([
  ApplicationSchema,
  Type.Object({
    timeline: Type.Array(CaseEventSchema),
    allowedActions: Type.Array(
      literals(
        [
          'withdraw',
          'endorse',
          'decline',
          'approve',
          'refuse',
          'confirm_answer',
          'send_back_answer',
          'return',
          'resubmit',
        ],
        '当前可执行的操作 / actions open to the reader',
      ),
    ),
    endorsement: Nullable(
      Type.Object(
        {
          by: Type.Object({ id: Nullable(Type.String()), name: Type.String() }),
          recordedBy: Type.Optional(Type.Object({ id: Type.String(), name: Type.String() })),
          reference: Nullable(Type.String({ description: '书面意见文号 / the written consent’s reference' })),
          opinion: Nullable(Type.String()),
          at: Type.String(),
        },
        {
          description:
            '本部门政务数据共享工作机构负责人同意（条例第二十条第二款）；负责人无账号时由共享工作专人代为登记 / the requesting head’s consent (Art.20 ¶2), recorded by the officer for a head without an account',
        },
      ),
    ),
    draftAnswer: Nullable(
      Type.Object(
        {
          decision: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]),
          items: Type.Optional(Type.Array(Type.String())),
          reason: Type.Optional(Type.String()),
          draftedBy: Type.Object({ id: Type.String(), name: Type.String() }),
          draftedAt: Type.String(),
        },
        {
          description:
            '待提供部门负责人同意（或被退回）的答复拟稿，仅提供部门可见（条例第二十条第三款）/ the provider’s draft answer awaiting (or sent back by) its head; seen by the provider only',
        },
      ),
    ),
    internalApproval: Type.Object(
      {
        requester: Type.Boolean({ description: '申请须经本部门负责人同意 / the requesting head consents' }),
        provider: Type.Boolean({ description: '答复须经提供部门负责人同意 / the providing head consents' }),
      },
      { description: '按条例第二十条第二、三款 / per Art.20 ¶2–3 of the profile' },
    ),
  }),
]);

/** N12 (809 第二十二条第一款): the provider's supply obligation on a grant. */
const GrantSupplySchema = Type.Object(
  {
    dueDate: Nullable(IsoDate),
    article: Nullable(Type.String()),
    note: Nullable(
      Type.String({ description: '无供给期限时配置的说明 / the profile text where no period is set' }),
    ),
    suppliedAt: Nullable(Type.String({ description: '首次成功提供数据的时间 / first successful delivery' })),
    overdue: Type.Boolean({ description: '逾期未提供，或逾期后才提供 / past due, or supplied late' }),
    late: Type.Boolean({ description: '逾期后才提供 / supplied after the due date' }),
    workingDaysLeft: Nullable(Type.Integer({ description: '距期限的工作日数；已提供或未计算时为 null' })),
    provisional: Nullable(Type.Boolean({ description: '期限所在年度节假日安排未发布（暂定）/ provisional' })),
  },
  { description: '供给期限（同意共享后提供数据）/ supply deadline after agreeing to share' },
);

export const GrantSchema = Type.Object({
  id: Type.String(),
  consumer: DepartmentRef,
  clientIds: Type.Array(Type.String()),
  provider: DepartmentRef,
  entry: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  items: Type.Array(Type.String()),
  clearItems: Type.Array(Type.String(), {
    description: '明文提供的个人信息项 / Personal items given in clear',
  }),
  purpose: Purpose,
  methods: Type.Array(Method),
  validFrom: Type.String(),
  validUntil: Type.String(),
  origin: literals(GRANT_ORIGINS, '授权来源 / origin'),
  originId: Type.String(),
  status: GrantStatus,
  statusReason: Nullable(Type.String()),
  statusChangedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  supply: Nullable(GrantSupplySchema),
});

export const GrantDetailSchema = Type.Composite([
  GrantSchema,
  Type.Object({ timeline: Type.Array(CaseEventSchema) }),
]);

export const NoticeSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.Object({ zh: Type.String(), en: Type.String() }),
  body: Type.Object({ zh: Type.String(), en: Type.String() }),
  link: Nullable(Type.String()),
  case: Nullable(Type.Object({ type: Type.String(), id: Type.String() })),
  readAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const sharingErrors = (...codes: string[]) => errorResponses(...codes);
