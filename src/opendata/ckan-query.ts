import type { Label } from '../platform/messages/index.js';
import { ckanName, organizationName } from './ckan.js';
import { fileTypeOf } from './dcat.js';
import type { OpenDataset, OpenFilter } from './open-catalog.js';

/**
 * The part of Solr's filter-query syntax CKAN harvesters send in `fq`: clauses joined by spaces
 * or AND, each `field:value`, `field:"quoted value"` or `field:[from TO to]`, optionally negated
 * with `-`. ckanext-harvest asks `metadata_modified:[2024-01-01T00:00:00Z TO *]` for incremental
 * harvests and `organization:name` / `-organization:name` to pick publishers.
 */
export interface FilterClause {
  field: string;
  negated: boolean;
  value?: string;
  range?: { from?: string; to?: string };
}

/**
 * A harvester's `fq` or `sort` the CKAN API cannot answer: CKAN's "Search Query Error", worded in
 * each language (`text`) for the request's; `message` is the English, for logs.
 */
export class CkanQueryError extends Error {
  constructor(readonly text: Label) {
    super(text.en);
    this.name = 'CkanQueryError';
  }
}

const FIELDS = new Set([
  'organization',
  'owner_org',
  'id',
  'name',
  'tags',
  'res_format',
  'metadata_modified',
  'metadata_created',
  'dataset_type',
  'type',
  'capacity',
  'state',
]);

const CLAUSE = /^\s*(?:AND\s+)?([+-]?)([a-z_]+):(?:"((?:[^"\\]|\\.)*)"|\[(\S+)\s+TO\s+(\S+)\]|(\S+))/;

export function parseFilterQuery(fq: string): FilterClause[] {
  const clauses: FilterClause[] = [];
  let rest = fq.trim();
  while (rest) {
    const match = CLAUSE.exec(rest);
    if (!match)
      throw new CkanQueryError({
        zh: `无法解析的过滤条件：${rest}`,
        en: `cannot parse filter query: ${rest}`,
      });
    const [whole, sign, field = '', quoted, from, to, bare] = match;
    if (!FIELDS.has(field))
      throw new CkanQueryError({
        zh: `不支持的过滤字段：${field}`,
        en: `unsupported filter field: ${field}`,
      });
    const clause: FilterClause = { field, negated: sign === '-' };
    if (from !== undefined && to !== undefined)
      clause.range = { ...(from !== '*' ? { from } : {}), ...(to !== '*' ? { to } : {}) };
    else clause.value = (quoted ?? bare ?? '').replace(/\\(.)/g, '$1');
    clauses.push(clause);
    rest = rest.slice(whole.length).trim();
  }
  return clauses;
}

/** The clauses the open catalog's SQL can apply (time ranges), before the rest are applied in code. */
export function sqlFilterOf(clauses: FilterClause[]): OpenFilter {
  const filter: OpenFilter = {};
  for (const clause of clauses) {
    if (clause.field !== 'metadata_modified' || clause.negated || !clause.range) continue;
    if (clause.range.from) filter.modifiedFrom = solrTime(clause.range.from);
    if (clause.range.to) filter.modifiedTo = solrTime(clause.range.to);
  }
  return filter;
}

/** Solr's `NOW` and date math are not supported; an ISO instant is compared as stored. */
function solrTime(text: string): string {
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new CkanQueryError({ zh: `无效的时间：${text}`, en: `invalid date: ${text}` });
  return date.toISOString();
}

function matches(clause: FilterClause, dataset: OpenDataset): boolean {
  const value = clause.value ?? '';
  switch (clause.field) {
    case 'organization':
      return organizationName(dataset.provider) === value.toLowerCase();
    case 'owner_org':
      return dataset.provider.id === value;
    case 'id':
      return dataset.id === value;
    case 'name':
      return ckanName(dataset.code) === value;
    case 'tags':
      return dataset.content.keywords.includes(value);
    case 'res_format':
      return (
        (
          fileTypeOf(dataset.content.format.concrete)?.fileType ?? dataset.content.format.concrete
        ).toLowerCase() === value.toLowerCase()
      );
    case 'metadata_modified':
    case 'metadata_created': {
      const at = clause.field === 'metadata_modified' ? dataset.modifiedAt : dataset.createdAt;
      if (!clause.range) return at.startsWith(value);
      const { from, to } = clause.range;
      return (!from || at >= solrTime(from)) && (!to || at <= solrTime(to));
    }
    case 'dataset_type':
    case 'type':
      return value === 'dataset';
    case 'state':
      return value === 'active';
    case 'capacity':
      return value === 'public';
  }
  return false;
}

export function applyFilters(clauses: FilterClause[], datasets: OpenDataset[]): OpenDataset[] {
  return datasets.filter((d) => clauses.every((c) => matches(c, d) !== c.negated));
}

const SORTS: Record<string, (a: OpenDataset, b: OpenDataset) => number> = {
  metadata_modified: (a, b) => a.modifiedAt.localeCompare(b.modifiedAt),
  metadata_created: (a, b) => a.createdAt.localeCompare(b.createdAt),
  name: (a, b) => a.code.localeCompare(b.code),
  id: (a, b) => a.id.localeCompare(b.id),
  title_string: (a, b) => a.content.name.localeCompare(b.content.name, 'zh-CN'),
};

/**
 * Orders by CKAN's `sort` (`metadata_modified desc`, `name asc`, several separated by commas);
 * `score` keeps the search's relevance order, which is the order the list arrives in.
 */
export function sortDatasets(datasets: OpenDataset[], sort: string): OpenDataset[] {
  const keys = sort
    .split(',')
    .map((part) => part.trim().split(/\s+/))
    .filter((p) => p[0]);
  const comparators = keys.map(([field = '', direction = 'asc']) => {
    if (field === 'score') return () => 0;
    const compare = SORTS[field];
    if (!compare || !['asc', 'desc'].includes(direction))
      throw new CkanQueryError({
        zh: `不支持的排序：${field} ${direction}`,
        en: `unsupported sort: ${field} ${direction}`,
      });
    return direction === 'desc' ? (a: OpenDataset, b: OpenDataset) => compare(b, a) : compare;
  });
  const order = new Map(datasets.map((d, i) => [d.id, i]));
  return [...datasets].sort((a, b) => {
    for (const compare of comparators) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
  });
}
