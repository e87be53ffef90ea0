import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { actorOf, auditContext } from '../../../org/index.js';
import { errorResponses } from '../../../platform/http/index.js';
import type { CatalogExporter, ExportFile } from '../export.js';
import { attachment, ExportFileSchema, XLSX_TYPE } from './files.js';

const Format = Type.Object(
  {
    format: Type.Optional(
      Type.Union([Type.Literal('xlsx'), Type.Literal('json')], {
        default: 'xlsx',
        description:
          'xlsx（报送模板格式，可再导入）或 json / xlsx (the filing template, re-importable) or json',
      }),
    ),
  },
  { additionalProperties: false },
);

function send(reply: FastifyReply, file: ExportFile): FastifyReply {
  return attachment(reply, file.fileName, file.contentType).send(
    Buffer.isBuffer(file.body) ? file.body : JSON.stringify(file.body),
  );
}

/** Export of a department's resource catalog and of a shared catalog edition. */
export const catalogExportRoutes =
  (deps: { exporter: CatalogExporter }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/catalog/export/department/:id',
      {
        schema: {
          tags: ['catalog'],
          summary: '导出部门信息资源目录 / Export a department resource catalog',
          description: '有权查看未发布内容者得到各条目的最新版本，其他人只得到已发布版本；已撤销条目不导出。',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
          querystring: Format,
          produces: [XLSX_TYPE, 'application/json'],
          response: { 200: ExportFileSchema, ...errorResponses('ORG_DEPARTMENT_NOT_FOUND') },
        },
      },
      async (request, reply) => {
        const rc = { ...auditContext(request), actor: actorOf(request) };
        return send(
          reply,
          await deps.exporter.department(rc, request.params.id, request.query.format ?? 'xlsx'),
        );
      },
    );

    app.get(
      '/api/v1/catalog/editions/:edition/export',
      {
        schema: {
          tags: ['catalog'],
          summary: '导出共享目录版本 / Export a shared catalog edition',
          params: Type.Object({ edition: Type.Integer({ minimum: 1 }) }),
          querystring: Format,
          produces: [XLSX_TYPE, 'application/json'],
          response: { 200: ExportFileSchema, ...errorResponses('CATALOG_EXPORT_EDITION_NOT_FOUND') },
        },
      },
      async (request, reply) => {
        const rc = { ...auditContext(request), actor: actorOf(request) };
        return send(
          reply,
          await deps.exporter.edition(rc, request.params.edition, request.query.format ?? 'xlsx'),
        );
      },
    );
  };
