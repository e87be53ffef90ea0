/**
 * The sharing API as the portal calls it (`/api/v1/sharing`): applications, grants and the
 * notice inbox, negotiation and coordination, agreements, complaints. Shapes are read off the
 * contract (`contract.ts`).
 */

import { api } from './client.ts';
import type { BodyOf, QueryOf, ResponseOf, StepOf } from './contract.ts';

export type ApplicationDetail = ResponseOf<`/sharing/applications/${string}`>;
export type Application = ResponseOf<'/sharing/applications'>['items'][number];
export type ApplicationPage = ResponseOf<'/sharing/applications'>;
export type ApplicationStatus = Application['status'];
export type ApplicationAction = ApplicationDetail['allowedActions'][number];
export type ApplicationQuery = QueryOf<'/sharing/applications'>;
export type ApplyInput = BodyOf<'/sharing/applications', 'POST'>;
export type Purpose = Application['purpose'];
export type AccessMethod = Application['methods'][number];
export type Scope = Application['scope'];
/** One entry of a case's history; its `detail` is the step's own, read where it is shown. */
export type CaseEvent = ApplicationDetail['timeline'][number];

export type Grant = ResponseOf<'/sharing/grants'>['items'][number];
export type GrantStatus = Grant['status'];
export type GrantDetail = ResponseOf<`/sharing/grants/${string}`>;
/** What the provider or the authority does to a grant (its use records are the consumer's). */
export type GrantChange = Exclude<StepOf<'/sharing/grants/{id}'>, 'use-records'>;

export type Notice = ResponseOf<'/sharing/notices'>['items'][number];

export type Dispute = ResponseOf<'/sharing/disputes'>['items'][number];
export type DisputeStatus = Dispute['status'];
export type DisputeDetail = ResponseOf<`/sharing/disputes/${string}`>;
export type DisputeAction = DisputeDetail['allowedActions'][number];

export type Agreement = ResponseOf<'/sharing/agreements'>['items'][number];
export type AgreementStatus = Agreement['status'];
export type AgreementDetail = ResponseOf<`/sharing/agreements/${string}`>;
export type AgreementAction = AgreementDetail['allowedActions'][number];
export type AgreementInput = BodyOf<'/sharing/agreements', 'POST'>;
export type Frequency = AgreementInput['frequency'];

export type Complaint = ResponseOf<'/sharing/complaints'>['items'][number];
export type ComplaintDetail = ResponseOf<`/sharing/complaints/${string}`>;
/** The steps open on a complaint, as the server lists them. */
export type ComplaintAction = ComplaintDetail['allowedActions'][number];
export type ComplaintInput = BodyOf<'/sharing/complaints', 'POST'>;
export type MisuseFindingInput = BodyOf<'/sharing/complaints/misuse-findings', 'POST'>;

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
] as const satisfies readonly ComplaintInput['kind'][];

export const APPLICATION_STATUS_OPTIONS = [
  'pending',
  'approved',
  'partially_approved',
  'refused',
  'withdrawn',
] as const satisfies readonly ApplicationStatus[];

const base = '/sharing';

/** Each step of a negotiation or coordination case and its path segment. */
const DISPUTE_STEP_PATHS = {
  minutes: 'minutes',
  agree: 'agree',
  fail: 'fail',
  escalate: 'escalate',
  decide: 'decide',
  refer: 'refer',
  record_government_decision: 'record-government-decision',
  withdraw: 'withdraw',
} as const satisfies Record<DisputeAction, StepOf<'/sharing/disputes/{id}'>>;
/** What a dispute step sends: the body of one of the steps. */
export type DisputeStepBody = BodyOf<
  `/sharing/disputes/${string}/${(typeof DISPUTE_STEP_PATHS)[DisputeAction]}`,
  'POST'
>;

const AGREEMENT_STEP_PATHS = {
  sign: 'sign',
  decline: 'decline',
  file: 'file',
  refuse_filing: 'refuse-filing',
  withdraw: 'withdraw',
} as const satisfies Record<AgreementAction, StepOf<'/sharing/agreements/{id}'>>;

const COMPLAINT_STEP_PATHS = {
  investigate: 'investigate',
  note: 'notes',
  answer: 'answer',
  report_rectification: 'report-rectification',
  accept_rectification: 'accept-rectification',
  reject_rectification: 'reject-rectification',
  terminate: 'terminate',
  withdraw: 'withdraw',
} as const satisfies Record<ComplaintAction, StepOf<'/sharing/complaints/{id}'>>;
/** What a complaint step sends: the body of one of the steps. */
export type ComplaintStepBody = BodyOf<
  `/sharing/complaints/${string}/${(typeof COMPLAINT_STEP_PATHS)[ComplaintAction]}`,
  'POST'
>;

/** Every call of the sharing contract; paths relative to `/api/v1`. */
export const sharingApi = {
  apply: (body: ApplyInput) => api(`${base}/applications`, { method: 'POST', body }),
  applications: (query: ApplicationQuery) => api(`${base}/applications`, { query }),
  application: (id: string) => api(`${base}/applications/${id}`),
  withdraw: (id: string, reason?: string) =>
    api(`${base}/applications/${id}/withdraw`, {
      method: 'POST',
      body: reason ? { reason } : {},
    }),
  approve: (id: string, body: BodyOf<`${typeof base}/applications/${string}/approve`, 'POST'>) =>
    api(`${base}/applications/${id}/approve`, { method: 'POST', body }),
  refuse: (id: string, reason: string) =>
    api(`${base}/applications/${id}/refuse`, { method: 'POST', body: { reason } }),
  grant: (id: string) => api(`${base}/grants/${id}`),
  changeGrant: (id: string, change: GrantChange, reason: string) =>
    api(`${base}/grants/${id}/${change}`, { method: 'POST', body: { reason } }),
  notices: (query: QueryOf<'/sharing/notices'>) =>
    // Only the unread are asked for by name; "all" is the filter left out.
    api(`${base}/notices`, { query: { ...query, unread: query.unread || undefined } }),
  unreadCount: () => api(`${base}/notices/unread-count`),
  openDispute: (applicationId: string, reason: string) =>
    api(`${base}/disputes`, { method: 'POST', body: { applicationId, reason } }),
  disputes: (query: QueryOf<'/sharing/disputes'>) => api(`${base}/disputes`, { query }),
  dispute: (id: string) => api(`${base}/disputes/${id}`),
  /** One step of a negotiation or coordination case; the body is the step's own. */
  disputeStep: (id: string, step: DisputeAction, body: DisputeStepBody) =>
    api(`${base}/disputes/${id}/${DISPUTE_STEP_PATHS[step]}`, { method: 'POST', body }),
  proposeAgreement: (body: AgreementInput) => api(`${base}/agreements`, { method: 'POST', body }),
  agreements: (query: QueryOf<'/sharing/agreements'>) => api(`${base}/agreements`, { query }),
  agreement: (id: string) => api(`${base}/agreements/${id}`),
  /** sign / file / withdraw take an optional note, decline / refuse filing a reason. */
  agreementStep: (id: string, step: AgreementAction, body: { note?: string; reason?: string }) =>
    api(`${base}/agreements/${id}/${AGREEMENT_STEP_PATHS[step]}`, { method: 'POST', body }),
  complaints: (query: QueryOf<'/sharing/complaints'>) => api(`${base}/complaints`, { query }),
  complaint: (id: string) => api(`${base}/complaints/${id}`),
  /** N17 (第二十七条第二款): the provider or the authority finds misuse, suspends the grants, orders rectification. */
  findMisuse: (body: MisuseFindingInput) =>
    api(`${base}/complaints/misuse-findings`, { method: 'POST', body }),
  fileComplaint: (body: ComplaintInput) => api(`${base}/complaints`, { method: 'POST', body }),
  complaintStep: (id: string, step: ComplaintAction, body: ComplaintStepBody) =>
    api(`${base}/complaints/${id}/${COMPLAINT_STEP_PATHS[step]}`, { method: 'POST', body }),
  markRead: (id: string) => api(`${base}/notices/${id}/read`, { method: 'POST', body: {} }),
};

/** Whether the consumer asked for all records or a filter (for display). */
export function isFilter(scope: Scope): scope is Extract<Scope, { kind: 'filter' }> {
  return scope.kind === 'filter';
}
