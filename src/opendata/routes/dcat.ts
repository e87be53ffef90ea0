import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

import { errorResponses } from '../../platform/http/index.js';
import { type CatalogPublisher, catalogDocument, datasetDocument } from '../dcat.js';
import { OpendataErrors } from '../errors.js';
import type { OpenCatalog } from '../open-catalog.js';
import type { OpenRowsSource } from '../rows.js';

export const JSON_LD = 'application/ld+json';

/** Public routes answer anonymous callers; a limit per address keeps harvesters polite. */
export const PUBLIC_RATE_LIMIT = { max: 300, timeWindow: '1 minute' };

const JsonLd = Type.Object(
  { '@context': Type.Optional(Type.Unknown()), '@id': Type.String(), '@type': Type.String() },
  { additionalProperties: true, description: 'JSON-LD (DCAT-AP 3)' },
);

/**
 * The open catalog as DCAT JSON-LD (R109): the whole catalog and each dataset at its own IRI.
 * Public, and it shows only published, non-classified resources open to the public.
 */
export const dcatRoutes =
  (deps: {
    open: OpenCatalog;
    rows: OpenRowsSource;
    publicUrl: string;
    publisher: CatalogPublisher;
  }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/open/catalog.jsonld',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          tags: ['open'],
          summary: '开放目录（DCAT JSON-LD）/ Open catalog as DCAT (JSON-LD)',
          security: [],
          produces: [JSON_LD],
          response: { 200: JsonLd, ...errorResponses() },
        },
      },
      async (_request, reply) => {
        const datasets = await deps.open.list();
        const hosted = new Set<string>();
        for (const d of datasets) if (await deps.rows.hosted(d.id)) hosted.add(d.id);
        return reply.type(JSON_LD).send(catalogDocument(deps.publicUrl, deps.publisher, datasets, hosted));
      },
    );

    app.get(
      '/api/v1/open/datasets/:classCode/:seq',
      {
        config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
        schema: {
          tags: ['open'],
          summary: '开放目录中的一项信息资源（DCAT JSON-LD）/ One open dataset (DCAT JSON-LD)',
          security: [],
          params: Type.Object({
            classCode: Type.String({ pattern: '^[1-3]\\d{5,12}$' }),
            seq: Type.String({ pattern: '^\\d{6}$' }),
          }),
          produces: [JSON_LD],
          response: { 200: JsonLd, ...errorResponses('OPENDATA_DATASET_NOT_FOUND') },
        },
      },
      async (request, reply) => {
        const code = `${request.params.classCode}/${request.params.seq}`;
        const dataset = await deps.open.find(code);
        if (!dataset || dataset.code !== code)
          throw OpendataErrors.error('OPENDATA_DATASET_NOT_FOUND', { code });
        const hosted = (await deps.rows.hosted(dataset.id)) !== undefined;
        return reply.type(JSON_LD).send(datasetDocument(deps.publicUrl, deps.publisher, dataset, hosted));
      },
    );
  };
