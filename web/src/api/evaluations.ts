/**
 * Evaluations and department reports as the portal calls them (`/api/v1/supervision/evaluations`,
 * `/api/v1/supervision/reports`; issue 17, R111, R112, R115). Shapes are read off the contract.
 */
import { api } from './client.ts';
import type { BodyOf, ResponseOf, StepOf } from './contract.ts';

export type EvaluationSummary = ResponseOf<'/supervision/evaluations'>['items'][number];
export type EvaluationView = ResponseOf<`/supervision/evaluations/${string}`>;
export type EvaluationLine = EvaluationView['lines'][number];
export type ReportView = ResponseOf<`/supervision/reports/${string}`>;
export type ReportSummary = ResponseOf<'/supervision/reports'>['items'][number];
export type EvaluationStep = StepOf<'/supervision/evaluations/{id}'>;
/** A department report's three parts, as saved and as submitted. */
export type ReportText = BodyOf<`/supervision/reports/${string}`, 'PUT'>;

export const EVALUATIONS_PATH = '/supervision/evaluations';
export const REPORTS_PATH = '/supervision/reports';

export const evaluationsApi = {
  run: (body: BodyOf<'/supervision/evaluations', 'POST'>) => api(EVALUATIONS_PATH, { method: 'POST', body }),
  step: (id: string, step: EvaluationStep) =>
    api(`${EVALUATIONS_PATH}/${id}/${step}`, { method: 'POST', body: {} }),
  suggestion: (id: string, departmentId: string, suggestion: string) =>
    api(`${EVALUATIONS_PATH}/${id}/suggestions/${departmentId}`, {
      method: 'PUT',
      body: { suggestion },
    }),
  verify: (id: string) => api(`${EVALUATIONS_PATH}/${id}/verify`),
};

export const reportsApi = {
  open: (period: string) => api(`${REPORTS_PATH}/open`, { method: 'POST', body: { period } }),
  save: (id: string, body: ReportText) => api(`${REPORTS_PATH}/${id}`, { method: 'PUT', body }),
  submit: (id: string, body: ReportText) => api(`${REPORTS_PATH}/${id}/submit`, { method: 'POST', body }),
  review: (id: string, outcome: 'accept' | 'return', comment: string) =>
    api(`${REPORTS_PATH}/${id}/${outcome}`, {
      method: 'POST',
      body: comment ? { comment } : {},
    }),
};

/** The periods an authority may choose: this year's and last year's halves and years, begun already. */
export function periodChoices(today: string): string[] {
  const year = Number(today.slice(0, 4));
  const out: string[] = [];
  for (const y of [year, year - 1]) {
    if (`${y}-07-01` <= today) out.push(`${y}-H2`);
    out.push(`${y}-H1`, String(y));
  }
  return out;
}
