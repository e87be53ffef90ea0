import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import {
  AREA_LIST,
  CATALOG_CLASS_LIST,
  DATA_TYPE_LIST,
  FORMAT_CATEGORY_LIST,
  labelOf,
  UPDATE_CYCLE_LIST,
} from '../catalog/index.js';
import { datasetIri, datasetPageUrl, downloadUrl, FREQUENCY, fileTypeOf, NATIONAL_GUIDE } from './dcat.js';
import type { OpenDataset, OpenProvider } from './open-catalog.js';

/**
 * The open catalog in the shapes CKAN's action API answers with, so that open-data harvesters
 * (ckanext-harvest's CKAN harvester, data portals) read it as they read any CKAN site.
 */

/** CKAN names are lower-case ASCII; a resource code `101001/000042` becomes `101001-000042`. */
export function ckanName(code: string): string {
  return code.replace('/', '-');
}

/** CKAN names: 2 to 100 characters of lower-case ASCII letters, digits, `-` and `_`. */
const CKAN_NAME_MAX = 100;

/**
 * An organization's CKAN name: the department's name in pinyin, a syllable per hyphen, then its
 * unified social credit code in lower case, which keeps it unique and stable across departments
 * of the same name (「广州市公安局」 → `guang-zhou-shi-gong-an-ju-11440100…`). Characters that are
 * neither Chinese nor ASCII letters and digits become separators; a long name is cut at a syllable.
 */
export function organizationName(provider: OpenProvider): string {
  const code = provider.uscc.toLowerCase();
  const syllables = pinyin(provider.name.normalize('NFKC'), {
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
  })
    .join('-')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const syllable of syllables) {
    const next = slug ? `${slug}-${syllable}` : syllable;
    if (next.length + 1 + code.length > CKAN_NAME_MAX) break;
    slug = next;
  }
  return slug ? `${slug}-${code}` : code;
}

/** A stable UUID-shaped id derived from a name (CKAN resources need ids of their own). */
function derivedId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function organizationDict(provider: OpenProvider, packageCount?: number): Record<string, unknown> {
  return {
    id: provider.id,
    name: organizationName(provider),
    title: provider.name,
    display_name: provider.name,
    description: `统一社会信用代码 ${provider.uscc}`,
    type: 'organization',
    is_organization: true,
    state: 'active',
    approval_status: 'approved',
    image_url: '',
    ...(packageCount !== undefined ? { package_count: packageCount } : {}),
  };
}

/**
 * A package dict with the fields harvesters read. A hosted resource's CKAN resources are its CSV
 * and NDJSON downloads; one not hosted has one resource, its page on the portal.
 */
export function packageDict(
  publicUrl: string,
  dataset: OpenDataset,
  hosted = false,
): Record<string, unknown> {
  const { content } = dataset;
  const file = fileTypeOf(content.format.concrete);
  const tags = content.keywords.map((name) => ({ name, display_name: name, state: 'active' }));
  const page = datasetPageUrl(publicUrl, dataset.code);
  const resource = (suffix: string, name: string, format: string, mimetype: string | null, url: string) => ({
    id: derivedId(`${dataset.id}#${suffix}`),
    package_id: dataset.id,
    name,
    description: labelOf(FORMAT_CATEGORY_LIST, content.format.category),
    format,
    mimetype,
    url,
    position: 0,
    state: 'active',
    created: ckanTime(dataset.createdAt),
    last_modified: ckanTime(dataset.modifiedAt),
  });
  const resources = (
    hosted
      ? [
          resource(
            'csv',
            `${content.name}（CSV）`,
            'CSV',
            'text/csv',
            downloadUrl(publicUrl, dataset.code, 'csv'),
          ),
          resource(
            'ndjson',
            `${content.name}（NDJSON）`,
            'NDJSON',
            'application/x-ndjson',
            downloadUrl(publicUrl, dataset.code, 'ndjson'),
          ),
        ]
      : [
          resource(
            'distribution',
            `${content.name}（${content.format.concrete}）`,
            file?.fileType ?? content.format.concrete,
            file?.mediaType ?? null,
            page,
          ),
        ]
  ).map((r, position) => ({ ...r, position }));
  const extras: [string, string][] = [
    ['resource_code', dataset.code],
    ['catalog_class', labelOf(CATALOG_CLASS_LIST, content.classification.catalog)],
    ...(content.classification.area
      ? [['area', labelOf(AREA_LIST, content.classification.area)] as [string, string]]
      : []),
    ['format_category', labelOf(FORMAT_CATEGORY_LIST, content.format.category)],
    ['update_cycle', labelOf(UPDATE_CYCLE_LIST, content.updateCycle)],
    ['frequency', FREQUENCY[content.updateCycle]],
    ['provider_code', dataset.provider.uscc],
    ...(content.open.conditions?.trim()
      ? [['open_conditions', content.open.conditions] as [string, string]]
      : []),
    ...(content.relatedCodes.length > 0
      ? [['related_codes', content.relatedCodes.join(',')] as [string, string]]
      : []),
    ['conforms_to', `${NATIONAL_GUIDE.title} ${NATIONAL_GUIDE.identifier}`],
    [
      'information_items',
      JSON.stringify(
        content.items.map((i) => ({
          name: i.name,
          type: labelOf(DATA_TYPE_LIST, i.dataType),
          ...(i.length !== undefined ? { length: i.length } : {}),
        })),
      ),
    ],
    ['uri', datasetIri(publicUrl, dataset.code)],
  ];
  return {
    id: dataset.id,
    name: ckanName(dataset.code),
    title: content.name,
    notes: content.summary,
    type: 'dataset',
    state: 'active',
    private: false,
    isopen: false,
    license_id: 'notspecified',
    license_title: 'License not specified',
    url: page,
    version: null,
    author: dataset.provider.name,
    maintainer: dataset.provider.name,
    owner_org: dataset.provider.id,
    organization: organizationDict(dataset.provider),
    metadata_created: ckanTime(dataset.createdAt),
    metadata_modified: ckanTime(dataset.modifiedAt),
    tags,
    num_tags: tags.length,
    groups: [],
    resources,
    num_resources: resources.length,
    extras: extras.map(([key, value]) => ({ key, value })),
  };
}

/** CKAN writes timestamps as ISO without the zone designator (UTC). */
function ckanTime(iso: string): string {
  return iso.replace(/Z$/, '');
}

/** The envelope of every CKAN action answer. */
export function ckanSuccess(publicUrl: string, action: string, result: unknown) {
  return { help: helpUrl(publicUrl, action), success: true, result };
}

export function ckanFailure(
  publicUrl: string,
  action: string,
  type: 'Not Found Error' | 'Validation Error' | 'Search Query Error' | 'Bad request',
  message: string,
  fields?: Record<string, string[]>,
) {
  return {
    help: helpUrl(publicUrl, action),
    success: false,
    error: { __type: type, message, ...(fields ?? {}) },
  };
}

function helpUrl(publicUrl: string, action: string): string {
  return `${publicUrl}/api/3/action/help_show?name=${action}`;
}
