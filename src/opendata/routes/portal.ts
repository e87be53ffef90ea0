import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditContext } from '../../org/index.js';
import { errorResponses } from '../../platform/http/index.js';
import { OPEN_CONTENT_TYPES, type OpenDownloadFormat, type OpenPortal } from '../portal.js';
import { PUBLIC_RATE_LIMIT } from './dcat.js';

/** Downloads cost more than a page: fewer per address and minute. */
export const DOWNLOAD_RATE_LIMIT = { max: 30, timeWindow: '1 minute' };

const Code = Type.Object({
  classCode: Type.String({ pattern: '^[1-3]\\d{5,12}$' }),
  seq: Type.String({ pattern: '^\\d{6}$' }),
});

const Labelled = Type.Object({ code: Type.String(), label: Type.String() });
const Facet = Type.Object({ code: Type.String(), label: Type.String(), count: Type.Integer() });
const Summary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  summary: Type.String(),
  keywords: Type.Array(Type.String()),
  theme: Labelled,
  provider: Type.Object({ id: Type.String(), name: Type.String() }),
  updateCycle: Labelled,
  modifiedAt: Type.String(),
});
const SearchResult = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(Summary),
  facets: Type.Object({ themes: Type.Array(Facet), providers: Type.Array(Facet) }),
});
const Detail = Type.Composite([
  Summary,
  Type.Object({
    items: Type.Array(
      Type.Object({ name: Type.String(), dataType: Type.String(), length: Type.Optional(Type.Integer()) }),
    ),
    format: Type.String(),
    conditions: Type.Union([Type.String(), Type.Null()]),
    basis: Type.String({ description: '开放依据（中英文）/ basis for opening, zh / en' }),
    basisCode: Type.Union([Type.Literal('provider_consent'), Type.Literal('disclosure_scope')], {
      description: '开放依据代码，页面按语言显示 / the basis as a code, for a page in the reader’s language',
    }),
    licence: Type.String({ description: '使用条件（中英文）/ terms of use, zh / en' }),
    publishDate: Type.Union([Type.String(), Type.Null()]),
    freshness: Type.Object({
      publishedAt: Type.String(),
      dataChangedAt: Type.Union([Type.String(), Type.Null()]),
      updateCycle: Type.String(),
    }),
    rows: Type.Union([Type.Integer(), Type.Null()]),
    downloads: Type.Array(
      Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('ndjson')]), url: Type.String() }),
    ),
    links: Type.Object({ dcat: Type.String(), ckan: Type.String(), page: Type.String() }),
  }),
]);

const Filter = (description: string) => Type.Optional(Type.String({ maxLength: 200, description }));

/**
 * The open data portal's public API (R109, R110): search, browse, dataset detail and downloads.
 * No sign-in; every route is rate-limited per address; only resources that pass the open gate
 * appear, without their personal items.
 */
export const portalRoutes =
  (portal: OpenPortal): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/open/search',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          tags: ['open'],
          summary: '检索开放数据（中文分词、主题和提供部门分面）/ Search open data',
          security: [],
          querystring: Type.Object(
            {
              q: Filter('检索词 / query'),
              theme: Filter('主题（领域或目录类别代码）/ theme'),
              provider: Filter('提供部门 id / provider'),
              page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
              pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: SearchResult, ...errorResponses('OPENDATA_QUERY_INVALID') },
        },
      },
      async (request) => portal.search(request.query),
    );

    app.get(
      '/api/v1/open/resources/:classCode/:seq',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          tags: ['open'],
          summary: '开放数据集详情 / An open dataset',
          security: [],
          params: Code,
          response: { 200: Detail, ...errorResponses('OPENDATA_DATASET_NOT_FOUND') },
        },
      },
      async (request) => portal.detail(`${request.params.classCode}/${request.params.seq}`),
    );

    for (const format of ['csv', 'ndjson'] as OpenDownloadFormat[])
      app.get(
        `/api/v1/open/resources/:classCode/:seq/data.${format}`,
        {
          config: { public: true, rateLimit: DOWNLOAD_RATE_LIMIT },
          schema: {
            tags: ['open'],
            summary:
              format === 'csv'
                ? '下载开放数据（CSV，UTF-8 带 BOM）/ Download open data (CSV)'
                : '下载开放数据（NDJSON）/ Download open data (NDJSON)',
            security: [],
            params: Code,
            produces: [OPEN_CONTENT_TYPES[format].split(';')[0] ?? ''],
            response: {
              200: Type.String({ format: 'binary', description: `${format} 文件 / ${format} file` }),
              ...errorResponses('OPENDATA_DATASET_NOT_FOUND', 'OPENDATA_NOT_DOWNLOADABLE'),
            },
          },
        },
        async (request, reply) => {
          const code = `${request.params.classCode}/${request.params.seq}`;
          const { fileName, stream } = await portal.download(auditContext(request), code, format);
          return reply
            .header('content-type', OPEN_CONTENT_TYPES[format])
            .header('cache-control', 'no-store')
            .header('content-disposition', `attachment; filename="${fileName}"`)
            .send(stream as unknown as string);
        },
      );
  };
