import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from '@sinclair/typebox';
import { actorOf } from '../../org/auth/request.js';
import { requestContext } from '../../org/routes/org.js';
import {
  Id,
  IdParams,
  IsoDate,
  ItemName,
  Method,
  Paging,
  Purpose,
  Reason,
  sharingErrors,
  strict,
} from '../routes/schemas.js';
import { AGREEMENT_STATUSES, FREQUENCIES } from './schema.js';
import type { AgreementService } from './service.js';

const tags = ['sharing'];
const API = '/api/v1/sharing/agreements';
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const literals = <const T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );

const Status = literals(AGREEMENT_STATUSES, '协议状态 / agreement status');
const Frequency = literals(FREQUENCIES, '交换频率 / how often the data is taken');
const Dept = Type.Object({ departmentId: Type.String(), name: Type.String() });
const Event = Type.Object({
  action: Type.String(),
  actor: Type.Object({ id: Nullable(Type.String()), name: Type.String() }),
  at: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});
const AgreementSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '协议编号 XY-年份-序号 / agreement number' }),
  consumer: Dept,
  provider: Dept,
  entry: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  items: Type.Array(Type.String()),
  purpose: Purpose,
  purposeText: Nullable(Type.String()),
  legalDuty: Type.String(),
  frequency: Frequency,
  methods: Type.Array(Method),
  validFrom: Type.String(),
  validUntil: Type.String(),
  terms: Nullable(Type.String()),
  status: Status,
  effective: Type.Boolean({ description: '已备案生效 / filed and in effect' }),
  signedAt: Nullable(Type.String()),
  filedAt: Nullable(Type.String()),
  filingNote: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  grantId: Nullable(Type.String()),
  basis: Type.Object({ article: Nullable(Type.String()), text: Type.String() }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const DetailSchema = Type.Composite([
  AgreementSchema,
  Type.Object({
    timeline: Type.Array(Event),
    allowedActions: Type.Array(
      literals(
        ['withdraw', 'sign', 'decline', 'file', 'refuse_filing'] as const,
        '当前可执行的操作 / actions open to the reader',
      ),
    ),
  }),
]);
const STEP_ERRORS = ['AGREEMENT_NOT_FOUND', 'AGREEMENT_INVALID_STATE'];

/** Agreements (协议共享, R35): propose, sign or decline, file (备案) or refuse filing, withdraw. */
export const agreementRoutes =
  (deps: { agreements: AgreementService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      API,
      {
        schema: {
          tags,
          summary:
            '提出共享协议（签署并经主管部门备案后生效）/ Propose an agreement (effective once signed and filed)',
          body: Type.Object(
            {
              entryId: Id,
              items: Type.Array(ItemName, { minItems: 1, maxItems: 500 }),
              purpose: Purpose,
              purposeText: Type.Optional(Type.String({ maxLength: 500 })),
              legalDuty: Type.String({ minLength: 1, maxLength: 2000 }),
              frequency: Frequency,
              methods: Type.Array(Method, { minItems: 1, maxItems: 4 }),
              validFrom: Type.Optional(IsoDate),
              validUntil: IsoDate,
              terms: Type.Optional(Type.String({ maxLength: 10_000 })),
            },
            strict,
          ),
          response: {
            201: DetailSchema,
            ...sharingErrors(
              'AGREEMENT_NOT_AVAILABLE',
              'CATALOG_NOT_FOUND',
              'SHARING_ENTRY_NOT_PUBLISHED',
              'SHARING_OWN_RESOURCE',
              'SHARING_NOT_SHARED',
              'SHARING_ITEM_UNKNOWN',
              'SHARING_ITEM_NOT_SHARED',
              'SHARING_METHOD_NOT_OFFERED',
              'SHARING_VALIDITY_INVALID',
              'SHARING_RESOURCE_STOPPED',
            ),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.agreements.propose(requestContext(request), request.body)),
    );

    app.get(
      API,
      {
        schema: {
          tags,
          summary: '共享协议列表（含备案状态）/ Agreements with their filing status',
          querystring: Type.Object(
            {
              as: Type.Optional(
                Type.Union([Type.Literal('consumer'), Type.Literal('provider'), Type.Literal('all')]),
              ),
              status: Type.Optional(Status),
              ...Paging,
            },
            strict,
          ),
          response: {
            200: Type.Object({ items: Type.Array(AgreementSchema), total: Type.Integer() }),
            ...sharingErrors(),
          },
        },
      },
      async (request) => deps.agreements.list(actorOf(request), request.query),
    );

    app.get(
      `${API}/:id`,
      {
        schema: {
          tags,
          summary: '共享协议及其办理过程 / An agreement with its timeline',
          params: IdParams,
          response: { 200: DetailSchema, ...sharingErrors('AGREEMENT_NOT_FOUND') },
        },
      },
      async (request) => deps.agreements.get(actorOf(request), request.params.id),
    );

    const steps = {
      withdraw: { summary: '撤回协议（备案前）/ Withdraw before filing', reason: false },
      sign: { summary: '提供部门签署 / The provider signs', reason: false },
      decline: {
        summary: '提供部门拒绝签署（须说明理由）/ The provider declines with a reason',
        reason: true,
      },
      file: {
        summary: '主管部门备案，协议生效并产生授权 / The authority files it: in effect, grant created',
        reason: false,
      },
      'refuse-filing': {
        summary: '主管部门不予备案（须说明理由）/ The authority refuses filing',
        reason: true,
      },
    } as const;
    for (const [step, spec] of Object.entries(steps)) {
      app.post(
        `${API}/:id/${step}`,
        {
          schema: {
            tags,
            summary: spec.summary,
            params: IdParams,
            body: spec.reason
              ? Type.Object({ reason: Reason }, strict)
              : Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, strict),
            response: {
              200: DetailSchema,
              ...sharingErrors(
                ...STEP_ERRORS,
                ...(spec.reason ? ['SHARING_REASON_REQUIRED'] : []),
                ...(step === 'file' ? ['SHARING_RESOURCE_STOPPED'] : []),
              ),
            },
          },
        },
        async (request) => {
          const ctx = requestContext(request);
          const id = (request.params as { id: string }).id;
          const body = request.body as { reason?: string; note?: string };
          switch (step) {
            case 'withdraw':
              return deps.agreements.withdraw(ctx, id, body.note);
            case 'sign':
              return deps.agreements.sign(ctx, id, body.note);
            case 'decline':
              return deps.agreements.decline(ctx, id, body.reason ?? '');
            case 'file':
              return deps.agreements.file(ctx, id, body.note);
            default:
              return deps.agreements.refuseFiling(ctx, id, body.reason ?? '');
          }
        },
      );
    }
  };
