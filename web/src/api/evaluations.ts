/**
 * Evaluations and department reports as the portal calls them (`/api/v1/supervision/evaluations`,
 * `/api/v1/supervision/reports`; issue 17, R111, R112, R115). Shapes are the server's own types.
 */
import type { ReportView } from '../../../src/supervision/evaluations/reports.ts';
import type { EvaluationSummary, EvaluationView } from '../../../src/supervision/evaluations/service.ts';
import { api } from './client.ts';

export type { EvaluationSummary, EvaluationView, ReportView };
export type EvaluationLine = EvaluationView['lines'][number];
export type ReportSummary = Omit<ReportView, 'figures' | 'timeline'>;

export const EVALUATIONS_PATH = '/supervision/evaluations';
export const REPORTS_PATH = '/supervision/reports';

export interface EvaluationSchemeView {
  period: 'annual' | 'half_yearly';
  publication: 'public' | 'internal';
  indicators: EvaluationView['scheme']['indicators'];
  basis: EvaluationView['scheme']['basis'];
}

export interface ReportSchemeView {
  scheme: {
    cadence: 'annual' | 'half_yearly';
    basis: { article: string | null; text: string };
    periods: { period: string; from: string; to: string; due: string }[];
  } | null;
}

export const evaluationsApi = {
  run: (body: { period: string; publication?: 'public' | 'internal' }) =>
    api<EvaluationView>(EVALUATIONS_PATH, { method: 'POST', body }),
  step: (id: string, step: 'recompute' | 'review' | 'reopen' | 'publish') =>
    api<EvaluationView>(`${EVALUATIONS_PATH}/${id}/${step}`, { method: 'POST', body: {} }),
  suggestion: (id: string, departmentId: string, suggestion: string) =>
    api<EvaluationView>(`${EVALUATIONS_PATH}/${id}/suggestions/${departmentId}`, {
      method: 'PUT',
      body: { suggestion },
    }),
  verify: (id: string) =>
    api<{ valid: boolean; digest: string; computed: string }>(`${EVALUATIONS_PATH}/${id}/verify`),
};

export const reportsApi = {
  open: (period: string) =>
    api<{ opened: number }>(`${REPORTS_PATH}/open`, { method: 'POST', body: { period } }),
  save: (id: string, body: { work: string; problems: string; plans: string }) =>
    api<ReportView>(`${REPORTS_PATH}/${id}`, { method: 'PUT', body }),
  submit: (id: string, body: { work: string; problems: string; plans: string }) =>
    api<ReportView>(`${REPORTS_PATH}/${id}/submit`, { method: 'POST', body }),
  review: (id: string, outcome: 'accept' | 'return', comment: string) =>
    api<ReportView>(`${REPORTS_PATH}/${id}/${outcome}`, {
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
