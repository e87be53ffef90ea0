import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requestContext } from '../../org/index.js';
import { DeadlineSchema, Nullable } from '../../platform/http/index.js';
import { noteStep, refusalStep, sharingCaseRoutes, withdrawStep } from '../routes/case-routes.js';
import {
  CaseEventSchema,
  DepartmentRef,
  Id,
  IsoDate,
  literals,
  Paging,
  PersonRef,
  sharingErrors,
  strict,
} from '../routes/schemas.js';
import { ComplaintCase } from './case.js';
import {
  CASE_KINDS,
  COMPLAINT_ACTIONS,
  COMPLAINT_KINDS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STATUSES,
  MISUSE_KINDS,
} from './schema.js';
import type { ComplaintService } from './service.js';

const tags = ['sharing'];
const API = '/api/v1/sharing/complaints';
const Kind = literals(
  COMPLAINT_KINDS,
  '投诉事由：拒绝共享 / 逾期 / 滥用 / 未及时更新 / 其他 — refusal, delay, misuse, failure to update, other',
);
const CaseKind = literals(
  CASE_KINDS,
  '投诉事由，或主管部门、提供部门直接作出的违规使用认定 misuse_finding（第二十七条第二款）/ the complaint kind, or a misuse finding',
);
const Misuse = literals(
  MISUSE_KINDS,
  '擅自超出使用范围 / 超出共享目的 / 提供给第三方 — beyond the scope, another purpose, to a third party',
);
const Status = literals(COMPLAINT_STATUSES, '投诉状态 / complaint status');
const Outcome = literals(COMPLAINT_OUTCOMES, '处理结果：成立 / 不成立 — upheld / not upheld');
const Text = Type.String({ minLength: 1, maxLength: 10_000 });
const RectificationBody = (description: string) =>
  Type.Object(
    {
      order: Type.String({ minLength: 1, maxLength: 4000, description: '整改要求' }),
      dueDate: Type.Optional(IsoDate),
      workingDays: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 60, description: '整改期限（工作日）' }),
      ),
    },
    { ...strict, description },
  );
const ComplaintSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '投诉编号 TS-年份-序号 / complaint number' }),
  kind: CaseKind,
  finding: Nullable(
    Type.Object(
      {
        by: Type.Union([Type.Literal('provider'), Type.Literal('authority')]),
        misuse: Type.Array(Misuse),
        article: Type.String(),
      },
      {
        description:
          '主管部门或提供部门直接认定的违规使用（第二十七条第二款）/ misuse found by the authority or the provider',
      },
    ),
  ),
  complainant: DepartmentRef,
  respondent: DepartmentRef,
  subject: Nullable(Type.Object({ type: Type.String(), id: Type.String(), label: Nullable(Type.String()) })),
  description: Type.String(),
  status: Status,
  filedBy: PersonRef,
  deadline: Nullable(DeadlineSchema),
  deadlineNote: Nullable(
    Type.String({ description: '无法定期限时显示辖区规定原文 / the profile text where no period is set' }),
  ),
  overdue: Type.Boolean(),
  basis: Type.Object({ article: Nullable(Type.String()), text: Type.String() }),
  investigatedAt: Nullable(Type.String()),
  outcome: Nullable(Outcome),
  reply: Nullable(Type.String({ description: '书面答复 / the written reply' })),
  answeredBy: Nullable(PersonRef),
  answeredAt: Nullable(Type.String()),
  suspendedGrants: Type.Array(Type.String()),
  rectification: Nullable(
    Type.Object(
      {
        order: Type.String({ description: '整改要求 / what to put right' }),
        deadline: DeadlineSchema,
        report: Nullable(Type.String({ description: '整改情况报告 / the latest rectification report' })),
        reportedAt: Nullable(Type.String()),
      },
      {
        description: '限期整改（政务数据共享条例第二十七条第二款）/ rectification by a date (809 Art.27 ¶2)',
      },
    ),
  ),
  termination: Nullable(
    Type.Object(
      {
        reason: Type.String(),
        at: Type.String(),
        by: Type.Object({ id: Nullable(Type.String()), name: Type.String() }),
      },
      { description: '终止共享 / sharing terminated' },
    ),
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const DetailSchema = Type.Composite([
  ComplaintSchema,
  Type.Object({
    timeline: Type.Array(CaseEventSchema),
    allowedActions: Type.Array(literals(COMPLAINT_ACTIONS, '当前可执行的操作 / actions open to the reader')),
  }),
]);

/** Complaints (投诉, R118): file, investigate, record, answer in writing, withdraw. */
export const complaintRoutes =
  (deps: { complaints: ComplaintService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    // N17 without a complaint: open whatever the profile says of inter-department complaints.
    app.post(
      `${API}/misuse-findings`,
      {
        schema: {
          tags,
          summary:
            '主管部门或提供部门认定需求部门违规使用，暂停共享权限并责令限期整改（第二十七条第二款）/ The authority or the provider finds misuse: suspend and order rectification (809 Art.27 ¶2)',
          body: Type.Object(
            {
              grantIds: Type.Array(Id, {
                minItems: 1,
                maxItems: 100,
                description: '暂停的授权：同一提供部门、同一需求部门 / the grants to suspend',
              }),
              misuse: Type.Array(Misuse, { minItems: 1, maxItems: 3, uniqueItems: true }),
              facts: Type.String({
                minLength: 1,
                maxLength: 10_000,
                description: '认定的事实 / the facts found',
              }),
              rectification: RectificationBody(
                '整改要求与期限（日期或工作日数）/ what to put right, by when',
              ),
            },
            strict,
          ),
          response: {
            201: DetailSchema,
            ...sharingErrors(
              'GRANT_NOT_FOUND',
              'GRANT_INVALID_STATE',
              'COMPLAINT_RESPONDENT_INVALID',
              'COMPLAINT_GRANT_INVALID',
              'COMPLAINT_RECTIFICATION_INVALID',
              'SHARING_REASON_REQUIRED',
            ),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.complaints.findings.open(requestContext(request), request.body)),
    );

    await app.register(
      sharingCaseRoutes({
        type: ComplaintCase,
        summary: [
          { key: 'complainant.name', label: { zh: '投诉部门', en: 'Complainant' } },
          { key: 'respondent.name', label: { zh: '被投诉部门', en: 'Complained about' } },
          { key: 'description', label: { zh: '投诉内容', en: 'Complaint' } },
        ],
        base: API,
        response: DetailSchema,
        open: {
          summary: '向主管部门投诉其他部门的违规行为 / Complain to the authority about a violation',
          body: Type.Object(
            {
              kind: Kind,
              respondentDepartmentId: Id,
              subject: Type.Optional(
                Type.Object(
                  {
                    type: Type.Union([
                      Type.Literal('application'),
                      Type.Literal('grant'),
                      Type.Literal('entry'),
                    ]),
                    id: Id,
                  },
                  strict,
                ),
              ),
              description: Text,
            },
            strict,
          ),
          errors: [
            'COMPLAINT_NOT_AVAILABLE',
            'COMPLAINT_RESPONDENT_INVALID',
            'COMPLAINT_SUBJECT_INVALID',
            'SHARING_REASON_REQUIRED',
          ],
          run: (ctx, body) => deps.complaints.file(ctx, body),
        },
        read: {
          summary: '投诉及其调查处理过程 / A complaint with its timeline',
          run: (ctx, id) => deps.complaints.get(ctx.actor, id),
        },
        list: {
          summary: '投诉列表 / Complaints',
          query: Type.Object(
            {
              as: Type.Optional(
                Type.Union([Type.Literal('complainant'), Type.Literal('respondent'), Type.Literal('all')]),
              ),
              status: Type.Optional(Status),
              ...Paging,
            },
            strict,
          ),
          item: ComplaintSchema,
          run: (ctx, query) => deps.complaints.list(ctx.actor, query),
        },
        steps: (step) => ({
          investigate: noteStep(
            '主管部门开始调查（告知被投诉部门）/ The authority starts investigating',
            (ctx, id, note) => deps.complaints.investigate(ctx, id, note),
          ),
          note: step({
            summary: '调查记录或当事部门说明 / An investigation record or a party statement',
            path: 'notes',
            body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 10_000 }) }, strict),
            errors: ['SHARING_REASON_REQUIRED'],
            run: (ctx, id, body) => deps.complaints.note(ctx, id, body.note),
          }),
          answer: step({
            summary:
              '书面答复（成立/不成立；成立的滥用投诉可暂停授权）/ Answer in writing; an upheld misuse complaint may suspend grants',
            body: Type.Object(
              {
                outcome: Outcome,
                reply: Text,
                suspendGrantIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
                rectification: Type.Optional(
                  RectificationBody(
                    '限期整改：暂停授权时一并责令（第二十七条第二款）/ rectification ordered with the suspension',
                  ),
                ),
              },
              strict,
            ),
            errors: [
              'COMPLAINT_REPLY_REQUIRED',
              'COMPLAINT_SUSPENSION_NOT_ALLOWED',
              'COMPLAINT_GRANT_INVALID',
              'COMPLAINT_RECTIFICATION_INVALID',
              'GRANT_INVALID_STATE',
            ],
            run: (ctx, id, body) => deps.complaints.answer(ctx, id, body),
          }),
          report_rectification: step({
            summary: '被投诉部门报告整改情况（期限内）/ The department reports its rectification',
            body: Type.Object({ report: Text }, strict),
            errors: ['SHARING_REASON_REQUIRED', 'COMPLAINT_RECTIFICATION_OVERDUE'],
            run: (ctx, id, body) => deps.complaints.rectification.report(ctx, id, body.report),
          }),
          accept_rectification: noteStep(
            '主管部门（或作出认定的提供部门）确认整改到位，恢复授权 / The authority (or the provider that found it) accepts: the grants resume',
            (ctx, id, note) => deps.complaints.rectification.accept(ctx, id, note),
            { errors: ['GRANT_INVALID_STATE'] },
          ),
          reject_rectification: refusalStep(
            '主管部门认定整改不到位（期限已过即终止共享）/ Not rectified: rectify again, or terminated past the date',
            (ctx, id, reason) => deps.complaints.rectification.reject(ctx, id, reason),
            { reason: Text, errors: ['GRANT_INVALID_STATE'] },
          ),
          terminate: refusalStep(
            '拒不整改或整改不到位，终止共享 / Terminate the sharing (809 Art.27 ¶2)',
            (ctx, id, reason) => deps.complaints.rectification.terminate(ctx, id, reason),
            { reason: Text, errors: ['GRANT_INVALID_STATE'] },
          ),
          withdraw: withdrawStep(
            '投诉部门撤回（答复前）/ The complainant withdraws it before the answer',
            (ctx, id, note) => deps.complaints.withdraw(ctx, id, note),
          ),
        }),
      }),
    );
  };
