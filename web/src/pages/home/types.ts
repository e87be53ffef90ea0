/** `GET /api/v1/home` as the portal reads it, read off the contract (`api/contract.ts`). */
import type { ResponseOf } from '../../api/contract.ts';

export type HomeSummary = ResponseOf<'/home'>;
export type TodoKind = keyof HomeSummary['todo'];
export type TodoList = NonNullable<HomeSummary['todo'][TodoKind]>;
export type HomeStatistics = NonNullable<HomeSummary['statistics']>;

export const TODO_KINDS = [
  'approvals',
  'deadlines',
  'verifications',
  'violations',
  'nodes',
  'jobs',
] as const satisfies readonly TodoKind[];
