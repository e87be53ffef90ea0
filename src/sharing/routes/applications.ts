import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApplicationCase } from '../application-case.js';
import type { ApplicationService } from '../applications.js';
import { MAX_RETURN_POINTS } from '../completion.js';
import { sharingCaseRoutes } from './case-routes.js';
import {
  ApplicationDetailSchema,
  ApplicationSchema,
  ApplicationStatus,
  Id,
  IsoDate,
  ItemName,
  Method,
  NEED_ERRORS,
  OptionalReasonBody,
  Paging,
  Purpose,
  ScopeSchema,
  strict,
} from './schemas.js';

const API = '/api/v1/sharing/applications';
const DECISION_ERRORS = ['SHARING_APPLICATION_NOT_FOUND', 'SHARING_INVALID_STATE', 'SHARING_SELF_DECISION'];
/** What a step giving a head's word may answer (809 第二十条, N09). */
const HEAD_ERRORS = ['SHARING_HEAD_NOT_RECORDED', 'SHARING_NOT_HEAD', 'SHARING_APPROVAL_REFERENCE_REQUIRED'];
const Reference = Type.String({
  minLength: 1,
  maxLength: 100,
  description:
    '负责人书面意见文号（负责人无账号、由共享工作专人代为登记时必填）/ reference of the head’s written word (required when the officer records it)',
});
const Opinion = (required: boolean) =>
  Type.String({
    ...(required ? { minLength: 1 } : {}),
    maxLength: 2000,
    description: '负责人意见 / the head’s opinion',
  });
const LegalDuty = Type.String({
  minLength: 1,
  maxLength: 2000,
  description: '所履行的职责及其依据 / the duty the data serves, with its basis',
});
const Scenario = Type.String({
  minLength: 1,
  maxLength: 500,
  description: '使用场景（条例第二十条第二款）/ use scenario (Art.20 ¶2)',
});

/**
 * Applications: apply, the consumer's and the provider's lists, the case, withdraw, the heads'
 * consent (endorse, decline, confirm-answer, send-back-answer), approve, refuse, return, resubmit.
 */
export const applicationRoutes =
  (deps: { applications: ApplicationService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(
      sharingCaseRoutes({
        type: ApplicationCase,
        summary: [
          { key: 'entry.name', label: { zh: '信息资源', en: 'Resource' } },
          { key: 'consumer.name', label: { zh: '申请部门', en: 'Applicant department' } },
          { key: 'deadline.dueDate', label: { zh: '答复截止日', en: 'Reply due' } },
        ],
        base: API,
        response: ApplicationDetailSchema,
        errors: DECISION_ERRORS,
        open: {
          summary: '申请使用信息资源（按辖区规则即时授权或送提供部门答复）/ Apply for a resource',
          body: Type.Object(
            {
              entryId: Id,
              items: Type.Array(ItemName, { minItems: 1, maxItems: 500 }),
              purpose: Purpose,
              purposeText: Type.Optional(Type.String({ maxLength: 500 })),
              legalDuty: LegalDuty,
              scenario: Scenario,
              scope: ScopeSchema,
              methods: Type.Array(Method, { minItems: 1, maxItems: 4 }),
              validFrom: Type.Optional(IsoDate),
              validUntil: IsoDate,
            },
            strict,
          ),
          errors: [
            ...NEED_ERRORS,
            'SHARING_PURPOSE_TEXT_REQUIRED',
            'SHARING_SCOPE_ITEM_UNKNOWN',
            'SHARING_SCENARIO_REQUIRED',
            'SHARING_HEAD_NOT_RECORDED',
          ],
          run: (ctx, body) => deps.applications.apply(ctx, body),
        },
        list: {
          summary: '共享申请列表（我的申请 / 待我答复，按截止日排序）/ Applications as consumer or provider',
          query: Type.Object(
            {
              as: Type.Optional(
                Type.Union([Type.Literal('consumer'), Type.Literal('provider'), Type.Literal('all')], {
                  description:
                    '我部门提出的 / 向我部门提出的 / 我可见的全部 — mine / to my department / all I may see',
                }),
              ),
              status: Type.Optional(ApplicationStatus),
              overdue: Type.Optional(Type.Boolean()),
              ...Paging,
            },
            strict,
          ),
          item: ApplicationSchema,
          run: (ctx, query) => deps.applications.list(ctx.actor, query),
        },
        read: {
          summary: '共享申请及其办理过程 / An application with its timeline',
          run: (ctx, id) => deps.applications.get(ctx.actor, id),
        },
        steps: (step) => ({
          withdraw: step({
            summary: '撤回申请（答复前）/ Withdraw before the decision',
            body: OptionalReasonBody,
            danger: true,
            run: (ctx, id, body) => deps.applications.withdraw(ctx, id, body),
          }),
          endorse: step({
            summary:
              '本部门负责人同意提出申请（条例第二十条第二款；答复期限自此起算）/ The requesting head consents (Art.20 ¶2; the reply period runs from now)',
            body: Type.Object(
              { opinion: Type.Optional(Opinion(false)), reference: Type.Optional(Reference) },
              strict,
            ),
            errors: HEAD_ERRORS,
            run: (ctx, id, body) => deps.applications.endorse(ctx, id, body),
          }),
          decline: step({
            summary:
              '本部门负责人不同意提出申请（须说明理由）/ The requesting head does not consent, with a reason',
            body: Type.Object(
              { reason: Type.String({ maxLength: 2000 }), reference: Type.Optional(Reference) },
              strict,
            ),
            errors: [...HEAD_ERRORS, 'SHARING_REASON_REQUIRED'],
            danger: true,
            run: (ctx, id, body) => deps.applications.decline(ctx, id, body),
          }),
          approve: step({
            summary:
              '同意共享（可只同意部分信息项；须负责人同意的，非负责人所作为答复拟稿）/ Approve all or some items (a draft for the head where its consent is asked)',
            body: Type.Object(
              {
                items: Type.Optional(Type.Array(ItemName, { minItems: 1, maxItems: 500 })),
                comment: Type.Optional(Type.String({ maxLength: 2000 })),
                clearItems: Type.Optional(
                  Type.Array(ItemName, {
                    maxItems: 500,
                    description:
                      '明文提供的个人信息项（其余个人信息项脱敏）/ Personal items given in clear (others masked)',
                  }),
                ),
              },
              strict,
            ),
            errors: [
              'SHARING_APPROVED_ITEMS_INVALID',
              'SHARING_CLEAR_ITEMS_INVALID',
              'SHARING_RESOURCE_STOPPED',
              'SHARING_HEAD_NOT_RECORDED',
            ],
            run: (ctx, id, body) => deps.applications.approve(ctx, id, body),
          }),
          refuse: step({
            summary:
              '不予共享（须说明理由；须负责人同意的，非负责人所作为答复拟稿）/ Refuse with a reason (a draft for the head where its consent is asked)',
            body: Type.Object({ reason: Type.String({ maxLength: 2000 }) }, strict),
            errors: ['SHARING_REFUSAL_REASON_REQUIRED', 'SHARING_HEAD_NOT_RECORDED'],
            danger: true,
            run: (ctx, id, body) => deps.applications.refuse(ctx, id, body),
          }),
          confirm_answer: step({
            summary:
              '提供部门负责人同意答复拟稿，按拟稿作出答复（条例第二十条第三款）/ The providing head consents; the drafted answer is given (Art.20 ¶3)',
            body: Type.Object(
              { opinion: Type.Optional(Opinion(false)), reference: Type.Optional(Reference) },
              strict,
            ),
            errors: [
              ...HEAD_ERRORS,
              'SHARING_APPROVED_ITEMS_INVALID',
              'SHARING_CLEAR_ITEMS_INVALID',
              'SHARING_RESOURCE_STOPPED',
            ],
            run: (ctx, id, body) => deps.applications.confirmAnswer(ctx, id, body),
          }),
          send_back_answer: step({
            summary:
              '提供部门负责人退回答复拟稿（须说明意见）/ The providing head sends the draft answer back, with an opinion',
            body: Type.Object({ opinion: Opinion(true), reference: Type.Optional(Reference) }, strict),
            errors: [...HEAD_ERRORS, 'SHARING_REASON_REQUIRED'],
            run: (ctx, id, body) => deps.applications.sendBackAnswer(ctx, id, body),
          }),
          return: step({
            summary:
              '退回补正（一次性列明需补正的全部事项，只可退回一次）/ Return once for completion, listing every missing point',
            body: Type.Object(
              {
                points: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), {
                  minItems: 1,
                  maxItems: MAX_RETURN_POINTS,
                  description: '需补正的事项，每项一条 / the missing points, one each',
                }),
                note: Type.Optional(Type.String({ maxLength: 2000 })),
              },
              strict,
            ),
            errors: ['SHARING_ALREADY_RETURNED', 'SHARING_RETURN_POINTS_INVALID'],
            run: (ctx, id, body) => deps.applications.returnForCompletion(ctx, id, body),
          }),
          resubmit: step({
            summary:
              '补正后重新提交（答复期限自重新提交之日起计算）/ Resubmit completed (the reply period runs from resubmission)',
            body: Type.Object(
              {
                note: Type.Optional(Type.String({ maxLength: 2000 })),
                purposeText: Type.Optional(Type.String({ maxLength: 500 })),
                legalDuty: Type.Optional(LegalDuty),
                scenario: Type.Optional(Scenario),
              },
              strict,
            ),
            errors: [
              'SHARING_PURPOSE_TEXT_REQUIRED',
              'SHARING_ITEM_UNKNOWN',
              'SHARING_VALIDITY_INVALID',
              'SHARING_SCENARIO_REQUIRED',
            ],
            run: (ctx, id, body) => deps.applications.resubmit(ctx, id, body),
          }),
        }),
      }),
    );
  };
