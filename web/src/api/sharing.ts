/**
 * The sharing API as the portal calls it (`/api/v1/sharing`): applications, grants and the
 * notice inbox, negotiation and coordination, agreements, complaints. Shapes are the server's own
 * types, imported as types only.
 */

import type { Frequency } from '../../../src/sharing/agreements/schema.ts';
import type {
  Agreement,
  AgreementAction,
  AgreementDetail,
  AgreementInput,
} from '../../../src/sharing/agreements/service.ts';
import type { ApplicationAction, ApplicationDetail } from '../../../src/sharing/applications.ts';
import type { MisuseFindingInput } from '../../../src/sharing/complaints/findings.ts';
import type { Complaint, ComplaintDetail } from '../../../src/sharing/complaints/present.ts';
import type {
  ComplaintKind,
  ComplaintOutcome,
  ComplaintStatus,
} from '../../../src/sharing/complaints/schema.ts';
import type { ComplaintInput } from '../../../src/sharing/complaints/service.ts';
import type {
  Dispute,
  DisputeAction,
  DisputeDetail,
  DisputeStatus,
} from '../../../src/sharing/disputes/model.ts';
import type { GrantChange } from '../../../src/sharing/grants.ts';
import type {
  AccessMethod,
  Application,
  ApplicationStatus,
  CaseEvent,
  Grant,
  Purpose,
  Scope,
} from '../../../src/sharing/model.ts';
import type { Notice } from '../../../src/sharing/notices.ts';
import type { RequestInput } from '../../../src/sharing/request.ts';
import { api } from './client.ts';
import type { Page } from './types.ts';

export type { AgreementStatus } from '../../../src/sharing/agreements/schema.ts';
export type {
  AccessMethod,
  AccessPath,
  Application,
  ApplicationStatus,
  CaseEvent,
  Grant,
  GrantOrigin,
  GrantStatus,
  Purpose,
  Scope,
} from '../../../src/sharing/model.ts';
export type {
  Agreement,
  AgreementAction,
  AgreementDetail,
  AgreementInput,
  ApplicationAction,
  ApplicationDetail,
  Complaint,
  ComplaintDetail,
  ComplaintInput,
  ComplaintKind,
  ComplaintOutcome,
  ComplaintStatus,
  Dispute,
  DisputeAction,
  DisputeDetail,
  DisputeStatus,
  Frequency,
  GrantChange,
  MisuseFindingInput,
  Notice,
};

export type GrantDetail = Grant & { timeline: CaseEvent[] };
/** The steps open on a complaint, as the server lists them. */
export type ComplaintAction = ComplaintDetail['allowedActions'][number];
export type ApplyInput = RequestInput;

/** The regulations' four uses and "other" (R57), in the order the wizard offers them. */
export const PURPOSE_OPTIONS = [
  'administrative_basis',
  'work_reference',
  'data_verification',
  'business_coordination',
  'other',
] as const satisfies readonly Purpose[];

export const METHOD_OPTIONS = [
  'online_query',
  'interface',
  'batch_download',
  'subscription',
] as const satisfies readonly AccessMethod[];

export const DISPUTE_STATUS_OPTIONS = [
  'negotiating',
  'negotiation_failed',
  'agreed',
  'coordinating',
  'granted',
  'closed',
  'withdrawn',
] as const satisfies readonly DisputeStatus[];

export const FREQUENCY_OPTIONS = [
  'real_time',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'on_demand',
] as const satisfies readonly Frequency[];

export const COMPLAINT_KIND_OPTIONS = [
  'refusal',
  'delay',
  'misuse',
  'failure_to_update',
  'other',
] as const satisfies readonly ComplaintKind[];

export const APPLICATION_STATUS_OPTIONS = [
  'pending',
  'approved',
  'partially_approved',
  'refused',
  'withdrawn',
] as const satisfies readonly ApplicationStatus[];

const base = '/sharing';

export interface ApplicationQuery {
  as?: 'consumer' | 'provider' | 'all';
  status?: ApplicationStatus;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

/** Every call of the sharing contract; paths relative to `/api/v1`. */
export const sharingApi = {
  apply: (body: ApplyInput) => api<ApplicationDetail>(`${base}/applications`, { method: 'POST', body }),
  applications: (query: ApplicationQuery) =>
    api<Page<Application>>(`${base}/applications`, {
      query: { ...query, overdue: query.overdue === undefined ? undefined : String(query.overdue) },
    }),
  application: (id: string) => api<ApplicationDetail>(`${base}/applications/${id}`),
  withdraw: (id: string, reason?: string) =>
    api<ApplicationDetail>(`${base}/applications/${id}/withdraw`, {
      method: 'POST',
      body: reason ? { reason } : {},
    }),
  approve: (id: string, body: { items?: string[]; comment?: string }) =>
    api<ApplicationDetail>(`${base}/applications/${id}/approve`, { method: 'POST', body }),
  refuse: (id: string, reason: string) =>
    api<ApplicationDetail>(`${base}/applications/${id}/refuse`, { method: 'POST', body: { reason } }),
  grant: (id: string) => api<GrantDetail>(`${base}/grants/${id}`),
  changeGrant: (id: string, change: GrantChange, reason: string) =>
    api<GrantDetail>(`${base}/grants/${id}/${change}`, { method: 'POST', body: { reason } }),
  notices: (query: { unread?: boolean; page?: number; pageSize?: number }) =>
    api<Page<Notice> & { unread: number }>(`${base}/notices`, {
      query: { ...query, unread: query.unread ? 'true' : undefined },
    }),
  unreadCount: () => api<{ unread: number }>(`${base}/notices/unread-count`),
  openDispute: (applicationId: string, reason: string) =>
    api<DisputeDetail>(`${base}/disputes`, { method: 'POST', body: { applicationId, reason } }),
  disputes: (query: {
    as?: 'consumer' | 'provider' | 'all';
    status?: DisputeStatus;
    page?: number;
    pageSize?: number;
  }) => api<Page<Dispute>>(`${base}/disputes`, { query }),
  dispute: (id: string) => api<DisputeDetail>(`${base}/disputes/${id}`),
  /** One step of a negotiation or coordination case; the body is the step's own. */
  disputeStep: (id: string, step: DisputeAction, body: Record<string, unknown>) =>
    api<DisputeDetail>(`${base}/disputes/${id}/${step.replaceAll('_', '-')}`, { method: 'POST', body }),
  proposeAgreement: (body: AgreementInput) =>
    api<AgreementDetail>(`${base}/agreements`, { method: 'POST', body }),
  agreements: (query: { as?: 'consumer' | 'provider' | 'all'; page?: number; pageSize?: number }) =>
    api<Page<Agreement>>(`${base}/agreements`, { query }),
  agreement: (id: string) => api<AgreementDetail>(`${base}/agreements/${id}`),
  /** sign / file / withdraw take an optional note, decline / refuse filing a reason. */
  agreementStep: (id: string, step: AgreementAction, body: { note?: string; reason?: string }) =>
    api<AgreementDetail>(`${base}/agreements/${id}/${step.replace('_', '-')}`, { method: 'POST', body }),
  complaints: (query: { as?: 'complainant' | 'respondent' | 'all'; page?: number; pageSize?: number }) =>
    api<Page<Complaint>>(`${base}/complaints`, { query }),
  complaint: (id: string) => api<ComplaintDetail>(`${base}/complaints/${id}`),
  /** N17 (第二十七条第二款): the provider or the authority finds misuse, suspends the grants, orders rectification. */
  findMisuse: (body: MisuseFindingInput) =>
    api<ComplaintDetail>(`${base}/complaints/misuse-findings`, { method: 'POST', body }),
  fileComplaint: (body: ComplaintInput) =>
    api<ComplaintDetail>(`${base}/complaints`, { method: 'POST', body }),
  complaintStep: (id: string, step: ComplaintAction, body: Record<string, unknown>) =>
    api<ComplaintDetail>(
      `${base}/complaints/${id}/${step === 'note' ? 'notes' : step.replaceAll('_', '-')}`,
      {
        method: 'POST',
        body,
      },
    ),
  markRead: (id: string) => api<Notice>(`${base}/notices/${id}/read`, { method: 'POST', body: {} }),
};

/** Whether the consumer asked for all records or a filter (for display). */
export function isFilter(scope: Scope): scope is Extract<Scope, { kind: 'filter' }> {
  return scope.kind === 'filter';
}
