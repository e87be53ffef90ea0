import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { refusalStep, sharingCaseRoutes } from '../../routes/case-routes.js';
import {
  AsParty,
  Id,
  IsoDate,
  ItemName,
  OptionalReasonBody,
  PARTIES_SUMMARY,
  Paging,
  strict,
} from '../../routes/schemas.js';
import { DisputeCase } from '../case.js';
import type { DisputeService } from '../disputes.js';
import { DisputeDetailSchema, DisputeSchema, DisputeStatus, NeedFields, Text } from './schemas.js';

const API = '/api/v1/sharing/disputes';

/** Negotiation and coordination (协商 / 协调): open, list, read, and the steps of a case. */
export const disputeCaseRoutes =
  (deps: { disputes: DisputeService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const steps = deps.disputes.steps;
    await app.register(
      sharingCaseRoutes({
        type: DisputeCase,
        summary: [
          { key: 'entry.name', label: { zh: '信息资源', en: 'Resource' } },
          ...PARTIES_SUMMARY,
          { key: 'reason', label: { zh: '需求理由', en: 'Reason' } },
        ],
        base: API,
        response: DisputeDetailSchema,
        open: {
          summary: '提出协商（或按辖区规则直接提请协调）/ Open a negotiation or ask for coordination',
          description:
            '针对被拒绝的申请（applicationId）或不予共享的目录资源（entryId 及所需信息项）/ for a refused application, or a not-shared cataloged resource',
          body: Type.Union([
            Type.Object({ applicationId: Id, reason: Text }, strict),
            Type.Object({ entryId: Id, reason: Text, ...NeedFields }, strict),
          ]),
          errors: [
            'SHARING_APPLICATION_NOT_FOUND',
            'CATALOG_NOT_FOUND',
            'DISPUTE_APPLICATION_NOT_REFUSED',
            'DISPUTE_ALREADY_OPEN',
            'DISPUTE_ENTRY_SHAREABLE',
            'DISPUTE_STEP_NOT_IN_PROFILE',
            'SHARING_OWN_RESOURCE',
            'SHARING_ITEM_UNKNOWN',
            'SHARING_METHOD_NOT_OFFERED',
            'SHARING_VALIDITY_INVALID',
          ],
          run: (ctx, body) => deps.disputes.open(ctx, body),
        },
        read: {
          summary: '协商协调案件及其办理过程 / A case with its timeline',
          run: (ctx, id) => deps.disputes.get(ctx.actor, id),
        },
        list: {
          summary: '协商协调案件列表（未办结在前，按期限排序）/ Negotiation and coordination cases',
          query: Type.Object(
            {
              as: Type.Optional(AsParty),
              status: Type.Optional(DisputeStatus),
              overdue: Type.Optional(Type.Boolean()),
              ...Paging,
            },
            strict,
          ),
          item: DisputeSchema,
          run: (ctx, query) => deps.disputes.list(ctx.actor, query),
        },
        steps: (step) => ({
          minutes: step({
            summary: '记录协商情况 / Record negotiation minutes',
            body: Type.Object({ text: Text }, strict),
            errors: ['SHARING_REASON_REQUIRED'],
            run: (ctx, id, body) => steps.minutes(ctx, id, body.text),
          }),
          agree: step({
            summary: '提供部门协商同意（可部分），生成授权 / The provider agrees: a grant',
            body: Type.Object(
              {
                items: Type.Optional(Type.Array(ItemName, { minItems: 1, maxItems: 500 })),
                comment: Type.Optional(Type.String({ maxLength: 2000 })),
              },
              strict,
            ),
            errors: ['DISPUTE_ITEMS_INVALID'],
            run: (ctx, id, body) => steps.agree(ctx, id, body),
          }),
          fail: refusalStep(
            '确认协商未果（须说明理由）/ Declare the negotiation failed',
            (ctx, id, reason) => steps.fail(ctx, id, reason),
            { reason: Text },
          ),
          escalate: step({
            summary: '协商未果或期满，提请主管部门协调 / Ask the authority to coordinate',
            body: OptionalReasonBody,
            errors: ['DISPUTE_NEGOTIATION_PENDING', 'DISPUTE_STEP_NOT_IN_PROFILE'],
            run: (ctx, id, body) => steps.escalate(ctx, id, body.reason),
          }),
          decide: step({
            summary:
              '主管部门作出协调决定（具有约束力：共享即授权，否则办结）/ The binding coordination decision',
            body: Type.Object(
              {
                share: Type.Boolean({ description: '是否共享 / whether to share' }),
                decision: Text,
                items: Type.Optional(Type.Array(ItemName, { minItems: 1, maxItems: 500 })),
              },
              strict,
            ),
            errors: ['DISPUTE_DECISION_REQUIRED', 'DISPUTE_ITEMS_INVALID'],
            run: (ctx, id, body) => steps.decide(ctx, id, body),
          }),
          refer: step({
            summary:
              '协调未达成一致，报本级人民政府决定（第二十八条第二款）/ Refer to the government of that level (809 Art.28 ¶2)',
            body: Type.Object({ reason: Text }, strict),
            errors: ['SHARING_REASON_REQUIRED'],
            run: (ctx, id, body) => steps.refer(ctx, id, body.reason),
          }),
          record_government_decision: step({
            summary:
              '登记人民政府决定（决定机关、内容、文号、日期），案件办结 / Record the government decision: the final step',
            body: Type.Object(
              {
                share: Type.Boolean({ description: '是否共享 / whether to share' }),
                decidedBy: Type.Optional(
                  Type.String({ minLength: 1, maxLength: 200, description: '作出决定的人民政府' }),
                ),
                decision: Text,
                reference: Type.String({ minLength: 1, maxLength: 200, description: '决定文号' }),
                decidedOn: IsoDate,
                items: Type.Optional(Type.Array(ItemName, { minItems: 1, maxItems: 500 })),
              },
              strict,
            ),
            errors: [
              'DISPUTE_DECISION_REQUIRED',
              'DISPUTE_GOVERNMENT_DECISION_INVALID',
              'DISPUTE_ITEMS_INVALID',
            ],
            run: (ctx, id, body) => steps.recordGovernmentDecision(ctx, id, body),
          }),
          withdraw: step({
            summary: '使用部门撤回 / The consumer withdraws',
            body: OptionalReasonBody,
            danger: true,
            run: (ctx, id, body) => steps.withdraw(ctx, id, body.reason),
          }),
        }),
      }),
    );
  };
