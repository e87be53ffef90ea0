import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requestContext } from '../../org/index.js';
import { localeFrom } from '../../platform/errors/index.js';
import { errorResponses } from '../../platform/http/index.js';
import type { TraceQuery } from '../query.js';
import { sendExport } from './export.js';
import { IdNumber, PageFields, TraceEntrySchema, TraceFilterFields, TracePageSchema } from './schemas.js';

const TAGS = ['audit'];

/** Search, read and export the trace (auditors; the authority within its jurisdiction). */
export const traceRoutes =
  (deps: { trace: TraceQuery }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/audit/entries',
      {
        schema: {
          tags: TAGS,
          summary: '检索审计记录（按权限范围过滤，新的在前） / Search the trace (newest first, within scope)',
          querystring: Type.Object({ ...TraceFilterFields, ...PageFields }, { additionalProperties: false }),
          response: {
            200: TracePageSchema,
            ...errorResponses('AUDIT_TIME_RANGE_INVALID'),
          },
        },
      },
      async (request) => {
        const { before, limit, ...filter } = request.query;
        return deps.trace.search(requestContext(request), filter, { before, limit });
      },
    );

    app.post(
      '/api/v1/audit/entries/search',
      {
        schema: {
          tags: TAGS,
          summary:
            '检索审计记录，可按公民身份号码（号码只在请求体中） / Search the trace, also by a person’s ID number (body only)',
          body: Type.Object(
            { ...TraceFilterFields, ...PageFields, idNumber: Type.Optional(IdNumber) },
            { additionalProperties: false },
          ),
          response: {
            200: TracePageSchema,
            ...errorResponses('AUDIT_TIME_RANGE_INVALID', 'IDENTIFIER_INVALID'),
          },
        },
      },
      async (request) => {
        const { before, limit, ...filter } = request.body;
        return deps.trace.search(requestContext(request), filter, { before, limit }, '/body');
      },
    );

    app.get(
      '/api/v1/audit/entries/:seq',
      {
        schema: {
          tags: TAGS,
          summary: '一条审计记录 / One entry of the trace',
          params: Type.Object({ seq: Type.Integer({ minimum: 1 }) }),
          response: { 200: TraceEntrySchema, ...errorResponses('AUDIT_TRACE_ENTRY_NOT_FOUND') },
        },
      },
      async (request) => deps.trace.entry(requestContext(request), request.params.seq),
    );

    app.get(
      '/api/v1/audit/export',
      {
        schema: {
          tags: TAGS,
          summary:
            '导出审计记录（CSV 带 BOM 或 xlsx，流式；列名随 Accept-Language） / Export the trace (CSV with BOM or xlsx, streamed)',
          querystring: Type.Object(
            {
              format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' }),
              ...TraceFilterFields,
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.String({ description: 'text/csv 或 / or xlsx' }),
            ...errorResponses('AUDIT_TIME_RANGE_INVALID'),
          },
        },
      },
      async (request, reply) => {
        const { format, ...filter } = request.query;
        const entries = await deps.trace.export(requestContext(request), filter, format);
        return sendExport(reply, entries, format, localeFrom(request.headers['accept-language']));
      },
    );
  };
