import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TObject, Type } from '@sinclair/typebox';
import { actorOf } from '../../../org/auth/request.js';
import { requestContext } from '../../../org/routes/org.js';
import { Id, IdParams, ItemName, Paging, sharingErrors, strict } from '../../routes/schemas.js';
import type { DisputeService } from '../disputes.js';
import { DisputeDetailSchema, DisputeSchema, DisputeStatus, NeedFields, Text } from './schemas.js';

const tags = ['sharing'];
const API = '/api/v1/sharing/disputes';
const STEP_ERRORS = ['DISPUTE_NOT_FOUND', 'DISPUTE_INVALID_STATE'];

/** Negotiation and coordination (协商 / 协调): open, list, read, and the steps of a case. */
export const disputeCaseRoutes =
  (deps: { disputes: DisputeService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const steps = deps.disputes.steps;
    app.post(
      API,
      {
        schema: {
          tags,
          summary: '提出协商（或按辖区规则直接提请协调）/ Open a negotiation or ask for coordination',
          description:
            '针对被拒绝的申请（applicationId）或不予共享的目录资源（entryId 及所需信息项）/ for a refused application, or a not-shared cataloged resource',
          body: Type.Union([
            Type.Object({ applicationId: Id, reason: Text }, strict),
            Type.Object({ entryId: Id, reason: Text, ...NeedFields }, strict),
          ]),
          response: {
            201: DisputeDetailSchema,
            ...sharingErrors(
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
            ),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.disputes.open(requestContext(request), request.body)),
    );

    app.get(
      API,
      {
        schema: {
          tags,
          summary: '协商协调案件列表（未办结在前，按期限排序）/ Negotiation and coordination cases',
          querystring: Type.Object(
            {
              as: Type.Optional(
                Type.Union([Type.Literal('consumer'), Type.Literal('provider'), Type.Literal('all')]),
              ),
              status: Type.Optional(DisputeStatus),
              overdue: Type.Optional(Type.Boolean()),
              ...Paging,
            },
            strict,
          ),
          response: {
            200: Type.Object({ items: Type.Array(DisputeSchema), total: Type.Integer() }),
            ...sharingErrors(),
          },
        },
      },
      async (request) => deps.disputes.list(actorOf(request), request.query),
    );

    app.get(
      `${API}/:id`,
      {
        schema: {
          tags,
          summary: '协商协调案件及其办理过程 / A case with its timeline',
          params: IdParams,
          response: { 200: DisputeDetailSchema, ...sharingErrors('DISPUTE_NOT_FOUND') },
        },
      },
      async (request) => deps.disputes.get(actorOf(request), request.params.id),
    );

    const step = <B extends TObject>(summary: string, body: B, errors: string[] = []) => ({
      schema: {
        tags,
        summary,
        params: IdParams,
        body,
        response: { 200: DisputeDetailSchema, ...sharingErrors(...STEP_ERRORS, ...errors) },
      },
    });

    app.post(
      `${API}/:id/minutes`,
      step('记录协商情况 / Record negotiation minutes', Type.Object({ text: Text }, strict), [
        'SHARING_REASON_REQUIRED',
      ]),
      async (r) => steps.minutes(requestContext(r), r.params.id, r.body.text),
    );
    app.post(
      `${API}/:id/agree`,
      step(
        '提供部门协商同意（可部分），生成授权 / The provider agrees: a grant',
        Type.Object(
          {
            items: Type.Optional(Type.Array(ItemName, { minItems: 1, maxItems: 500 })),
            comment: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          strict,
        ),
        ['DISPUTE_ITEMS_INVALID'],
      ),
      async (r) => steps.agree(requestContext(r), r.params.id, r.body),
    );
    app.post(
      `${API}/:id/fail`,
      step(
        '确认协商未果（须说明理由）/ Declare the negotiation failed',
        Type.Object({ reason: Text }, strict),
        ['SHARING_REASON_REQUIRED'],
      ),
      async (r) => steps.fail(requestContext(r), r.params.id, r.body.reason),
    );
    app.post(
      `${API}/:id/escalate`,
      step(
        '协商未果或期满，提请主管部门协调 / Ask the authority to coordinate',
        Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, strict),
        ['DISPUTE_NEGOTIATION_PENDING', 'DISPUTE_STEP_NOT_IN_PROFILE'],
      ),
      async (r) => steps.escalate(requestContext(r), r.params.id, r.body.reason),
    );
    app.post(
      `${API}/:id/decide`,
      step(
        '主管部门作出协调决定（具有约束力：共享即授权，否则办结）/ The binding coordination decision',
        Type.Object(
          {
            share: Type.Boolean({ description: '是否共享 / whether to share' }),
            decision: Text,
            items: Type.Optional(Type.Array(ItemName, { minItems: 1, maxItems: 500 })),
          },
          strict,
        ),
        ['DISPUTE_DECISION_REQUIRED', 'DISPUTE_ITEMS_INVALID'],
      ),
      async (r) => steps.decide(requestContext(r), r.params.id, r.body),
    );
    app.post(
      `${API}/:id/withdraw`,
      step(
        '使用部门撤回 / The consumer withdraws',
        Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, strict),
      ),
      async (r) => steps.withdraw(requestContext(r), r.params.id, r.body.reason),
    );
  };
