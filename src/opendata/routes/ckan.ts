import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogSearch } from '../../catalog/index.js';
import { localeFrom } from '../../platform/errors/index.js';
import { toAppError } from '../../platform/http/index.js';
import { ckanFailure, ckanSuccess, organizationDict, organizationName, packageDict } from '../ckan.js';
import { applyFilters, CkanQueryError, parseFilterQuery, sortDatasets, sqlFilterOf } from '../ckan-query.js';
import type { OpenCatalog, OpenDataset, OpenProvider } from '../open-catalog.js';
import { PUBLIC_RATE_LIMIT } from './dcat.js';

export interface CkanRouteDeps {
  open: OpenCatalog;
  /** The catalog's full-text search, asked as the public reader for `q`. */
  search: Pick<CatalogSearch, 'search'>;
  publicUrl: string;
}

const ROWS_MAX = 1000;
/** The most full-text hits a `q` is narrowed to before filters, sorting and paging. */
const SEARCH_HITS_MAX = 10_000;

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

    app.get(
      '/api/3/action/package_search',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          ...common('CKAN package_search（开放目录检索）'),
          querystring: Type.Object(
            {
              q: Text('全文检索（中文分词）/ full-text query'),
              fq: Text('过滤：organization:, tags:, res_format:, metadata_modified:[a TO b] …'),
              sort: Text('如 metadata_modified desc'),
              rows: Type.Optional(Type.Integer({ minimum: 0, maximum: ROWS_MAX, default: 10 })),
              start: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
            },
            // Harvesters send CKAN parameters we have no use for (facet.field, include_private…).
            { additionalProperties: true },
          ),
        },
      },
      async (request) => {
        const query = request.query as {
          q?: string;
          fq?: string;
          sort?: string;
          rows?: number;
          start?: number;
        };
        const clauses = parseFilterQuery(query.fq ?? '');
        const text = (query.q ?? '').trim();
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
          query.sort?.trim() || (ids ? 'score desc, metadata_modified desc' : 'metadata_modified desc');
        datasets = sortDatasets(datasets, sort);
        const start = query.start ?? 0;
        const rows = query.rows ?? 10;
        return ckanSuccess(deps.publicUrl, 'package_search', {
          count: datasets.length,
          sort,
          facets: {},
          search_facets: {},
          results: datasets.slice(start, start + rows).map((d) => packageDict(deps.publicUrl, d)),
        });
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
        return ckanSuccess(deps.publicUrl, 'package_show', packageDict(deps.publicUrl, dataset));
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
