import type { OpendataMessages } from './opendata.zh-CN.ts';

/** English messages of the public open data portal; every key mirrors opendata.zh-CN.ts. */
export const opendataEn: OpendataMessages = {
  title: 'Open government data',
  link: 'Open data',
  subtitle:
    'Government information resources open to the public: search, browse and download without signing in',
  home: 'Home',
  developers: 'Developers',
  signIn: 'Staff sign-in',
  searchPlaceholder: 'Enter a keyword, e.g. 参保 or 统计',
  search: 'Search',
  themes: 'Browse by theme',
  providers: 'Browse by provider',
  results: '{{count}} datasets',
  noResults: 'No open data matches',
  theme: 'Theme',
  provider: 'Provider',
  all: 'All',
  updateCycle: 'Update cycle',
  modified: 'Updated',
  items: 'Data items',
  itemName: 'Name',
  itemType: 'Type',
  itemLength: 'Length',
  format: 'Format',
  conditions: 'Conditions of opening',
  basis: 'Basis for opening',
  licence: 'Terms of use',
  bases: { provider_consent: 'With the provider’s consent', disclosure_scope: 'Within the disclosure scope' },
  licenceConditions: 'Use under the conditions of opening: {{conditions}}',
  licenceOpen: 'Open without conditions; cite the source',
  freshness: 'Freshness',
  publishedAt: 'Catalog entry published',
  dataChangedAt: 'Data last changed',
  rows: 'Records',
  downloads: 'Download the data',
  notHosted:
    'The data of this resource is not hosted on the platform; ask the provider under the conditions of opening.',
  notFound: 'No such dataset in the open catalog',
  links: 'Machine-readable',
  back: 'Back to search',
  devIntro:
    'The open catalog has three machine interfaces, all without sign-in and rate-limited per address (300 a minute for pages and search, 30 a minute for downloads). They show only resources open to the public, not classified and with their basis recorded, and never personal data items.',
  devCkan: 'CKAN-compatible API',
  devCkanText:
    'CKAN action API (/api/3/action/) that CKAN harvesters (ckanext-harvest) read as any CKAN site: package_list, package_search (GET or POST; q, fq, rows, start, sort, facet.field), package_show, organization_list, organization_show, status_show, help_show.',
  devDcat: 'DCAT-AP catalog',
  devDcatText:
    'The whole open catalog as DCAT-AP 3 JSON-LD; each dataset has its own IRI. Every distribution carries its format, media type, access URL and download URL.',
  devDownloads: 'Downloads',
  devDownloadsText:
    'Open data hosted on the platform downloads as CSV (UTF-8 with BOM, opens in Excel) or NDJSON (one JSON record a line), streamed. Every download is on the audit trail.',
  devSearch: 'Search API',
  devSearchText:
    'The JSON API the portal itself uses: Chinese full-text search, filtered by theme and provider, with facet counts.',
};
