/**
 * The quality API as the portal calls it (`/api/v1/quality`): verification and correction
 * requests (校核纠错). Shapes are read off the contract (`contract.ts`).
 */

import { api } from './client.ts';
import type { BodyOf, QueryOf, ResponseOf, StepOf } from './contract.ts';

export type Correction = ResponseOf<`/quality/corrections/${string}`>;
export type CorrectionStatus = Correction['status'];
export type CorrectionAction = StepOf<'/quality/corrections/{id}'>;
export type CorrectionView = NonNullable<QueryOf<'/quality/corrections'>['view']>;
export type FileCorrectionInput = BodyOf<'/quality/corrections', 'POST'>;
/** What a step sends: the body of one of the steps. */
export type CorrectionStepBody = BodyOf<`/quality/corrections/${string}/${CorrectionAction}`, 'POST'>;

/** The statuses a list may be filtered by, in the order a request goes through them. */
export const CORRECTION_STATUS_ORDER: CorrectionStatus[] = [
  'filed',
  'checking',
  'forwarded',
  'corrected',
  'confirmed',
  'rejected',
  'resolved',
  'withdrawn',
];

/** The steps, in the order their buttons show. */
export const CORRECTION_STEP_ORDER: CorrectionAction[] = [
  'forward',
  'resolve',
  'correct',
  'confirm',
  'reject',
  'withdraw',
];

export type CorrectionListQuery = QueryOf<'/quality/corrections'>;

const base = '/quality/corrections';

export const qualityApi = {
  corrections: (query: CorrectionListQuery) => api(base, { query }),
  correction: (id: string) => api(`${base}/${encodeURIComponent(id)}`),
  file: (body: FileCorrectionInput) => api(base, { method: 'POST', body }),
  step: (id: string, step: CorrectionAction, body: CorrectionStepBody) =>
    api(`${base}/${encodeURIComponent(id)}/${step}`, { method: 'POST', body }),
  reply: (id: string) => api(`${base}/${encodeURIComponent(id)}/reply`),
  /** The attachment as a link the browser downloads (same-origin, with the session cookie). */
  attachmentUrl: (id: string, attachmentId: string) =>
    `/api/v1${base}/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`,
};
