/**
 * The case kernel's API as the portal calls it: the declared case types (`/api/v1/cases/types`),
 * a case of any type (`GET <api>/<id>`) and its steps (`POST <api>/<id>/<step>`).
 */
import { api } from './client.ts';
import type { DescribedPath, ResponseOf } from './contract.ts';
import type { Application, CaseEvent } from './sharing.ts';
import type { Violation } from './violations.ts';

export type CaseTypeDescription = ResponseOf<'/cases/types'>['items'][number];

/** The fields every case type answers with; the rest of a case's fields are its own. */
export interface KernelCase {
  id: string;
  number: string;
  status: string;
  timeline: CaseEvent[];
  allowedActions: string[];
  deadline?: Application['deadline'];
  /** The profile the case was opened under and keeps (issue 13), where its type's answer carries it. */
  rules?: Violation['rules'] | null;
  [key: string]: unknown;
}

/** Whether an answer of a case type's collection is a case, as the kernel's routes answer one. */
export function isKernelCase(value: unknown): value is KernelCase {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string' &&
    'number' in value &&
    typeof value.number === 'string' &&
    'status' in value &&
    typeof value.status === 'string' &&
    'timeline' in value &&
    Array.isArray(value.timeline) &&
    'allowedActions' in value &&
    Array.isArray(value.allowedActions)
  );
}

/**
 * A case's path under its type's collection (`/api/v1/sharing/stops` → `/sharing/stops/<id>…`;
 * the client adds the version prefix itself). The collection comes from the case type's
 * description, so the contract cannot name it.
 */
export const casePath = (description: CaseTypeDescription, ...segments: string[]): DescribedPath =>
  [description.api.replace(/^\/api\/v1/, ''), ...segments].join('/') as DescribedPath;

export const casesApi = {
  types: () => api('/cases/types'),
  step: (description: CaseTypeDescription, id: string, action: string, body: Record<string, unknown>) =>
    api(casePath(description, encodeURIComponent(id), description.actions[action]?.path ?? action), {
      method: 'POST',
      body,
    }),
};
