/**
 * The catalog API as the portal calls it (`/api/v1/catalog`). Every answer's shape is the
 * server's own type, imported as types only so nothing of the server is bundled.
 */
import type { Static } from '@sinclair/typebox';
import type { ContentChange } from '../../../src/catalog/diff.ts';
import type { EditionSummary } from '../../../src/catalog/editions.ts';
import type { CreatedSchema, RejectedSchema } from '../../../src/catalog/exchange-formats/routes/import.ts';
import type { EntryContent } from '../../../src/catalog/model.ts';
import type { Obligation } from '../../../src/catalog/obligations.ts';
import type { EntryDiff } from '../../../src/catalog/reader.ts';
import type {
  SearchHit as IndexedHit,
  SearchResult as IndexedResult,
} from '../../../src/catalog/search/query.ts';
import type { EntryDetail, EntrySummary, VersionDetail } from '../../../src/catalog/store.ts';
import type { ValidationIssue } from '../../../src/catalog/validation.ts';
import type { Vocabulary } from '../../../src/catalog/vocabulary.ts';
import { api } from './client.ts';

export type {
  Edition as EditionDetail,
  EditionEntry,
  EditionSummary,
} from '../../../src/catalog/editions.ts';
export type { ImportError } from '../../../src/catalog/exchange-formats/problems.ts';
export type {
  CatalogClass,
  DatasetDocumentation,
  DataType,
  DocumentationField,
  EntryContent,
  EntryStatus,
  FormatCategory,
  InformationItem,
  KeyKind,
  LegalBasis,
  LegalBasisKind,
  ShareMethod,
  ShareType,
  UpdateCycle,
} from '../../../src/catalog/model.ts';
export type { Obligation, ObligationState } from '../../../src/catalog/obligations.ts';
export type { InboxItem } from '../../../src/catalog/reader.ts';
export type { FacetName as Facet, FacetValue } from '../../../src/catalog/search/query.ts';
export type {
  EntryAction,
  EntryDetail,
  EntrySummary,
  ReviewRecord as Review,
  VersionDetail,
  VersionSummary,
} from '../../../src/catalog/store.ts';
export type { Label as Bilingual, VocabularyItem } from '../../../src/catalog/vocabulary.ts';
export type { ValidationIssue, Vocabulary };

export type Change = ContentChange;
export type Diff = EntryDiff;
/** A search hit; the index holds the entry's own status and codes, so they narrow as the entry's do. */
export type SearchHit = Omit<IndexedHit, 'status' | 'catalogClass' | 'shareType'> &
  Pick<EntrySummary, 'status' | 'catalogClass' | 'shareType'>;
export type Highlights = SearchHit['highlights'];
export type SearchResult = Omit<IndexedResult, 'items'> & { items: SearchHit[] };

/** A file imported: the entries created. */
export type ImportResult = Pick<Static<typeof CreatedSchema>, 'created'>;
/** A file refused: every error and the error report's id (absent when the answer was cut short). */
export type ImportFailure = Pick<Static<typeof RejectedSchema>, 'errors'> &
  Partial<Pick<Static<typeof RejectedSchema>, 'id'>>;

const base = '/catalog';

/** Every call of the catalog contract; paths relative to `/api/v1`. */
export const catalogApi = {
  vocabulary: () => api<Vocabulary>(`${base}/vocabulary`),
  validate: (content: unknown, stage: 'draft' | 'submit') =>
    api<{ issues: ValidationIssue[] }>(`${base}/validate`, { method: 'POST', body: { content, stage } }),
  create: (content: EntryContent, providerDepartmentId?: string) =>
    api<EntryDetail>(`${base}/entries`, {
      method: 'POST',
      body: { content, ...(providerDepartmentId ? { providerDepartmentId } : {}) },
    }),
  get: (id: string) => api<EntryDetail>(`${base}/entries/${id}`),
  update: (id: string, content: EntryContent, changeReason?: string) =>
    api<EntryDetail>(`${base}/entries/${id}`, {
      method: 'PUT',
      body: { content, ...(changeReason ? { changeReason } : {}) },
    }),
  submit: (id: string, changeReason?: string) =>
    api<EntryDetail>(`${base}/entries/${id}/submit`, {
      method: 'POST',
      body: changeReason ? { changeReason } : {},
    }),
  ratify: (id: string, comment?: string) =>
    api<EntryDetail>(`${base}/entries/${id}/ratify`, { method: 'POST', body: comment ? { comment } : {} }),
  return: (id: string, comment: string) =>
    api<EntryDetail>(`${base}/entries/${id}/return`, { method: 'POST', body: { comment } }),
  publish: (id: string) => api<EntryDetail>(`${base}/entries/${id}/publish`, { method: 'POST', body: {} }),
  withdraw: (id: string, reason: string) =>
    api<EntryDetail>(`${base}/entries/${id}/withdraw`, { method: 'POST', body: { reason } }),
  approveReduction: (id: string, comment?: string) =>
    api<EntryDetail>(`${base}/entries/${id}/reduction/approve`, {
      method: 'POST',
      body: comment ? { comment } : {},
    }),
  rejectReduction: (id: string, comment: string) =>
    api<EntryDetail>(`${base}/entries/${id}/reduction/reject`, { method: 'POST', body: { comment } }),
  version: (id: string, version: number) => api<VersionDetail>(`${base}/entries/${id}/versions/${version}`),
  diff: (id: string, from: number, to: number) =>
    api<Diff>(`${base}/entries/${id}/diff`, { query: { from, to } }),
  recordObligation: (body: { departmentId: string; cause: Obligation['cause']; description: string }) =>
    api<Obligation>(`${base}/obligations`, { method: 'POST', body }),
  fulfilObligation: (id: string, note: string) =>
    api<Obligation>(`${base}/obligations/${id}/fulfil`, { method: 'POST', body: { note } }),
  compileEdition: () => api<EditionSummary>(`${base}/editions`, { method: 'POST', body: {} }),
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
