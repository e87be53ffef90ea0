/**
 * The catalog API as the portal calls it (`/api/v1/catalog`). Every answer's shape is read off
 * the contract (`contract.ts`).
 */
import { api } from './client.ts';
import type { AnswerOf, BodyOf, ResponseOf } from './contract.ts';

export type EntrySummary = ResponseOf<'/catalog/entries'>['items'][number];
export type EntryStatus = EntrySummary['status'];
export type EntryDetail = ResponseOf<`/catalog/entries/${string}`>;
export type EntryAction = EntryDetail['allowedActions'][number];
export type Review = EntryDetail['reviews'][number];

export type EntryContent = EntryDetail['content'];
export type InformationItem = EntryContent['items'][number];
export type KeyKind = NonNullable<InformationItem['keyKind']>;
export type ShareType = EntryContent['share']['type'];
export type ShareMethod = EntryContent['share']['methods'][number];
export type LegalBasis = EntryContent['share']['legalBasis'][number];
export type LegalBasisKind = LegalBasis['kind'];
export type DatasetDocumentation = NonNullable<EntryContent['documentation']>;
export type DocumentationField = keyof DatasetDocumentation;

export type Vocabulary = ResponseOf<'/catalog/vocabulary'>;
export type VocabularyItem = Vocabulary['catalogClasses'][number];
export type Bilingual = VocabularyItem['label'];
export type ValidationIssue = ResponseOf<'/catalog/validate', 'POST'>['issues'][number];

export type Diff = ResponseOf<`/catalog/entries/${string}/diff`>;
export type Change = Diff['changes'][number];

export type Obligation = ResponseOf<'/catalog/obligations'>[number];
export type ObligationState = Obligation['state'];
export type InboxItem = ResponseOf<'/catalog/inbox'>['items'][number];

export type SearchResult = ResponseOf<'/catalog/search'>;
export type SearchHit = SearchResult['items'][number];
export type Facet = keyof SearchResult['facets'];
export type FacetValue = SearchResult['facets'][Facet][number];

export type EditionSummary = ResponseOf<'/catalog/editions'>[number];
export type EditionDetail = ResponseOf<`/catalog/editions/${number}`>;
export type EditionEntry = EditionDetail['entries'][number];

/** A file imported: the entries created. */
export type ImportResult = Pick<ResponseOf<'/catalog/import', 'POST'>, 'created'>;
/** A file refused: every error and the error report's id (absent when the answer was cut short). */
type Rejected = AnswerOf<'/catalog/import', 'POST', 422>;
export type ImportFailure = Pick<Rejected, 'errors'> & Partial<Pick<Rejected, 'id'>>;
export type ImportError = Rejected['errors'][number];

const base = '/catalog';

/** Every call of the catalog contract; paths relative to `/api/v1`. */
export const catalogApi = {
  vocabulary: () => api(`${base}/vocabulary`),
  validate: (content: unknown, stage: 'draft' | 'submit') =>
    api(`${base}/validate`, { method: 'POST', body: { content, stage } }),
  create: (content: EntryContent, providerDepartmentId?: string) =>
    api(`${base}/entries`, {
      method: 'POST',
      body: { content, ...(providerDepartmentId ? { providerDepartmentId } : {}) },
    }),
  get: (id: string) => api(`${base}/entries/${id}`),
  update: (id: string, content: EntryContent, changeReason?: string) =>
    api(`${base}/entries/${id}`, {
      method: 'PUT',
      body: { content, ...(changeReason ? { changeReason } : {}) },
    }),
  submit: (id: string, changeReason?: string) =>
    api(`${base}/entries/${id}/submit`, {
      method: 'POST',
      body: changeReason ? { changeReason } : {},
    }),
  ratify: (id: string, comment?: string) =>
    api(`${base}/entries/${id}/ratify`, { method: 'POST', body: comment ? { comment } : {} }),
  return: (id: string, comment: string) =>
    api(`${base}/entries/${id}/return`, { method: 'POST', body: { comment } }),
  publish: (id: string) => api(`${base}/entries/${id}/publish`, { method: 'POST', body: {} }),
  withdraw: (id: string, reason: string) =>
    api(`${base}/entries/${id}/withdraw`, { method: 'POST', body: { reason } }),
  approveReduction: (id: string, comment?: string) =>
    api(`${base}/entries/${id}/reduction/approve`, {
      method: 'POST',
      body: comment ? { comment } : {},
    }),
  rejectReduction: (id: string, comment: string) =>
    api(`${base}/entries/${id}/reduction/reject`, { method: 'POST', body: { comment } }),
  version: (id: string, version: number) => api(`${base}/entries/${id}/versions/${version}`),
  diff: (id: string, from: number, to: number) => api(`${base}/entries/${id}/diff`, { query: { from, to } }),
  recordObligation: (body: BodyOf<'/catalog/obligations', 'POST'>) =>
    api(`${base}/obligations`, { method: 'POST', body }),
  fulfilObligation: (id: string, note: string) =>
    api(`${base}/obligations/${id}/fulfil`, { method: 'POST', body: { note } }),
  compileEdition: () => api(`${base}/editions`, { method: 'POST', body: {} }),
};

/** Paths for plain links (downloads), which the browser fetches with the session cookie. */
export const catalogLinks = {
  template: '/api/v1/catalog/import/template.xlsx',
  importErrors: (id: string) => `/api/v1/catalog/import/${id}/errors.xlsx`,
  departmentExport: (departmentId: string, format: 'xlsx' | 'json') =>
    `/api/v1/catalog/export/department/${departmentId}?format=${format}`,
  editionExport: (edition: number, format: 'xlsx' | 'json') =>
    `/api/v1/catalog/editions/${edition}/export?format=${format}`,
};
