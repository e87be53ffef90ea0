import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../org/index.js';
import { literals } from '../../platform/http/index.js';
import type { EditionService } from '../editions.js';
import { SHARE_TYPES } from '../model.js';
import { catalogErrorResponses, ProviderSchema } from './schemas.js';

const Summary = Type.Object({
  edition: Type.Integer(),
  compiledAt: Type.String(),
  compiledBy: Type.String(),
  entryCount: Type.Integer(),
  digest: Type.String({ description: 'SM3 或 SHA-256 摘要 / digest of the entries' }),
});

const EditionSchema = Type.Composite([
  Summary,
  Type.Object({
    digestValid: Type.Boolean(),
    entries: Type.Array(
      Type.Object({
        entryId: Type.String(),
        code: Type.String(),
        version: Type.Integer(),
        name: Type.String(),
        provider: ProviderSchema,
        shareType: literals(SHARE_TYPES, '共享类型 / share type'),
        publishDate: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  }),
]);

const tags = ['catalog'];

/** Editions of the shared catalog (共享目录, R08). */
export const editionRoutes =
  (deps: { editions: EditionService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/api/v1/catalog/editions',
      {
        schema: {
          tags,
          summary: '编制新一版共享目录 / Compile a new shared catalog edition',
          response: { 201: EditionSchema, ...catalogErrorResponses() },
        },
      },
      async (request, reply) => reply.status(201).send(await deps.editions.compile(requestContext(request))),
    );

    app.get(
      '/api/v1/catalog/editions',
      {
        schema: {
          tags,
          summary: '共享目录各版 / Shared catalog editions',
          response: { 200: Type.Array(Summary), ...catalogErrorResponses() },
        },
      },
      async (request) => deps.editions.list(actorOf(request)),
    );

    app.get(
      '/api/v1/catalog/editions/:edition',
      {
        schema: {
          tags,
          summary: '某版共享目录 / One edition',
          params: Type.Object({ edition: Type.Integer({ minimum: 1 }) }),
          response: { 200: EditionSchema, ...catalogErrorResponses('CATALOG_EDITION_NOT_FOUND') },
        },
      },
      async (request) => deps.editions.get(actorOf(request), request.params.edition),
    );
  };
