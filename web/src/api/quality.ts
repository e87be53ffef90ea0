/**
 * The quality API as the portal calls it (`/api/v1/quality`): verification and correction
 * requests (校核纠错). Shapes are the server's own types, imported as types only.
 */

import type {
  CorrectInput,
  Correction,
  CorrectionAction,
  CorrectionDeadline,
  CorrectionReply,
  CorrectionScope,
  CorrectionStatus,
  CorrectionView,
  FileCorrectionInput,
  RecordClaim,
} from '../../../src/quality/corrections/schemas.ts';
import { api } from './client.ts';
import type { Page } from './types.ts';

export type {
  CorrectInput,
  Correction,
  CorrectionAction,
  CorrectionDeadline,
  CorrectionReply,
  CorrectionScope,
  CorrectionStatus,
  CorrectionView,
  FileCorrectionInput,
  RecordClaim,
};

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

export interface CorrectionListQuery {
  view: CorrectionView;
  status?: CorrectionStatus | undefined;
  entryId?: string | undefined;
  page: number;
  pageSize: number;
}

const base = '/quality/corrections';

export const qualityApi = {
  corrections: (query: CorrectionListQuery) => api<Page<Correction>>(base, { query: { ...query } }),
  correction: (id: string) => api<Correction>(`${base}/${encodeURIComponent(id)}`),
  file: (body: FileCorrectionInput) => api<Correction>(base, { method: 'POST', body }),
  step: (id: string, step: CorrectionAction, body: Record<string, unknown>) =>
    api<Correction>(`${base}/${encodeURIComponent(id)}/${step}`, { method: 'POST', body }),
  reply: (id: string) => api<CorrectionReply>(`${base}/${encodeURIComponent(id)}/reply`),
  /** The attachment as a link the browser downloads (same-origin, with the session cookie). */
  attachmentUrl: (id: string, attachmentId: string) =>
    `/api/v1${base}/${encodeURIComponent(id)}/attachments/${encodeURIComponent(attachmentId)}`,
};
