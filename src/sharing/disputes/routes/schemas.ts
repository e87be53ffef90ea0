import { Type } from '@sinclair/typebox';
import { DeadlineSchema, Nullable } from '../../../platform/http/index.js';
import {
  CaseEventSchema,
  DepartmentRef,
  IsoDate,
  ItemName,
  literals,
  Method,
  PersonRef,
  Purpose,
} from '../../routes/schemas.js';
import { DEMAND_STATUSES, DISPUTE_STATUSES } from '../model.js';

export const DisputeStatus = literals(
  DISPUTE_STATUSES,
  '协商中 / 协商未果 / 协商达成 / 协调中 / 协调决定共享 / 协调决定不予共享 / 已撤回 / 已报本级人民政府决定 / 人民政府决定共享 / 人民政府决定不予共享',
);
export const DemandStatus = literals(DEMAND_STATUSES, '待决定 / 不予共享 / 待编目提供 / 已提供 / 已撤回');
export const Text = Type.String({ minLength: 1, maxLength: 4000 });

const Deadline = Nullable(DeadlineSchema);

/** What a consumer needs, stated as an application states it. */
export const NeedFields = {
  items: Type.Array(ItemName, { minItems: 1, maxItems: 500 }),
  purpose: Purpose,
  purposeText: Type.Optional(Type.String({ maxLength: 500 })),
  legalDuty: Type.String({ minLength: 1, maxLength: 2000 }),
  methods: Type.Array(Method, { minItems: 1, maxItems: 4 }),
  validFrom: Type.Optional(IsoDate),
  validUntil: IsoDate,
};

export const DisputeSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '案件编号 XS-年份-序号 / case number' }),
  origin: Type.Union([Type.Literal('refused_application'), Type.Literal('not_shared')]),
  applicationId: Nullable(Type.String()),
  consumer: DepartmentRef,
  openedBy: PersonRef,
  provider: DepartmentRef,
  entry: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  items: Type.Array(Type.String()),
  purpose: Purpose,
  purposeText: Nullable(Type.String()),
  legalDuty: Type.String(),
  methods: Type.Array(Method),
  validFrom: Type.String(),
  validUntil: Type.String(),
  reason: Type.String(),
  status: DisputeStatus,
  deadline: Deadline,
  deadlineNote: Nullable(Type.String()),
  overdue: Type.Boolean(),
  failureReason: Nullable(Type.String()),
  decision: Nullable(Type.String()),
  decidedItems: Nullable(Type.Array(Type.String())),
  decidedBy: Nullable(PersonRef),
  decidedAt: Nullable(Type.String()),
  grantId: Nullable(Type.String()),
  governmentReferral: Type.Boolean({
    description:
      '协调未达成一致时报本级人民政府决定（政务数据共享条例第二十八条第二款）/ unresolved coordination goes to the government (809 Art.28 ¶2)',
  }),
  referral: Nullable(
    Type.Object({
      reason: Type.String(),
      at: Type.String(),
      by: PersonRef,
      government: Type.String({ description: '本级人民政府 / the government of that level' }),
      jurisdictionPath: Type.String(),
    }),
  ),
  governmentDecision: Nullable(
    Type.Object({
      share: Type.Boolean(),
      decidedBy: Type.String({ description: '作出决定的人民政府 / the deciding government' }),
      decision: Type.String(),
      reference: Type.String({ description: '决定文号 / document number' }),
      decidedOn: Type.String(),
      recordedBy: PersonRef,
      recordedAt: Type.String(),
    }),
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const DisputeDetailSchema = Type.Composite([
  DisputeSchema,
  Type.Object({
    timeline: Type.Array(CaseEventSchema),
    allowedActions: Type.Array(
      literals(
        ['minutes', 'agree', 'fail', 'escalate', 'decide', 'refer', 'record_government_decision', 'withdraw'],
        '当前可执行的操作 / actions open to the reader',
      ),
    ),
  }),
]);

export const DemandSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '需求编号 XQ-年份-序号 / demand number' }),
  consumer: DepartmentRef,
  applicant: PersonRef,
  provider: DepartmentRef,
  title: Type.String(),
  description: Type.String(),
  items: Type.Array(Type.String()),
  purpose: Purpose,
  purposeText: Nullable(Type.String()),
  legalDuty: Type.String(),
  methods: Type.Array(Method),
  validFrom: Type.String(),
  validUntil: Type.String(),
  decider: Type.Union([Type.Literal('government'), Type.Literal('provider'), Type.Literal('authority')], {
    description: '决定者：人民政府（主管部门登记）/ 提供部门 / 主管部门 — who decides',
  }),
  status: DemandStatus,
  deadline: Deadline,
  deadlineNote: Nullable(Type.String()),
  overdue: Type.Boolean(),
  decision: Nullable(Type.Union([Type.Literal('share'), Type.Literal('not_share')])),
  decisionReason: Nullable(Type.String()),
  decisionReference: Nullable(Type.String()),
  decidedBy: Nullable(PersonRef),
  decidedAt: Nullable(Type.String()),
  suppliedEntry: Nullable(Type.Object({ id: Type.String(), code: Type.String() })),
  suppliedItems: Nullable(Type.Array(Type.String())),
  suppliedAt: Nullable(Type.String()),
  suppliedLate: Type.Boolean(),
  grantId: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const DemandDetailSchema = Type.Composite([
  DemandSchema,
  Type.Object({
    timeline: Type.Array(CaseEventSchema),
    allowedActions: Type.Array(
      literals(['decide', 'supply', 'withdraw'], '当前可执行的操作 / actions open to the reader'),
    ),
  }),
]);
