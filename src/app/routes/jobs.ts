import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, authorize, definePolicies } from '../../org/index.js';
import { errorResponses } from '../../platform/http/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';

export const JobActions = definePolicies({
  /** See the background jobs: last run, outcome, next run, last error (R55, R102). */
  'platform.jobs.read': { operator: 'all', auditor: 'all' },
});

const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

const JobStatusSchema = Type.Object({
  name: Type.String({ examples: ['audit.retention'] }),
  label: Type.Object({ zh: Type.String(), en: Type.String() }),
  scope: Type.Union([Type.Literal('cluster'), Type.Literal('node')], {
    description:
      'cluster：共享数据库的节点中每周期只由一个节点运行，运行记录存于数据库；node：每个节点各自运行，状态为本节点所见 / cluster: one node per period, stored; node: every node, this node’s view',
  }),
  every: Type.Union([Type.Integer(), Type.Null()], { description: '运行间隔（毫秒） / interval in ms' }),
  dailyAt: Type.Union([Type.String(), Type.Null()], {
    description: '每日运行时刻（北京时间 HH:MM） / daily time, China Standard Time',
  }),
  running: Type.Boolean({ description: '正在本节点运行 / running on this node now' }),
  runningOn: Type.Union([Type.String(), Type.Null()], {
    description: '正在运行的节点 / node running it now',
  }),
  lastStartedAt: NullableTime,
  lastFinishedAt: NullableTime,
  lastSuccessAt: NullableTime,
  lastOutcome: Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  consecutiveFailures: Type.Integer({ minimum: 0 }),
  nextRunAt: NullableTime,
});

export interface JobRoutesDeps {
  jobs: JobRunner;
}

/** The background jobs' status for operators and auditors. */
export function jobRoutes(deps: JobRoutesDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/v1/platform/jobs',
      {
        schema: {
          tags: ['operations'],
          summary: '后台任务状态 / background jobs: last run, outcome and next run',
          response: { 200: Type.Object({ jobs: Type.Array(JobStatusSchema) }), ...errorResponses() },
        },
      },
      async (request) => {
        authorize(actorOf(request), JobActions['platform.jobs.read']);
        return { jobs: await deps.jobs.status() };
      },
    );
  };
}
