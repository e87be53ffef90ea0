import { AREA_LIST, labelOf, type UpdateCycle } from '../catalog/index.js';
import type { OpenDataset } from './open-catalog.js';

/**
 * The open catalog in DCAT (W3C Data Catalog Vocabulary), shaped as DCAT-AP 3 asks: every
 * mandatory property of Catalog, Dataset, Distribution and Agent, code lists from the EU
 * vocabularies where DCAT-AP names one. The context is inline, so that a reader (and our tests)
 * expand it without fetching anything.
 */
export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
} as const;

const EU = 'http://publications.europa.eu/resource/authority';

/** 更新周期 → EU frequency vocabulary (ANNUAL_2 is twice a year). */
export const FREQUENCY: Record<UpdateCycle, string> = {
  real_time: `${EU}/frequency/UPDATE_CONT`,
  daily: `${EU}/frequency/DAILY`,
  weekly: `${EU}/frequency/WEEKLY`,
  monthly: `${EU}/frequency/MONTHLY`,
  quarterly: `${EU}/frequency/QUARTERLY`,
  half_yearly: `${EU}/frequency/ANNUAL_2`,
  yearly: `${EU}/frequency/ANNUAL`,
  other: `${EU}/frequency/OTHER`,
};

/** Base and theme areas → EU data themes (the national areas have no IRIs of their own). */
const DATA_THEME: Record<string, string> = {
  population: 'SOCI',
  legal_person: 'ECON',
  natural_resources_geography: 'ENVI',
  social_credit: 'ECON',
  e_licence: 'GOVE',
  macro_economy: 'ECON',
  real_estate: 'ECON',
  public_service: 'GOVE',
  health: 'HEAL',
  social_security: 'SOCI',
  food_drug_safety: 'HEAL',
  work_safety: 'JUST',
  price_supervision: 'ECON',
  energy_security: 'ENER',
  credit_system: 'ECON',
  urban_rural_construction: 'REGI',
  community_governance: 'SOCI',
  ecology: 'ENVI',
  emergency_stability: 'JUST',
};

/** Concrete formats the EU file-type vocabulary and IANA know, by lower-case name. */
const FILE_TYPES: Record<string, { fileType: string; mediaType: string }> = {
  csv: { fileType: 'CSV', mediaType: 'text/csv' },
  xlsx: { fileType: 'XLSX', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  xls: { fileType: 'XLS', mediaType: 'application/vnd.ms-excel' },
  json: { fileType: 'JSON', mediaType: 'application/json' },
  xml: { fileType: 'XML', mediaType: 'application/xml' },
  pdf: { fileType: 'PDF', mediaType: 'application/pdf' },
  docx: {
    fileType: 'DOCX',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  doc: { fileType: 'DOC', mediaType: 'application/msword' },
  html: { fileType: 'HTML', mediaType: 'text/html' },
  txt: { fileType: 'TXT', mediaType: 'text/plain' },
  zip: { fileType: 'ZIP', mediaType: 'application/zip' },
  jpeg: { fileType: 'JPEG', mediaType: 'image/jpeg' },
  jpg: { fileType: 'JPEG', mediaType: 'image/jpeg' },
  png: { fileType: 'PNG', mediaType: 'image/png' },
  geojson: { fileType: 'GEOJSON', mediaType: 'application/geo+json' },
};

export function fileTypeOf(concrete: string): { fileType: string; mediaType: string } | undefined {
  return FILE_TYPES[concrete.trim().toLowerCase()];
}

export const NATIONAL_GUIDE = {
  title: '政务信息资源目录编制指南（试行）',
  identifier: '发改高技〔2017〕1272号',
};

/** Who publishes the open catalog: the instance's competent authority, named by its profile. */
export interface CatalogPublisher {
  name: string;
  homepage: string;
}

/** IRIs minted under the instance's public URL. */
export function datasetIri(publicUrl: string, code: string): string {
  return `${publicUrl}/api/v1/open/datasets/${code}`;
}

/** A JSON-LD node object: an IRI, a type and properties. */
export interface JsonLdNode {
  '@id': string;
  '@type': string;
  [property: string]: unknown;
}

const zh = (value: string) => ({ '@value': value, '@language': 'zh-CN' });

/** The dataset's page on the open data portal (what `dcat:accessURL` and `dcat:landingPage` name). */
export function datasetPageUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/open/datasets/${code}`;
}

/** Where the data of a hosted open resource downloads in a format. */
export function downloadUrl(publicUrl: string, code: string, format: 'csv' | 'ndjson'): string {
  return `${publicUrl}/api/v1/open/resources/${code}/data.${format}`;
}

/** The publisher node: the instance's own competent authority. */
export function publisherNode(publicUrl: string, publisher: CatalogPublisher): JsonLdNode {
  return {
    '@id': `${publicUrl}/`,
    '@type': 'foaf:Agent',
    'foaf:name': zh(publisher.name),
    'foaf:homepage': { '@id': publisher.homepage },
  };
}

const NDJSON = { fileType: 'JSON', mediaType: 'application/x-ndjson' };
const OCTET = { fileType: 'OCTET', mediaType: 'application/octet-stream' };
const mediaTypeIri = (mediaType: string) => `https://www.iana.org/assignments/media-types/${mediaType}`;

/**
 * The distributions of a dataset. A hosted resource has two that lead to its data (CSV and
 * NDJSON downloads); one that is not hosted has one that leads to its page, in its declared format.
 * Every distribution carries `dct:format`, `dcat:mediaType` and `dcat:accessURL`.
 */
function distributions(publicUrl: string, dataset: OpenDataset, hosted: boolean): JsonLdNode[] {
  const { content } = dataset;
  const iri = datasetIri(publicUrl, dataset.code);
  const page = datasetPageUrl(publicUrl, dataset.code);
  if (hosted)
    return (
      [
        ['csv', fileTypeOf('csv') ?? OCTET],
        ['ndjson', NDJSON],
      ] as const
    ).map(([format, file]) => ({
      '@id': `${iri}#${format}`,
      '@type': 'dcat:Distribution',
      'dct:title': zh(`${content.name}（${format.toUpperCase()}）`),
      'dcat:accessURL': { '@id': page },
      'dcat:downloadURL': { '@id': downloadUrl(publicUrl, dataset.code, format) },
      'dct:format': { '@id': `${EU}/file-type/${file.fileType}` },
      'dcat:mediaType': { '@id': mediaTypeIri(file.mediaType) },
    }));
  const file = fileTypeOf(content.format.concrete) ?? OCTET;
  return [
    {
      '@id': `${iri}#distribution`,
      '@type': 'dcat:Distribution',
      'dct:title': zh(`${content.name}（${content.format.concrete}）`),
      'dcat:accessURL': { '@id': page },
      'dct:format': { '@id': `${EU}/file-type/${file.fileType}` },
      'dcat:mediaType': { '@id': mediaTypeIri(file.mediaType) },
    },
  ];
}

/**
 * One dataset node (without `@context`). The instance's authority publishes the open catalog
 * (`dct:publisher`); the providing department made the data (`dct:creator`).
 */
export function datasetNode(
  publicUrl: string,
  publisher: CatalogPublisher,
  dataset: OpenDataset,
  hosted = false,
): JsonLdNode {
  const { content } = dataset;
  const iri = datasetIri(publicUrl, dataset.code);
  const area = content.classification.area;
  const theme = area ? DATA_THEME[area] : 'GOVE';
  return {
    '@id': iri,
    '@type': 'dcat:Dataset',
    'dct:identifier': dataset.code,
    'dct:title': zh(content.name),
    'dct:description': zh(content.summary || content.name),
    'dcat:keyword': [...new Set([...content.keywords, ...(area ? [labelOf(AREA_LIST, area)] : [])])].map(zh),
    'dcat:landingPage': { '@id': datasetPageUrl(publicUrl, dataset.code) },
    'dct:publisher': publisherNode(publicUrl, publisher),
    'dct:creator': {
      '@type': 'foaf:Agent',
      'foaf:name': zh(dataset.provider.name),
      'dct:identifier': dataset.provider.uscc,
    },
    ...(dataset.publishDate ? { 'dct:issued': { '@value': dataset.publishDate, '@type': 'xsd:date' } } : {}),
    'dct:modified': { '@value': dataset.modifiedAt, '@type': 'xsd:dateTime' },
    'dct:accrualPeriodicity': { '@id': FREQUENCY[content.updateCycle] },
    'dcat:theme': { '@id': `${EU}/data-theme/${theme ?? 'GOVE'}` },
    'dct:accessRights': {
      '@id': `${EU}/access-right/${content.open.conditions?.trim() ? 'RESTRICTED' : 'PUBLIC'}`,
    },
    ...(content.open.conditions?.trim()
      ? { 'rdfs:comment': zh(`开放条件：${content.open.conditions}`) }
      : {}),
    'dct:conformsTo': {
      '@type': 'dct:Standard',
      'dct:title': zh(NATIONAL_GUIDE.title),
      'dct:identifier': NATIONAL_GUIDE.identifier,
    },
    ...(content.relatedCodes.length > 0
      ? { 'dct:relation': content.relatedCodes.map((code) => ({ '@id': datasetIri(publicUrl, code) })) }
      : {}),
    'dcat:distribution': distributions(publicUrl, dataset, hosted),
  };
}

/** The whole open catalog as one JSON-LD document. */
export function catalogDocument(
  publicUrl: string,
  publisher: CatalogPublisher,
  datasets: readonly OpenDataset[],
  hosted: ReadonlySet<string> = new Set(),
): JsonLdNode {
  const modified = datasets
    .map((d) => d.modifiedAt)
    .sort()
    .at(-1);
  return {
    '@context': DCAT_CONTEXT,
    '@id': `${publicUrl}/api/v1/open/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': [
      zh('政务信息资源开放目录'),
      { '@value': 'Open government information resource catalog', '@language': 'en' },
    ],
    'dct:description': [
      zh(`${publisher.name}向社会开放的政务信息资源目录（依据${NATIONAL_GUIDE.title}编制）`),
      {
        '@value': `Government information resources ${publisher.name} opens to the public`,
        '@language': 'en',
      },
    ],
    'dct:publisher': publisherNode(publicUrl, publisher),
    'foaf:homepage': { '@id': publisher.homepage },
    'dct:language': { '@id': `${EU}/language/ZHO` },
    ...(modified ? { 'dct:modified': { '@value': modified, '@type': 'xsd:dateTime' } } : {}),
    'dcat:dataset': datasets.map((d) => datasetNode(publicUrl, publisher, d, hosted.has(d.id))),
  };
}

/** A single dataset as its own JSON-LD document (what a dataset IRI dereferences to). */
export function datasetDocument(
  publicUrl: string,
  publisher: CatalogPublisher,
  dataset: OpenDataset,
  hosted = false,
): JsonLdNode {
  return { '@context': DCAT_CONTEXT, ...datasetNode(publicUrl, publisher, dataset, hosted) };
}
