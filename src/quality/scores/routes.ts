import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { errorResponses, Id, Nullable, strict } from '../../platform/http/index.js';
import type { ScoreService } from './service.js';

const API = '/api/v1/quality/scores';
const tags = ['quality'];
const Share = Nullable(
  Type.Number({
    minimum: 0,
    maximum: 1,
    description: '比例 0–1；无可计量时为 null / share, null when nothing to measure',
  }),
);
const Score = Nullable(Type.Number({ minimum: 0, maximum: 100, description: '评分 0–100 / score' }));
const Words = Type.Object({ zh: Type.String(), en: Type.String() });

const Figures = {
  rows: Type.Integer({ minimum: 0 }),
  completeness: Share,
  validity: Share,
  agreement: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
    description:
      '与数源部门数据的一致性；尚未比对时为 null / agreement with the source of record, null until compared',
  }),
  score: Score,
};

const ResourceScore = Type.Object({
  entry: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
  provider: Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
  ...Figures,
  checkedAt: Type.String({ format: 'date-time' }),
  scannedAt: Nullable(Type.String({ format: 'date-time' })),
});

const ItemMeasure = Type.Object({
  item: Type.String(),
  empty: Type.Integer(),
  invalid: Type.Integer(),
  completeness: Share,
  validity: Share,
  rule: Nullable(Words),
});

const Point = Type.Object({ day: Type.String({ format: 'date' }), ...Figures });

const EntryParams = Type.Object({ entryId: Id }, strict);

/** Quality scores of hosted resources and departments (issue 16; R111 feeds on them). */
export const scoreRoutes =
  (deps: { scores: ScoreService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      API,
      {
        schema: {
          tags,
          summary: '数据质量评分列表（低分在前）/ Quality scores of the resources one may see, lowest first',
          querystring: Type.Object(
            {
              departmentId: Type.Optional(Id),
              page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
              pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
            },
            strict,
          ),
          response: {
            200: Type.Object({ items: Type.Array(ResourceScore), total: Type.Integer() }),
            ...errorResponses(),
          },
        },
      },
      async (request) => deps.scores.list(actorOf(request), request.query),
    );

    app.get(
      `${API}/departments`,
      {
        schema: {
          tags,
          summary: '各部门数据质量评分及趋势 / Each department’s quality score and its trend',
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  department: Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
                  resources: Type.Integer(),
                  rows: Type.Integer(),
                  score: Score,
                  history: Type.Array(Type.Object({ day: Type.String({ format: 'date' }), score: Score })),
                }),
              ),
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) => ({ items: await deps.scores.departments(actorOf(request)) }),
    );

    app.get(
      `${API}/:entryId`,
      {
        schema: {
          tags,
          summary: '单个资源的数据质量评分、各信息项与历史 / One resource’s scores, per item, with history',
          params: EntryParams,
          response: {
            200: Type.Composite([
              ResourceScore,
              Type.Object({ items: Type.Array(ItemMeasure), history: Type.Array(Point) }),
            ]),
            ...errorResponses(),
          },
        },
      },
      async (request) => deps.scores.get(actorOf(request), request.params.entryId),
    );

    app.post(
      `${API}/:entryId/rescan`,
      {
        schema: {
          tags,
          summary: '重新全量检查一个资源 / Read every record of a resource again',
          params: EntryParams,
          response: { 200: ResourceScore, ...errorResponses() },
        },
      },
      async (request) => deps.scores.rescan(requestContext(request), request.params.entryId),
    );
  };
