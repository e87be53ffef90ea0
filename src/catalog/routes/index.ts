import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../org/index.js';
import { localeFrom } from '../../platform/errors/index.js';
import { toAppError } from '../../platform/http/index.js';
import type { CatalogService } from '../service.js';
import { catalogVocabulary } from '../vocabulary.js';
import { entryRoutes } from './entries.js';
import { preparationRoutes } from './preparation.js';
import { catalogErrorResponses } from './schemas.js';

export interface CatalogRoutesDeps {
  catalog: CatalogService;
  /** Further catalog route plugins (obligations, editions) that share the catalog's error answers. */
  more?: FastifyPluginAsyncTypebox[];
}

const Item = Type.Object({
  value: Type.String(),
  label: Type.Object({ zh: Type.String(), en: Type.String() }),
  code: Type.Optional(Type.String()),
});

/**
 * The catalog API under `/api/v1/catalog`. Its errors are the platform's, except that a refused
 * submission also carries every validation issue, so that the editor can show them all at once.
 */
export const catalogRoutes =
  (deps: CatalogRoutesDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const appError = toAppError(error, request);
      if (appError.status >= 500) request.log.error({ err: error, requestId: request.id }, 'request failed');
      const locale = localeFrom(request.headers['accept-language']);
      const { issues, rows } = appError.params;
      return reply
        .status(appError.status)
        .header('content-language', locale)
        .send({
          error: {
            code: appError.code,
            message: appError.localized(locale),
            ...(appError.field ? { field: appError.field } : {}),
            requestId: request.id,
            ...(Array.isArray(issues) ? { issues } : {}),
            ...(Array.isArray(rows) ? { rows } : {}),
          },
        });
    });

    app.get(
      '/api/v1/catalog/vocabulary',
      {
        schema: {
          tags: ['catalog'],
          summary: '目录代码表（按本辖区配置）/ Catalog code lists under this profile',
          response: {
            200: Type.Object({
              catalogClasses: Type.Array(Item),
              baseAreas: Type.Array(Item),
              themeAreas: Type.Array(Item),
              formatCategories: Type.Array(Item),
              updateCycles: Type.Array(Item),
              dataTypes: Type.Array(Item),
              shareTypes: Type.Array(Item),
              shareMethods: Type.Array(Item),
              legalBasisKinds: Type.Array(Item),
              keyKinds: Type.Array(Item),
              dataClasses: Type.Array(Item),
              generalLevels: Type.Array(Item),
              gradingRequired: Type.Boolean(),
              documentationRequired: Type.Boolean(),
              documentationArticle: Type.String(),
              legalBasisRequiredFor: Type.Array(Type.String()),
              legalBasisArticle: Type.String(),
              networkZone: Type.Union([Type.Literal('external'), Type.Literal('internal')]),
            }),
            ...catalogErrorResponses(),
          },
        },
      },
      async (request) => {
        actorOf(request);
        return catalogVocabulary(deps.catalog.profile, deps.catalog.networkZone);
      },
    );

    await app.register(entryRoutes(deps));
    await app.register(preparationRoutes(deps));
    for (const plugin of deps.more ?? []) await app.register(plugin);
  };
