/** `GET /api/v1/home` as the portal reads it (the OpenAPI document is the contract). */

export const TODO_KINDS = ['approvals', 'deadlines', 'verifications', 'violations', 'nodes', 'jobs'] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export interface TodoItem {
  id: string;
  title: string;
  titleEn: string | null;
  dueDate: string | null;
  overdue: boolean;
  since: string | null;
  link: string;
}

export interface TodoList {
  count: number;
  items: TodoItem[];
  link: string;
}

export interface HomeStatistics {
  scope: { kind: 'department' | 'jurisdiction' | 'all'; name: string };
  resources: { catalogClass: string; shareType: string; resources: number }[];
  applicationsPerMonth: { month: string; applications: number }[];
  replyTimes: { half: number; within: number; late: number };
  usage: { day: string; queries: number; downloads: number; serviceCalls: number }[];
  topResources: { id: string; code: string; name: string; reads: number; rowsRead: number }[];
  freshness: { fresh: number; due: number; late: number; unknown: number } | null;
  ranking: { departmentId: string; name: string; score: number; measured: number }[] | null;
}

export interface HomeSummary {
  todo: Record<TodoKind, TodoList | null>;
  statistics: HomeStatistics | null;
}
