import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Nullable } from '../../platform/http/index.js';
import { noteStep, refusalStep, sharingCaseRoutes, withdrawStep } from '../routes/case-routes.js';
import {
  AsParty,
  CaseEventSchema,
  DepartmentRef,
  Id,
  IsoDate,
  ItemName,
  literals,
  Method,
  NEED_ERRORS,
  PARTIES_SUMMARY,
  Paging,
  Purpose,
  strict,
} from '../routes/schemas.js';
import { AgreementCase } from './case.js';
import { AGREEMENT_STATUSES, FREQUENCIES } from './schema.js';
import type { AgreementService } from './service.js';

const API = '/api/v1/sharing/agreements';
const Status = literals(AGREEMENT_STATUSES, '协议状态 / agreement status');
const Frequency = literals(FREQUENCIES, '交换频率 / how often the data is taken');
const AgreementSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: '协议编号 XY-年份-序号 / agreement number' }),
  consumer: DepartmentRef,
  provider: DepartmentRef,
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
    timeline: Type.Array(CaseEventSchema),
    allowedActions: Type.Array(
      literals(
        ['withdraw', 'sign', 'decline', 'file', 'refuse_filing'] as const,
        '当前可执行的操作 / actions open to the reader',
      ),
    ),
  }),
]);

/** Agreements (协议共享, R35): propose, sign or decline, file (备案) or refuse filing, withdraw. */
export const agreementRoutes =
  (deps: { agreements: AgreementService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(
      sharingCaseRoutes({
        type: AgreementCase,
        summary: [
          { key: 'entry.name', label: { zh: '信息资源', en: 'Resource' } },
          ...PARTIES_SUMMARY,
          { key: 'validUntil', label: { zh: '有效期至', en: 'Valid until' } },
        ],
        base: API,
        response: DetailSchema,
        open: {
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
          errors: ['AGREEMENT_NOT_AVAILABLE', ...NEED_ERRORS],
          run: (ctx, body) => deps.agreements.propose(ctx, body),
        },
        read: {
          summary: '共享协议及其办理过程 / An agreement with its timeline',
          run: (ctx, id) => deps.agreements.get(ctx.actor, id),
        },
        list: {
          summary: '共享协议列表（含备案状态）/ Agreements with their filing status',
          query: Type.Object(
            {
              as: Type.Optional(AsParty),
              status: Type.Optional(Status),
              ...Paging,
            },
            strict,
          ),
          item: AgreementSchema,
          run: (ctx, query) => deps.agreements.list(ctx.actor, query),
        },
        steps: () => ({
          withdraw: withdrawStep('撤回协议（备案前）/ Withdraw before filing', (ctx, id, note) =>
            deps.agreements.withdraw(ctx, id, note),
          ),
          sign: noteStep('提供部门签署 / The provider signs', (ctx, id, note) =>
            deps.agreements.sign(ctx, id, note),
          ),
          decline: refusalStep(
            '提供部门拒绝签署（须说明理由）/ The provider declines with a reason',
            (ctx, id, reason) => deps.agreements.decline(ctx, id, reason),
          ),
          file: noteStep(
            '主管部门备案，协议生效并产生授权 / The authority files it: in effect, grant created',
            (ctx, id, note) => deps.agreements.file(ctx, id, note),
            { errors: ['SHARING_RESOURCE_STOPPED'] },
          ),
          refuse_filing: refusalStep(
            '主管部门不予备案（须说明理由）/ The authority refuses filing',
            (ctx, id, reason) => deps.agreements.refuseFiling(ctx, id, reason),
          ),
        }),
      }),
    );
  };
