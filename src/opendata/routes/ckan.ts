import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogSearch } from '../../catalog/index.js';
import { localeFrom } from '../../platform/errors/index.js';
import { toAppError } from '../../platform/http/index.js';
import {
  ckanFailure,
  ckanName,
  ckanSuccess,
  organizationDict,
  organizationName,
  packageDict,
} from '../ckan.js';
import { applyFilters, CkanQueryError, parseFilterQuery, sortDatasets, sqlFilterOf } from '../ckan-query.js';
import { fileTypeOf } from '../dcat.js';
import type { OpenCatalog, OpenDataset, OpenProvider } from '../open-catalog.js';
import { SEARCH_HITS_MAX } from '../portal.js';
import type { OpenRowsSource } from '../rows.js';
import { isHostile } from '../text.js';
import { PUBLIC_RATE_LIMIT } from './dcat.js';

export interface CkanRouteDeps {
  open: OpenCatalog;
  /** The catalog's full-text search, asked as the public reader for `q`. */
  search: Pick<CatalogSearch, 'search'>;
  publicUrl: string;
  /** Whether an entry's data is hosted (its resources are then the downloads). */
  rows: Pick<OpenRowsSource, 'hosted'>;
  /** The instance's name, for status_show. */
  siteTitle: string;
}

/** The CKAN version whose action API these answers follow. */
const CKAN_VERSION = '2.10.4';

const ACTION_HELP: Record<string, string> = {
  package_list:
    "Return a list of the names of the site's datasets (packages).\n\n:param limit: :param offset:",
  package_search:
    'Searches for packages satisfying a given search criteria.\n\n:param q: the solr query (Chinese word segmentation)\n:param fq: any filter queries to apply (organization:, tags:, res_format:, metadata_modified:[a TO b])\n:param sort: e.g. metadata_modified desc\n:param rows: :param start:\n:param facet.field: the fields to facet upon, a JSON list (organization, tags, res_format, groups, license_id)\n:param facet.limit:',
  package_show:
    'Return the metadata of a dataset (package) and its resources.\n\n:param id: the id, name or resource code of the dataset',
  organization_list:
    "Return a list of the names of the site's organizations.\n\n:param all_fields: :param sort: :param limit: :param offset:",
  organization_show:
    'Return the details of an organization.\n\n:param id: the id or name of the organization\n:param include_datasets:',
  status_show: "Return a dictionary with information about the site's configuration.",
  help_show: 'Return the help string for a particular API action.\n\n:param name: Action function name',
};

interface SearchInput {
  q?: string;
  fq?: string;
  sort?: string;
  rows?: number;
  start?: number;
  'facet.field'?: string | string[];
  'facet.limit'?: number;
}

const FACET_FIELDS = ['organization', 'tags', 'res_format', 'groups', 'license_id'] as const;
type FacetField = (typeof FACET_FIELDS)[number];

/** `facet.field` as CKAN takes it: a JSON list of field names (or, in a POST body, the list itself). */
function facetFieldsOf(value: string | string[] | undefined): FacetField[] {
  if (value === undefined || value === '') return [];
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      list = [value];
    }
  }
  if (!Array.isArray(list) || !list.every((f) => typeof f === 'string'))
    throw new CkanQueryError({
      zh: 'facet.field 须为字段名列表',
      en: 'facet.field must be a list of field names',
    });
  for (const field of list)
    if (!(FACET_FIELDS as readonly string[]).includes(field))
      throw new CkanQueryError({ zh: `不支持的分面字段：${field}`, en: `unsupported facet field: ${field}` });
  return list as FacetField[];
}

/** CKAN's two facet shapes: `facets` ({ field: { value: count } }) and `search_facets`. */
function facetsOf(datasets: OpenDataset[], fields: FacetField[], limit: number) {
  const facets: Record<string, Record<string, number>> = {};
  const search_facets: Record<
    string,
    { title: string; items: { name: string; display_name: string; count: number }[] }
  > = {};
  for (const field of fields) {
    const counts = new Map<string, { display: string; count: number }>();
    const add = (name: string, display: string) => {
      const found = counts.get(name);
      if (found) found.count += 1;
      else counts.set(name, { display, count: 1 });
    };
    for (const d of datasets) {
      if (field === 'organization') add(organizationName(d.provider), d.provider.name);
      else if (field === 'tags') for (const tag of new Set(d.content.keywords)) add(tag, tag);
      else if (field === 'res_format') {
        const format = (
          fileTypeOf(d.content.format.concrete)?.fileType ?? d.content.format.concrete
        ).toUpperCase();
        add(format, format);
      } else if (field === 'license_id') add('notspecified', 'License not specified');
    }
    let entries = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
    if (limit >= 0) entries = entries.slice(0, limit);
    facets[field] = Object.fromEntries(entries.map(([name, { count }]) => [name, count]));
    search_facets[field] = {
      title: field,
      items: entries.map(([name, { display, count }]) => ({ name, display_name: display, count })),
    };
  }
  return { facets, search_facets };
}

const ROWS_MAX = 1000;

const Envelope = Type.Object(
  {
    help: Type.String(),
    success: Type.Boolean(),
    result: Type.Optional(Type.Unknown()),
    error: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false, description: 'CKAN 响应封装 / CKAN response envelope' },
);

const Text = (description: string) => Type.Optional(Type.String({ maxLength: 2000, description }));

/** CKAN answers every outcome in its envelope; the descriptions name what each status carries. */
const answers = {
  200: Envelope,
  404: Type.Composite([Envelope], { description: 'CKAN Not Found Error' }),
  400: Type.Composite([Envelope], { description: 'CKAN Bad request（请求体不是 JSON）' }),
  409: Type.Composite([Envelope], { description: 'CKAN Validation Error / Search Query Error' }),
  429: Type.Composite([Envelope], { description: 'RATE_LIMITED: 请求过于频繁（CKAN 封装）' }),
  500: Type.Composite([Envelope], { description: 'INTERNAL: 服务器内部错误（CKAN 封装）' }),
};

const common = (summary: string) => ({ tags: ['open'], summary, security: [], response: answers });

/**
 * A read-only CKAN action API (`/api/3/action/…`) over the open catalog, so that open-data
 * harvesters read it as any CKAN site: answers in CKAN's envelope `{ help, success, result }`,
 * errors as `{ success: false, error: { __type, message } }`. Only published, non-classified
 * resources open to the public appear.
 */
export const ckanRoutes =
  (deps: CkanRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    const packageOf = async (dataset: OpenDataset) =>
      packageDict(deps.publicUrl, dataset, (await deps.rows.hosted(dataset.id)) !== undefined);
    const actionOf = (request: FastifyRequest) => request.url.split('?')[0]?.split('/').pop() ?? '';
    const fail = (
      reply: FastifyReply,
      status: number,
      type: Parameters<typeof ckanFailure>[2],
      message: string,
      fields?: Record<string, string[]>,
    ) =>
      reply.status(status).send(ckanFailure(deps.publicUrl, actionOf(reply.request), type, message, fields));

    // Errors of these routes (schema validation included) keep CKAN's envelope.
    app.setErrorHandler((error, request, reply) => {
      if (error instanceof CkanQueryError) {
        const english = localeFrom(request.headers['accept-language']) === 'en';
        return fail(reply, 409, 'Search Query Error', english ? error.text.en : error.text.zh);
      }
      const appError = toAppError(error, request);
      const raw = error as { statusCode?: number; validation?: unknown };
      if ((raw.statusCode === 400 || raw.statusCode === 415) && !raw.validation)
        return fail(reply, 400, 'Bad request', 'Bad request - JSON Error: the body is not a JSON object');
      if (appError.status === 429) return fail(reply, 429, 'Validation Error', appError.localized('en'));
      if (appError.status >= 500) {
        request.log.error({ err: error }, 'CKAN action failed');
        return fail(reply, 500, 'Validation Error', 'Internal error');
      }
      const field = appError.field?.replace(/^\/querystring\//, '') ?? 'query';
      return fail(reply, 409, 'Validation Error', appError.localized('en'), {
        [field]: [appError.localized('zh-CN')],
      });
    });

    const searchQuery = {
      q: Text('全文检索（中文分词）/ full-text query'),
      fq: Text('过滤：organization:, tags:, res_format:, metadata_modified:[a TO b] …'),
      sort: Text('如 metadata_modified desc'),
      rows: Type.Optional(Type.Integer({ minimum: 0, maximum: ROWS_MAX, default: 10 })),
      start: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
      'facet.field': Type.Optional(
        Type.Union(
          [Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })],
          {
            description:
              '分面字段（JSON 列表）/ facet fields, a JSON list: ["organization","tags","res_format"]',
          },
        ),
      ),
      'facet.limit': Type.Optional(Type.Integer({ minimum: -1, maximum: 1000, default: 50 })),
    };
    const searchHandler = async (params: SearchInput) => {
      for (const field of ['q', 'fq', 'sort'] as const) {
        const value = params[field];
        if (value !== undefined && isHostile(value))
          throw new CkanQueryError({
            zh: `${field} 含有无效字符（孤立代理项或控制字符）`,
            en: `${field} holds invalid characters (lone surrogates or control characters)`,
          });
      }
      const facetFields = facetFieldsOf(params['facet.field']);
      const clauses = parseFilterQuery(params.fq ?? '');
      const text = (params.q ?? '').trim();
      const ids = text && text !== '*:*' ? await searchIds(deps.search, text) : undefined;
      let datasets = applyFilters(
        clauses,
        await deps.open.list({ ...sqlFilterOf(clauses), ...(ids ? { ids } : {}) }),
      );
      if (ids) {
        const rank = new Map(ids.map((id, i) => [id, i]));
        datasets.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
      }
      const sort =
        params.sort?.trim() || (ids ? 'score desc, metadata_modified desc' : 'metadata_modified desc');
      datasets = sortDatasets(datasets, sort);
      const start = params.start ?? 0;
      const rows = params.rows ?? 10;
      const { facets, search_facets } = facetsOf(datasets, facetFields, params['facet.limit'] ?? 50);
      return ckanSuccess(deps.publicUrl, 'package_search', {
        count: datasets.length,
        sort,
        facets,
        search_facets,
        results: await Promise.all(datasets.slice(start, start + rows).map((d) => packageOf(d))),
      });
    };

    app.get(
      '/api/3/action/package_search',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          ...common('CKAN package_search（开放目录检索）'),
          // Harvesters send CKAN parameters we have no use for (include_private…).
          querystring: Type.Object(searchQuery, { additionalProperties: true }),
        },
      },
      async (request) => searchHandler(request.query as SearchInput),
    );

    app.post(
      '/api/3/action/package_search',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          ...common('CKAN package_search（POST JSON）'),
          body: Type.Object(searchQuery, { additionalProperties: true }),
        },
      },
      async (request) => searchHandler(request.body as SearchInput),
    );

    app.get(
      '/api/3/action/package_list',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          ...common('CKAN package_list（开放数据集名称）'),
          querystring: Type.Object(
            {
              limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
              offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
            },
            { additionalProperties: true },
          ),
        },
      },
      async (request) => {
        const { limit, offset = 0 } = request.query as { limit?: number; offset?: number };
        const names = (await deps.open.list()).map((d) => ckanName(d.code)).sort();
        return ckanSuccess(
          deps.publicUrl,
          'package_list',
          names.slice(offset, limit !== undefined ? offset + limit : undefined),
        );
      },
    );

    app.get(
      '/api/3/action/package_show',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          ...common('CKAN package_show（按信息资源代码或编号）'),
          querystring: Type.Object(
            {
              id: Type.String({
                minLength: 1,
                maxLength: 100,
                description: '信息资源代码、条目编号或 CKAN name',
              }),
            },
            { additionalProperties: true },
          ),
        },
      },
      async (request, reply) => {
        const { id } = request.query as { id: string };
        const dataset = await deps.open.find(id);
        if (!dataset) return fail(reply, 404, 'Not Found Error', 'Not found');
        return ckanSuccess(deps.publicUrl, 'package_show', await packageOf(dataset));
      },
    );

    app.get(
      '/api/3/action/organization_list',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          ...common('CKAN organization_list（有开放资源的提供部门）'),
          querystring: Type.Object(
            {
              all_fields: Type.Optional(Type.Boolean({ default: false })),
              sort: Text('name asc | title asc | package_count desc'),
              limit: Type.Optional(Type.Integer({ minimum: 0, maximum: ROWS_MAX })),
              offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
            },
            { additionalProperties: true },
          ),
        },
      },
      async (request) => {
        const query = request.query as {
          all_fields?: boolean;
          sort?: string;
          limit?: number;
          offset?: number;
        };
        const providers = providersOf(await deps.open.list());
        const [field = 'title', direction = 'asc'] = (query.sort ?? 'title asc').trim().split(/\s+/);
        const compare = PROVIDER_SORTS[field];
        if (!compare || !['asc', 'desc'].includes(direction))
          throw new CkanQueryError({
            zh: `不支持的排序：${query.sort}`,
            en: `unsupported sort: ${query.sort}`,
          });
        providers.sort((a, b) => (direction === 'desc' ? compare(b, a) : compare(a, b)));
        const offset = query.offset ?? 0;
        const page = providers.slice(offset, query.limit !== undefined ? offset + query.limit : undefined);
        return ckanSuccess(
          deps.publicUrl,
          'organization_list',
          query.all_fields
            ? page.map((p) => organizationDict(p.provider, p.count))
            : page.map((p) => organizationName(p.provider)),
        );
      },
    );

    app.get(
      '/api/3/action/organization_show',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          ...common('CKAN organization_show（提供部门）'),
          querystring: Type.Object(
            {
              id: Type.String({ minLength: 1, maxLength: 100, description: '组织 name 或 id' }),
              include_datasets: Type.Optional(Type.Boolean({ default: false })),
            },
            { additionalProperties: true },
          ),
        },
      },
      async (request, reply) => {
        const { id, include_datasets } = request.query as { id: string; include_datasets?: boolean };
        const datasets = await deps.open.list();
        const mine = datasets.filter(
          (d) => d.provider.id === id || organizationName(d.provider) === id.toLowerCase(),
        );
        const provider = mine[0]?.provider;
        if (!provider) return fail(reply, 404, 'Not Found Error', 'Not found');
        return ckanSuccess(deps.publicUrl, 'organization_show', {
          ...organizationDict(provider, mine.length),
          ...(include_datasets ? { packages: await Promise.all(mine.map((d) => packageOf(d))) } : {}),
        });
      },
    );

    app.get(
      '/api/3/action/status_show',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          ...common('CKAN status_show（站点信息）'),
          querystring: Type.Object({}, { additionalProperties: true }),
        },
      },
      async () =>
        ckanSuccess(deps.publicUrl, 'status_show', {
          ckan_version: CKAN_VERSION,
          site_url: deps.publicUrl,
          site_title: deps.siteTitle,
          site_description: '政务信息资源开放目录 / Open government information resources',
          error_emails_to: null,
          locale_default: 'zh_Hans_CN',
          extensions: [],
        }),
    );

    app.get(
      '/api/3/action/help_show',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          ...common('CKAN help_show（动作说明）'),
          querystring: Type.Object(
            { name: Type.String({ minLength: 1, maxLength: 100 }) },
            { additionalProperties: true },
          ),
        },
      },
      async (request, reply) => {
        const { name } = request.query as { name: string };
        const help = ACTION_HELP[name];
        if (!help) return fail(reply, 404, 'Not Found Error', `Action name not known: ${name}`);
        return ckanSuccess(deps.publicUrl, 'help_show', help);
      },
    );
  };

type ProviderCount = { provider: OpenProvider; count: number };

const PROVIDER_SORTS: Record<string, (a: ProviderCount, b: ProviderCount) => number> = {
  name: (a, b) => organizationName(a.provider).localeCompare(organizationName(b.provider)),
  title: (a, b) => a.provider.name.localeCompare(b.provider.name, 'zh-CN'),
  package_count: (a, b) => a.count - b.count,
};

function providersOf(datasets: OpenDataset[]): ProviderCount[] {
  const byId = new Map<string, ProviderCount>();
  for (const d of datasets) {
    const found = byId.get(d.provider.id);
    if (found) found.count += 1;
    else byId.set(d.provider.id, { provider: d.provider, count: 1 });
  }
  return [...byId.values()];
}

/** Entry ids the public full-text search finds for `q`, best match first. */
async function searchIds(search: CkanRouteDeps['search'], q: string): Promise<string[]> {
  const result = await search.search('public', { q, page: 1, pageSize: SEARCH_HITS_MAX });
  return result.items.map((hit) => hit.id);
}
