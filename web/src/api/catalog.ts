/**
 * The catalog API as the portal calls it (`/api/v1/catalog`). The entry content is the server's
 * own vocabulary (src/catalog/model.ts), imported as types only so nothing of the server is bundled.
 */
import type { CatalogClass, EntryContent, EntryStatus, ShareType } from '../../../src/catalog/model.ts';
import { api } from './client.ts';

export type {
  CatalogClass,
  DataType,
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

export interface Bilingual {
  zh: string;
  en: string;
}

/** One value of a code list with its label; `code` is the digits it adds to a classification code. */
export interface VocabularyItem {
  value: string;
  label: Bilingual;
  code?: string;
}

export interface Vocabulary {
  catalogClasses: VocabularyItem[];
  baseAreas: VocabularyItem[];
  themeAreas: VocabularyItem[];
  formatCategories: VocabularyItem[];
  updateCycles: VocabularyItem[];
  dataTypes: VocabularyItem[];
  shareTypes: VocabularyItem[];
  shareMethods: VocabularyItem[];
  legalBasisKinds: VocabularyItem[];
  keyKinds: VocabularyItem[];
  legalBasisRequiredFor: ShareType[];
  /** The article the legal-basis rule comes from. */
  legalBasisArticle?: string;
  networkZone: 'external' | 'internal';
}

export interface ValidationIssue {
  code: string;
  /** A path into the content, e.g. `items[2].dataType` or `share.legalBasis`. */
  field: string;
  message: Bilingual;
}

export interface EntrySummary {
  id: string;
  code: string;
  name: string;
  status: EntryStatus;
  /** The state of the newest version (a revision's draft or submission beside the published one). */
  currentStatus?: string;
  catalogClass: CatalogClass;
  area: string | null;
  shareType: ShareType;
  openToPublic: boolean;
  classified: boolean;
  provider: { id: string; name: string; code: string };
  currentVersion: number;
  publishedVersion: number | null;
  publishDate: string | null;
  updatedAt: string;
}

export type EntryAction =
  | 'edit'
  | 'submit'
  | 'ratify'
  | 'return'
  | 'publish'
  | 'withdraw'
  | 'approveReduction'
  | 'rejectReduction';

export interface VersionSummary {
  version: number;
  status: string;
  createdAt: string;
  changeReason: string | null;
  reductions: string[];
}

export interface Review {
  action: string;
  comment: string | null;
  actorName: string;
  at: string;
  version: number;
}

export interface EntryDetail extends EntrySummary {
  content: EntryContent;
  publishedContent?: EntryContent;
  versions: VersionSummary[];
  reviews: Review[];
  pendingReduction?: { version: number; reasons: string[]; changeReason: string | null };
  allowedActions: EntryAction[];
}

export interface VersionDetail {
  version: number;
  status: string;
  content: EntryContent;
  changeReason: string | null;
  reductions: string[];
  createdAt: string;
  submittedAt: string | null;
  ratifiedAt: string | null;
  publishedAt: string | null;
}

export interface Change {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface Diff {
  changes: Change[];
  reductions: string[];
}

export interface Highlights {
  name?: string;
  summary?: string;
  keywords?: string[];
  items?: string[];
}

export interface SearchHit extends EntrySummary {
  summary: string;
  formatCategory?: string;
  updateCycle?: string;
  keywords?: string[];
  highlights: Highlights;
}

export interface FacetValue {
  value: string;
  label?: string;
  count: number;
}

export const FACETS = [
  'catalogClass',
  'area',
  'providerDepartment',
  'shareType',
  'formatCategory',
  'updateCycle',
  'openToPublic',
] as const;
export type Facet = (typeof FACETS)[number];

export interface SearchResult {
  items: SearchHit[];
  total: number;
  facets: Partial<Record<Facet, FacetValue[]>>;
}

/** What the search box and the facet panel ask; the URL holds the same. */
export interface SearchQuery {
  q?: string;
  catalogClass?: string;
  area?: string;
  providerDepartmentId?: string;
  shareType?: string;
  formatCategory?: string;
  updateCycle?: string;
  openToPublic?: string;
  page?: number;
  pageSize?: number;
}

export interface InboxItem extends EntrySummary {
  /** Why the entry waits for the authority. */
  awaiting?: 'ratification' | 'reduction';
  pendingReduction?: EntryDetail['pendingReduction'];
  submittedAt?: string | null;
}

export type ObligationState = 'due' | 'overdue' | 'fulfilled';

export interface Obligation {
  id: string;
  department: { id: string; name: string };
  cause: 'law_change' | 'duty_change';
  description: string;
  article: string | null;
  dueDate: string;
  status: 'open' | 'fulfilled';
  state: ObligationState;
  /** Working days to the due date, negative when overdue. */
  workingDaysLeft: number;
  recordedAt: string;
  fulfilledAt: string | null;
  fulfilledNote: string | null;
}

export interface EditionSummary {
  edition: number;
  compiledAt: string;
  compiledBy: string;
  entryCount: number;
  digest: string;
}

export interface EditionEntry {
  entryId: string;
  code: string;
  version: number;
  name: string;
  provider: { id: string; name: string; code: string };
  shareType: ShareType;
  publishDate: string | null;
}

export interface EditionDetail extends EditionSummary {
  /** Whether the stored digest still matches the entries (the edition was not altered). */
  digestValid: boolean;
  entries: EditionEntry[];
}

export interface ImportError {
  sheet: string;
  row: number;
  column: string;
  header?: string;
  field?: string;
  code: string;
  message: string;
}

export interface ImportResult {
  created: { id?: string; code: string; name?: string }[];
}

export interface ImportFailure {
  id?: string;
  errors: ImportError[];
}

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
