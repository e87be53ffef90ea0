import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requestContext } from '../../org/index.js';
import { errorResponses, Nullable, strict } from '../../platform/http/index.js';
import { REPLY_BUCKETS, TODO_KINDS } from '../home/model.js';
import type { HomeService } from '../home/service.js';

const Count = Type.Integer({ minimum: 0 });

const TodoItemSchema = Type.Object({
  id: Type.String(),
  title: Type.String({ description: '事项 / what it is' }),
  titleEn: Nullable(Type.String({ description: '英文名称（与中文不同时）/ English title where it differs' })),
  dueDate: Nullable(Type.String({ format: 'date', description: '期限 / deadline' })),
  overdue: Type.Boolean({ description: '已逾期 / past its deadline' }),
  since: Nullable(Type.String({ description: '状态起始时间 / since when (node offline, job failing)' })),
  link: Type.String({ description: '门户中的页面 / portal path' }),
});

const TodoListSchema = Nullable(
  Type.Object({
    count: Count,
    items: Type.Array(TodoItemSchema, { description: '前几项 / the first few' }),
    link: Type.String({ description: '全部事项所在页面 / the portal page listing all' }),
  }),
);

const TodoSchema = Type.Object(
  Object.fromEntries(TODO_KINDS.map((kind) => [kind, TodoListSchema])) as Record<
    (typeof TODO_KINDS)[number],
    typeof TodoListSchema
  >,
  {
    description:
      '待办：approvals 待本部门答复的申请，deadlines 本部门临近或超过期限的申请，verifications 校核纠错，violations 待整改的违规事项，nodes 离线前置机，jobs 失败的后台任务；null 表示与本角色无关 / to-do per kind; null where not the reader’s',
  },
);

const StatisticsSchema = Nullable(
  Type.Object({
    scope: Type.Object({
      kind: Type.Union([Type.Literal('department'), Type.Literal('jurisdiction'), Type.Literal('all')]),
      name: Type.String(),
    }),
    resources: Type.Array(
      Type.Object({ catalogClass: Type.String(), shareType: Type.String(), resources: Count }),
      { description: '已发布资源按目录类别与共享类型 / published resources by class and share type' },
    ),
    applicationsPerMonth: Type.Array(
      Type.Object({ month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }), applications: Count }),
      { description: '近 12 个月每月共享申请数 / applications per month, last 12 months' },
    ),
    replyTimes: Type.Object(
      Object.fromEntries(REPLY_BUCKETS.map((b) => [b, Count])) as Record<
        (typeof REPLY_BUCKETS)[number],
        typeof Count
      >,
      {
        description: '答复用时：期限过半前、期限内、逾期 / answers within half the period, within it, late',
      },
    ),
    usage: Type.Array(
      Type.Object({
        day: Type.String({ format: 'date' }),
        queries: Count,
        downloads: Count,
        serviceCalls: Count,
      }),
      { description: '近 30 日调用量 / reads per day, last 30 days' },
    ),
    topResources: Type.Array(
      Type.Object({
        id: Type.String(),
        code: Type.String(),
        name: Type.String(),
        reads: Count,
        rowsRead: Count,
      }),
    ),
    freshness: Nullable(Type.Object({ fresh: Count, due: Count, late: Count, unknown: Count })),
    ranking: Nullable(
      Type.Array(
        Type.Object({
          departmentId: Type.String(),
          name: Type.String(),
          score: Type.Number({ minimum: 0, maximum: 100 }),
          measured: Count,
        }),
      ),
    ),
  }),
);

/** The home page's summary: the reader's to-do and statistics (issue 17). */
export function homeRoutes(deps: { home: HomeService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/home',
      {
        schema: {
          tags: ['home'],
          summary: '首页：本人待办与本范围统计 / Home: the reader’s to-do and statistics in their scope',
          querystring: Type.Object({}, strict),
          response: {
            200: Type.Object({ todo: TodoSchema, statistics: StatisticsSchema }),
            ...errorResponses(),
          },
        },
      },
      async (request) => deps.home.summary(requestContext(request)),
    );
  };
}
