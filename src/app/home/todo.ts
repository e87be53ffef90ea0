import { ExchangeActions } from '../../exchange/index.js';
import { isAllowed, scopeOf } from '../../org/index.js';
import type { Actor } from '../../platform/context/index.js';
import { CorrectionActions } from '../../quality/index.js';
import { type Application, SharingActions } from '../../sharing/index.js';
import { type ToRectify, ViolationActions } from '../../supervision/index.js';
import { JobActions } from '../routes/jobs.js';
import type { Services } from '../services.js';
import type { Todo, TodoItem, TodoList, ViolationTodo } from './model.js';

/** How many items of each kind the home page lists; the count says how many there are in all. */
export const TODO_ITEMS = 5;
/** An application of mine is near its deadline when this many working days or fewer are left. */
export const NEAR_DEADLINE_WORKING_DAYS = 3;
/** The most open cases one kind reads to count those due (a list past it counts what it read). */
const READ_AT_MOST = 200;

export interface TodoDeps {
  services: Pick<Services, 'sharing' | 'quality' | 'exchange' | 'jobs'>;
  /** Violations to rectify (R114), once a violations module offers them; empty without. */
  violations?: ViolationTodo | undefined;
}

const listOf = (items: TodoItem[], link: string, count = items.length): TodoList => ({
  count,
  items: items.slice(0, TODO_ITEMS),
  link,
});

const applicationItem = (a: Application): TodoItem => ({
  id: a.id,
  title: `${a.number} ${a.entry.name}（${a.consumer.name} → ${a.provider.name}）`,
  titleEn: null,
  dueDate: a.deadline?.dueDate ?? null,
  overdue: a.overdue,
  since: null,
  link: `/sharing/applications/${a.id}`,
});

const byDue = (a: TodoItem, b: TodoItem) =>
  (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31') || a.id.localeCompare(b.id);

/**
 * Violations my department is ordered to rectify (R114), for whoever may report a rectification:
 * the department's resource administrators (and the authority's own people, 809 第四十一条).
 */
export const violationTodo =
  (violations: { toRectify(actor: Actor): Promise<ToRectify[]> }): ViolationTodo =>
  async (actor) => {
    const target = { departmentId: actor.departmentId, jurisdictionPath: actor.jurisdictionPath };
    if (!isAllowed(actor, ViolationActions['supervision.violation.rectify'], target)) return null;
    const items = (await violations.toRectify(actor)).map(
      (v): TodoItem => ({
        id: v.id,
        title: `${v.number} ${v.category.zh}`,
        titleEn: `${v.number} ${v.category.en}`,
        dueDate: v.dueDate,
        overdue: v.overdue,
        since: null,
        link: `/cases/violation/${v.id}`,
      }),
    );
    return listOf(items.sort(byDue), '/supervision/violations');
  };

/**
 * The reader's to-do, each kind read through its module's own list with the reader's scope (so
 * that nothing of another department shows): what each module would list them on its own page.
 */
export async function todoOf(deps: TodoDeps, actor: Actor): Promise<Todo> {
  const { sharing, quality, exchange, jobs } = deps.services;
  const own = { departmentId: actor.departmentId, jurisdictionPath: actor.jurisdictionPath };

  const approvals = async (): Promise<TodoList | null> => {
    if (!isAllowed(actor, SharingActions['sharing.decide'], own)) return null;
    // Waiting for my department's answer: to be answered, or answered and awaiting its head (N09).
    const lists = await Promise.all(
      (['pending', 'answer_review'] as const).map((status) =>
        sharing.applications.list(actor, { as: 'provider', status, page: 1, pageSize: TODO_ITEMS }),
      ),
    );
    const items = lists.flatMap((l) => l.items.map(applicationItem)).sort(byDue);
    return listOf(
      items,
      '/sharing/approvals',
      lists.reduce((n, l) => n + l.total, 0),
    );
  };

  const deadlines = async (): Promise<TodoList | null> => {
    if (!isAllowed(actor, SharingActions['sharing.apply'], own)) return null;
    const { items } = await sharing.applications.list(actor, {
      as: 'consumer',
      status: 'pending',
      page: 1,
      pageSize: READ_AT_MOST,
    });
    const due = items
      .filter(
        (a) =>
          a.overdue ||
          (a.deadline?.workingDaysLeft !== null &&
            a.deadline?.workingDaysLeft !== undefined &&
            a.deadline.workingDaysLeft <= NEAR_DEADLINE_WORKING_DAYS),
      )
      .map(applicationItem)
      .sort(byDue);
    return listOf(due, '/sharing/applications');
  };

  const verifications = async (): Promise<TodoList | null> => {
    if (scopeOf(actor, CorrectionActions['quality.correction.read']).kind === 'none') return null;
    const { items } = await quality.corrections.list(actor, { page: 1, pageSize: READ_AT_MOST });
    // Open requests with a step of mine: the provider's answer, the authority's routing, or my
    // own department's request still running (it may withdraw it).
    const due = items
      .filter((c) => c.allowedActions.length > 0)
      .map(
        (c): TodoItem => ({
          id: c.id,
          title: `${c.number} ${c.entry.name}（${c.consumer.name} → ${c.provider.name}）`,
          titleEn: null,
          dueDate: c.deadline?.dueDate ?? null,
          overdue: c.overdue,
          since: null,
          link: `/quality/corrections/${c.id}`,
        }),
      )
      .sort(byDue);
    return listOf(due, '/quality/corrections');
  };

  const nodes = async (): Promise<TodoList | null> => {
    if (scopeOf(actor, ExchangeActions['exchange.monitor']).kind === 'none') return null;
    const offline = (await exchange.nodes.list(actor))
      .filter((n) => n.status === 'offline')
      .map(
        (n): TodoItem => ({
          id: n.id,
          title: `${n.nodeName}（${n.departmentName}）`,
          titleEn: null,
          dueDate: null,
          overdue: false,
          since: n.statusChangedAt,
          link: '/exchange/nodes',
        }),
      );
    return listOf(offline, '/exchange/nodes');
  };

  const failingJobs = async (): Promise<TodoList | null> => {
    if (!actor.roles.includes('operator') || !isAllowed(actor, JobActions['platform.jobs.read'])) return null;
    const failing = (await jobs.status())
      .filter((j) => j.lastOutcome === 'failure')
      .map(
        (j): TodoItem => ({
          id: j.name,
          title: j.label.zh,
          titleEn: j.label.en,
          dueDate: null,
          overdue: false,
          since: j.lastFinishedAt ?? j.lastStartedAt,
          link: '/jobs',
        }),
      );
    return listOf(failing, '/jobs');
  };

  const [a, d, v, n, j, violations] = await Promise.all([
    approvals(),
    deadlines(),
    verifications(),
    nodes(),
    failingJobs(),
    deps.violations ? deps.violations(actor) : Promise.resolve(null),
  ]);
  return { approvals: a, deadlines: d, verifications: v, violations, nodes: n, jobs: j };
}
