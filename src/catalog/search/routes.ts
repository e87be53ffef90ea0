import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from '@sinclair/typebox';
import { actorOf } from '../../org/index.js';
import { errorResponses } from '../../platform/http/index.js';
import {
  BASE_AREAS,
  CATALOG_CLASSES,
  ENTRY_STATUSES,
  FORMAT_CATEGORIES,
  SHARE_TYPES,
  THEME_AREAS,
  UPDATE_CYCLES,
} from '../model.js';
import { FACETS } from './facets.js';
import type { CatalogSearch } from './query.js';

const oneOf = (values: readonly string[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );
const AREAS = [...new Set([...Object.keys(BASE_AREAS), ...Object.keys(THEME_AREAS)])];
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: '检索词 / search words' })),
    catalogClass: Type.Optional(oneOf(CATALOG_CLASSES, '目录类别 / catalog class')),
    area: Type.Optional(oneOf(AREAS, '基础或主题领域 / base or theme area')),
    providerDepartmentId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    shareType: Type.Optional(oneOf(SHARE_TYPES, '共享类型 / share type')),
    formatCategory: Type.Optional(oneOf(FORMAT_CATEGORIES, '资源格式 / format category')),
    updateCycle: Type.Optional(oneOf(UPDATE_CYCLES, '更新周期 / update cycle')),
    openToPublic: Type.Optional(Type.Boolean({ description: '是否向社会开放 / open to the public' })),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

const Highlighted = Type.String({
  description: '匹配处以 <mark> 标注，其余已做 HTML 转义 / matches in <mark>, rest escaped',
});

const SearchHitSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  status: oneOf(ENTRY_STATUSES, '状态 / status'),
  catalogClass: oneOf(CATALOG_CLASSES, '目录类别 / catalog class'),
  area: Nullable(Type.String()),
  shareType: oneOf(SHARE_TYPES, '共享类型 / share type'),
  formatCategory: Type.String(),
  updateCycle: Type.String(),
  openToPublic: Type.Boolean(),
  classified: Type.Boolean(),
  provider: Type.Object({ id: Type.String(), name: Type.String(), code: Type.String() }),
  currentVersion: Type.Integer(),
  publishedVersion: Nullable(Type.Integer()),
  publishDate: Nullable(Type.String()),
  updatedAt: Type.String(),
  summary: Type.String(),
  keywords: Type.Array(Type.String()),
  highlights: Type.Object({
    name: Type.Optional(Highlighted),
    summary: Type.Optional(Highlighted),
    keywords: Type.Optional(Type.Array(Highlighted)),
    items: Type.Optional(Type.Array(Highlighted)),
  }),
});

const FacetValues = Type.Array(
  Type.Object({ value: Type.String(), label: Type.Optional(Type.String()), count: Type.Integer() }),
);

export const SearchResultSchema = Type.Object({
  items: Type.Array(SearchHitSchema),
  total: Type.Integer(),
  facets: Type.Object(
    Object.fromEntries(FACETS.map((f) => [f, FacetValues])) as Record<
      (typeof FACETS)[number],
      typeof FacetValues
    >,
  ),
});

/** `GET /api/v1/catalog/search`: full-text search with facets over what the reader may see. */
export const catalogSearchRoutes =
  (deps: { search: CatalogSearch }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/catalog/search',
      {
        schema: {
          tags: ['catalog'],
          summary: '资源目录检索（中文分词、分面统计、高亮） / Catalog search with facets and highlights',
          description:
            '按检索词（全部词须命中，最后一个词可前缀匹配）和分面筛选；结果与分面计数只含读者可见的条目；无检索词时按发布日期倒序。' +
            ' / All words must match (the last may be a prefix); results and facet counts hold only entries the reader may see; without q, newest publication first.',
          querystring: SearchQuery,
          response: { 200: SearchResultSchema, ...errorResponses() },
        },
      },
      async (request) => deps.search.search(actorOf(request), request.query),
    );
  };
