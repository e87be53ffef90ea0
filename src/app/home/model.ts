import type { Actor } from '../../platform/context/index.js';

/** The kinds of to-do the home page lists, in the order it shows them. */
export const TODO_KINDS = ['approvals', 'deadlines', 'verifications', 'violations', 'nodes', 'jobs'] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

/** One thing to do, as the home page lists it with a link to where it is done. */
export interface TodoItem {
  id: string;
  title: string;
  /** The title in English where it differs (a job's name); null where the title is the records' own text. */
  titleEn: string | null;
  /** The deadline, where the item has one. */
  dueDate: string | null;
  overdue: boolean;
  /** Since when the state holds (a node offline, a job failing), where the item has no deadline. */
  since: string | null;
  /** The portal path of the item. */
  link: string;
}

/** One kind of to-do: how many, the first few, and the portal page listing all of them. */
export interface TodoList {
  count: number;
  items: TodoItem[];
  link: string;
}

/** Each kind of to-do; null where it is not the reader's (their role has nothing of that kind). */
export type Todo = Record<TodoKind, TodoList | null>;

/** Whoever keeps the violations to rectify (R114) answers a reader's list; wired by the composition root. */
export type ViolationTodo = (actor: Actor) => Promise<TodoList | null>;

export const REPLY_BUCKETS = ['half', 'within', 'late'] as const;
export type ReplyBucket = (typeof REPLY_BUCKETS)[number];

export interface HomeStatistics {
  /** Whose figures these are: the reader's department, the authority's jurisdiction, or the whole instance. */
  scope: { kind: 'department' | 'jurisdiction' | 'all'; name: string };
  /** Published resources by catalog class and share type. */
  resources: { catalogClass: string; shareType: string; resources: number }[];
  /** Applications made per month (China time), the last 12 months, oldest first. */
  applicationsPerMonth: { month: string; applications: number }[];
  /** Applications answered in the last 12 months against their reply period. */
  replyTimes: Record<ReplyBucket, number>;
  /** Reads of shared data per day over the last 30 days (the indicators' stored usage). */
  usage: { day: string; queries: number; downloads: number; serviceCalls: number }[];
  /** The resources read most in the last 30 days. */
  topResources: { id: string; code: string; name: string; reads: number; rowsRead: number }[];
  /** Resources by freshness against their update cycle; null where the reader may not see freshness. */
  freshness: { fresh: number; due: number; late: number; unknown: number } | null;
  /** Departments ranked by their indicators over the last 30 days; null for a department's own reader. */
  ranking: { departmentId: string; name: string; score: number; measured: number }[] | null;
}
