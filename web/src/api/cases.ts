/**
 * The case kernel's API as the portal calls it: the declared case types (`/api/v1/cases/types`),
 * a case of any type (`GET <api>/<id>`) and its steps (`POST <api>/<id>/<step>`).
 */
import type { DeadlineView } from '../../../src/platform/calendar/deadline-view.ts';
import type { CaseTypeDescription, StepFieldDescription } from '../../../src/platform/cases/registry.ts';
import type { CaseEvent } from '../../../src/sharing/model.ts';
import { api } from './client.ts';

export type { CaseTypeDescription, StepFieldDescription };

/** A case as every case type answers it; the rest of its fields are its own. */
export interface KernelCase {
  id: string;
  number: string;
  status: string;
  timeline: CaseEvent[];
  allowedActions: string[];
  deadline?: DeadlineView | null;
  [key: string]: unknown;
}

/** `/api/v1/sharing/stops` → `/sharing/stops`: the client adds the version prefix itself. */
export const apiPath = (description: CaseTypeDescription): string =>
  description.api.replace(/^\/api\/v1/, '');

export const casesApi = {
  types: () => api<{ items: CaseTypeDescription[] }>('/cases/types'),
  step: (description: CaseTypeDescription, id: string, action: string, body: Record<string, unknown>) =>
    api<KernelCase>(
      `${apiPath(description)}/${encodeURIComponent(id)}/${description.actions[action]?.path ?? action}`,
      {
        method: 'POST',
        body,
      },
    ),
};
