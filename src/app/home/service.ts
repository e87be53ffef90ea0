import { authorize } from '../../org/index.js';
import type { AuditRecorder, RequestContext } from '../../platform/context/index.js';
import type { Todo } from './model.js';
import { HomeActions } from './policies.js';
import { type StatisticsDeps, statisticsOf } from './statistics.js';
import { type TodoDeps, todoOf } from './todo.js';

export type HomeDeps = TodoDeps &
  StatisticsDeps & {
    services: TodoDeps['services'] & StatisticsDeps['services'];
    audit: AuditRecorder;
  };

/**
 * The home page of every role (issue 17): its to-do, then its statistics, read through each
 * module's own methods with the reader's scope; the read is audited as one entry.
 */
export class HomeService {
  constructor(private readonly deps: HomeDeps) {}

  async summary(ctx: RequestContext) {
    authorize(ctx.actor, HomeActions['home.read']);
    const [todo, statistics] = await Promise.all([
      todoOf(this.deps, ctx.actor),
      statisticsOf(this.deps, ctx.actor),
    ]);
    await this.deps.audit.record(this.deps.storage.db, ctx, {
      action: 'home.summary.read',
      category: 'admin',
      targetType: 'home',
      targetId: ctx.actor.departmentId,
      detail: {
        todo: Object.fromEntries(
          Object.entries(todo as Todo).map(([kind, list]) => [kind, list === null ? null : list.count]),
        ),
        statistics: statistics === null ? null : statistics.scope,
      },
    });
    return { todo, statistics };
  }
}
