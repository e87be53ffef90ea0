import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../platform/http/index.js';
import { ACCOUNT_CONCERNS, ACCOUNT_SORTS, type AccountSecurityService } from '../security-overview.js';
import { requestContext } from './org.js';
import { Id, Paging, RoleSchema } from './schemas.js';

const NullableString = (description?: string) =>
  Type.Union([Type.String(), Type.Null()], description ? { description } : {});

const ConcernSchema = Type.Union(
  ACCOUNT_CONCERNS.map((c) => Type.Literal(c)),
  {
    description:
      'locked 已锁定；failedSignIns 近期登录失败；totpMissing 未设置动态口令（角色要求）；noRole 未分配角色；disabled 已停用 / why an account needs attention',
  },
);

const AccountSecuritySchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  roles: Type.Array(RoleSchema),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  privileged: Type.Boolean({
    description: '特权账号：解锁等操作须双人审批 / privileged: an unlock waits for dual control',
  }),
  locked: Type.Boolean(),
  lockedUntil: NullableString('锁定至 / locked until'),
  lockedAfterFailures: Type.Union([Type.Integer(), Type.Null()], {
    description: '连续登录失败多少次后锁定 / locked after this many failures in a row',
  }),
  failureRun: Type.Integer({
    description: '自上次成功登录或锁定以来连续失败次数 / failures in a row since the last success or lock',
  }),
  failedSignIns: Type.Object(
    {
      count: Type.Integer(),
      lastAt: NullableString(),
      lastAddress: NullableString('最近一次失败的来源地址 / client address of the last failure'),
    },
    { description: '所选天数内的登录失败 / failed sign-ins within the window' },
  ),
  totpRequired: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  lastLoginAt: NullableString(),
  createdAt: Type.String(),
  concerns: Type.Array(ConcernSchema),
});

const ConcernCountsSchema = Type.Object(
  Object.fromEntries(ACCOUNT_CONCERNS.map((c) => [c, Type.Integer()])) as Record<
    (typeof ACCOUNT_CONCERNS)[number],
    ReturnType<typeof Type.Integer>
  >,
);

export const securityRoutes =
  (deps: { accountSecurity: AccountSecurityService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/security/accounts',
      {
        schema: {
          tags: ['org'],
          summary:
            '账号安全：已锁定、登录失败、未设置动态口令、未分配角色、已停用的账号（安全管理员；查阅留痕） / Accounts needing attention (security administrator; the read is audited)',
          querystring: Type.Object(
            {
              concern: Type.Union([Type.Literal('any'), ...ACCOUNT_CONCERNS.map((c) => Type.Literal(c))], {
                default: 'any',
                description: '筛选：any 任一需关注情形 / one concern, or any',
              }),
              days: Type.Integer({
                minimum: 1,
                maximum: 90,
                default: 7,
                description: '登录失败统计的天数 / days of failed sign-ins',
              }),
              q: Type.Optional(Type.String({ maxLength: 100 })),
              departmentId: Type.Optional(Id),
              sort: Type.Union(
                ACCOUNT_SORTS.map((s) => Type.Literal(s)),
                { default: 'lastFailedAt' },
              ),
              order: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' }),
              ...Paging,
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              items: Type.Array(AccountSecuritySchema),
              total: Type.Integer(),
              summary: ConcernCountsSchema,
              days: Type.Integer(),
              policy: Type.Object({ maxFailures: Type.Integer(), lockMinutes: Type.Integer() }),
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) => deps.accountSecurity.list(requestContext(request), request.query),
    );
  };
