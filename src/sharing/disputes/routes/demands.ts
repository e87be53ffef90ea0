import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sharingCaseRoutes } from '../../routes/case-routes.js';
import {
  AsParty,
  Id,
  ItemName,
  OptionalReasonBody,
  PARTIES_SUMMARY,
  Paging,
  strict,
} from '../../routes/schemas.js';
import { DemandCase } from '../case.js';
import type { DemandService } from '../demands.js';
import { DemandDetailSchema, DemandSchema, DemandStatus, NeedFields, Text } from './schemas.js';

const API = '/api/v1/sharing/demands';

/** Out-of-catalog demands (目录外需求): submit, list, read, decide, supply, withdraw. */
export const demandRoutes =
  (deps: { demands: DemandService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const steps = deps.demands.steps;
    await app.register(
      sharingCaseRoutes({
        type: DemandCase,
        summary: [
          { key: 'title', label: { zh: '所需数据', en: 'Data wanted' } },
          ...PARTIES_SUMMARY,
          { key: 'description', label: { zh: '需求说明', en: 'Description' } },
        ],
        base: API,
        response: DemandDetailSchema,
        open: {
          summary: '提出目录外共享需求 / Ask for data that is not in the catalog',
          body: Type.Object(
            {
              providerDepartmentId: Id,
              title: Type.String({ minLength: 1, maxLength: 200 }),
              description: Text,
              ...NeedFields,
            },
            strict,
          ),
          errors: [
            'SHARING_OWN_RESOURCE',
            'CATALOG_PROVIDER_INVALID',
            'SHARING_PURPOSE_TEXT_REQUIRED',
            'SHARING_VALIDITY_INVALID',
          ],
          run: (ctx, body) => deps.demands.open(ctx, body),
        },
        read: {
          summary: '目录外需求及其办理过程 / A demand with its timeline',
          run: (ctx, id) => deps.demands.get(ctx.actor, id),
        },
        list: {
          summary: '目录外需求列表 / Out-of-catalog demands',
          query: Type.Object(
            {
              as: Type.Optional(AsParty),
              status: Type.Optional(DemandStatus),
              overdue: Type.Optional(Type.Boolean()),
              ...Paging,
            },
            strict,
          ),
          item: DemandSchema,
          run: (ctx, query) => deps.demands.list(ctx.actor, query),
        },
        steps: (step) => ({
          decide: step({
            summary:
              '作出决定（人民政府决定须填文号；决定共享的起算提供期限）/ Decide (with the government decision number where the government decides)',
            body: Type.Object(
              {
                share: Type.Boolean(),
                reason: Text,
                reference: Type.Optional(
                  Type.String({ maxLength: 200, description: '决定文号 / decision document number' }),
                ),
              },
              strict,
            ),
            errors: ['SHARING_REASON_REQUIRED', 'DEMAND_REFERENCE_REQUIRED'],
            run: (ctx, id, body) => steps.decide(ctx, id, body),
          }),
          supply: step({
            summary:
              '提供部门编目后提供（指明已发布的目录及信息项，生成授权）/ The provider names its published entry: a grant',
            body: Type.Object(
              { entryId: Id, items: Type.Array(ItemName, { minItems: 1, maxItems: 500 }) },
              strict,
            ),
            errors: [
              'CATALOG_NOT_FOUND',
              'DEMAND_ENTRY_INVALID',
              'SHARING_NOT_SHARED',
              'SHARING_ITEM_UNKNOWN',
              'SHARING_ITEM_NOT_SHARED',
              'SHARING_METHOD_NOT_OFFERED',
            ],
            run: (ctx, id, body) => steps.supply(ctx, id, body),
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
