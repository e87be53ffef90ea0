import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../app/index.js';
import { startCatalogWorld } from '../../catalog/test-support/world.js';
import type { Actor } from '../../org/actor.js';
import { actorOf } from '../../org/auth/request.js';
import { requestContext } from '../../org/routes/org.js';
import { caseStepRoutes, defineCase, NoteBody } from '../../platform/cases/index.js';
import { ManualClock } from '../../platform/clock/index.js';
import type { PlatformConfig } from '../../platform/config/index.js';
import { newId } from '../../platform/db/ids.js';
import type { DialectName } from '../../platform/db/index.js';
import { defineErrors, type ErrorCode } from '../../platform/errors/index.js';
import { defineNotices } from '../../platform/messages/index.js';
import { ownPartyRole } from '../cases.js';
import { SharingActions } from '../policies.js';
import { canReadCase } from '../store.js';

/**
 * A case type added by declaration alone: 催办 (a consumer department urges a provider to answer;
 * the provider answers in writing or the consumer withdraws). Its steps, their routes, the
 * timeline, the audit entries, the notices and its description for the portal's case page all
 * come from the kernel; the test adds only the table, the declaration and what "open" inserts.
 */
type UrgeStatus = 'open' | 'answered' | 'withdrawn';

/** The urge's notice: its text is what the consumer wrote, in both languages. */
const UrgeNotices = defineNotices({
  'urge.opened': { title: { zh: '催办：{text}', en: 'Urged: {text}' }, body: { zh: '{text}', en: '{text}' } },
  'urge.answered': {
    title: { zh: '催办已答复：{number}', en: 'Urge answered: {number}' },
    body: { zh: '{reply}', en: '{reply}' },
  },
});
interface UrgeRow {
  id: string;
  number: string;
  status: UrgeStatus;
  consumer_department_id: string;
  consumer_jurisdiction_path: string;
  provider_department_id: string;
  provider_jurisdiction_path: string;
  text: string;
  reply: string | null;
  updated_at: string;
}

defineErrors('test', {
  TEST_URGE_NOT_FOUND: { status: 404, zh: '催办事项不存在：{id}', en: 'Urge not found: {id}' },
  TEST_URGE_INVALID_STATE: {
    status: 409,
    zh: '催办事项当前状态为“{status}”，不能{action}',
    en: 'The urge is {statusEn}; it cannot be {actionEn}',
  },
});

const UrgeCase = defineCase<Actor, UrgeRow, UrgeStatus, 'answer' | 'withdraw', 'consumer' | 'provider'>({
  type: 'urge',
  auditPrefix: 'test.urge',
  table: 'test_urge',
  touch: 'updated_at',
  numberPrefix: 'CB',
  opening: { action: 'open', by: 'consumer', label: { zh: '催办', en: 'urged' } },
  // A test's own codes are declared above, not in the platform's catalogue (nor its ErrorCode union).
  errors: {
    notFound: 'TEST_URGE_NOT_FOUND' as ErrorCode,
    invalidState: 'TEST_URGE_INVALID_STATE' as ErrorCode,
  },
  statuses: {
    open: { zh: '待答复', en: 'awaiting an answer' },
    answered: { zh: '已答复', en: 'answered' },
    withdrawn: { zh: '已撤回', en: 'withdrawn' },
  },
  roles: {
    consumer: ownPartyRole('consumer', SharingActions['sharing.apply']),
    provider: ownPartyRole('provider', SharingActions['sharing.decide']),
  },
  actions: {
    answer: { by: 'provider', from: ['open'], to: 'answered', label: { zh: '答复', en: 'answered' } },
    withdraw: { by: 'consumer', from: ['open'], to: 'withdrawn', label: { zh: '撤回', en: 'withdrawn' } },
  },
  canRead: canReadCase,
});

export const URGES = '/api/v1/test/urges';
const UrgeSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: Type.String(),
  text: Type.String(),
  reply: Type.Union([Type.String(), Type.Null()]),
  timeline: Type.Array(
    Type.Object({ action: Type.String(), at: Type.String() }, { additionalProperties: true }),
  ),
  allowedActions: Type.Array(Type.String()),
});

function urgeRoutes(services: Services): FastifyPluginAsyncTypebox {
  const kernel = services.sharing.cases;
  const present = (view: Awaited<ReturnType<typeof kernel.get<Actor, UrgeRow, 'answer' | 'withdraw'>>>) => ({
    ...view.row,
    timeline: view.timeline,
    allowedActions: view.allowedActions,
  });
  return async (app) => {
    app.post(
      URGES,
      {
        schema: {
          body: Type.Object(
            { providerDepartmentId: Type.String(), text: Type.String({ minLength: 1, maxLength: 2000 }) },
            { additionalProperties: false },
          ),
          response: { 201: UrgeSchema },
        },
      },
      async (request, reply) => {
        const ctx = requestContext(request);
        const consumer = await services.departments.get(undefined, ctx.actor.departmentId);
        const provider = await services.departments.get(undefined, request.body.providerDepartmentId);
        const row: UrgeRow = {
          id: newId(new Date()),
          number: '',
          status: 'open',
          consumer_department_id: consumer.id,
          consumer_jurisdiction_path: consumer.jurisdictionPath,
          provider_department_id: provider.id,
          provider_jurisdiction_path: provider.jurisdictionPath,
          text: request.body.text,
          reply: null,
          updated_at: new Date().toISOString(),
        };
        const opened = await kernel.open(UrgeCase, ctx, row, async () => ({
          detail: { text: row.text },
          notices: [
            {
              to: { departmentId: provider.id, role: 'resource_admin' },
              ...UrgeNotices.notice('urge.opened', { text: row.text }),
              case: { type: 'urge', id: row.id },
            },
          ],
        }));
        return reply.status(201).send(present(await kernel.get(UrgeCase, ctx.actor, opened.id)));
      },
    );
    app.get(`${URGES}/:id`, { schema: { response: { 200: UrgeSchema } } }, async (request) =>
      present(await kernel.get(UrgeCase, actorOf(request), (request.params as { id: string }).id)),
    );
    await app.register(
      caseStepRoutes({
        type: UrgeCase,
        summary: [{ key: 'text', label: { zh: '催办事项', en: 'What is urged' } }],
        base: URGES,
        tags: ['test'],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: UrgeSchema,
        errors: ['TEST_URGE_NOT_FOUND', 'TEST_URGE_INVALID_STATE'],
        context: requestContext,
        steps: (step) => ({
          answer: step({
            summary: '答复催办 / Answer',
            body: Type.Object(
              { reply: Type.String({ minLength: 1, maxLength: 2000, description: '答复 / Reply' }) },
              { additionalProperties: false },
            ),
            run: async (ctx, id, body) => {
              await kernel.step(UrgeCase, ctx, id, 'answer', async ({ row }) => ({
                set: { reply: body.reply },
                detail: { reply: body.reply },
                notices: [
                  {
                    to: { departmentId: row.consumer_department_id },
                    ...UrgeNotices.notice('urge.answered', { number: row.number, reply: body.reply }),
                    case: { type: 'urge', id },
                  },
                ],
              }));
              return present(await kernel.get(UrgeCase, ctx.actor, id));
            },
          }),
          withdraw: step({
            summary: '撤回催办 / Withdraw',
            body: NoteBody,
            danger: true,
            run: async (ctx, id, body) => {
              await kernel.step(UrgeCase, ctx, id, 'withdraw', async () => ({
                detail: { note: body.note ?? null },
              }));
              return present(await kernel.get(UrgeCase, ctx.actor, id));
            },
          }),
        }),
      }),
    );
  };
}

/** A catalog world whose platform also runs the 催办 case type (its table created before any request). */
export async function startUrgeWorld(
  dialect: DialectName,
  options: { config?: Partial<PlatformConfig>; listen?: boolean; webDist?: string } = {},
) {
  const w = await startCatalogWorld(dialect, {
    clock: new ManualClock('2026-10-09T02:00:00Z'),
    ...options,
    plugins: [urgeRoutes],
  });
  await w.platform.storage.db.schema
    .createTable('test_urge')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('consumer_department_id', 'text', (c) => c.notNull())
    .addColumn('consumer_jurisdiction_path', 'text', (c) => c.notNull())
    .addColumn('provider_department_id', 'text', (c) => c.notNull())
    .addColumn('provider_jurisdiction_path', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  return w;
}
