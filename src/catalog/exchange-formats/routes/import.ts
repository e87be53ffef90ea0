import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContext, authorize, isAllowed } from '../../../org/index.js';
import type { RequestContext } from '../../../platform/context/index.js';
import { AppError, CommonErrors, localeFrom } from '../../../platform/errors/index.js';
import { errorResponses } from '../../../platform/http/index.js';
import { CatalogActions } from '../../policies.js';
import { errorReportXlsx } from '../error-report.js';
import { CatalogFormatErrors } from '../errors.js';
import type { CatalogImporter, ImportOutcome, ImportProgress } from '../import.js';
import { renderProblem } from '../problems.js';
import type { SourceKind } from '../read.js';
import type { ImportReportStore } from '../report-store.js';
import { templateXlsx } from '../template.js';
import { attachment, XLSX_TYPE, XlsxFile } from './files.js';

export interface ImportRouteDeps {
  importer: CatalogImporter;
  reports: ImportReportStore;
  /** Largest import file accepted, in bytes. */
  limitBytes: number;
}

const NDJSON = 'application/x-ndjson';
const TYPES: Record<string, SourceKind> = { [XLSX_TYPE]: 'xlsx', 'text/csv': 'csv' };

const ImportErrorSchema = Type.Object({
  sheet: Type.String({ description: '工作表名（CSV 为 "CSV"）/ sheet name ("CSV" for a CSV file)' }),
  row: Type.Integer({ description: '行号（表头为第 1 行）/ row number (the header is row 1)' }),
  column: Type.Union([Type.String(), Type.Null()], { description: '列字母 / column letter' }),
  header: Type.Union([Type.String(), Type.Null()], { description: '列表头 / column header' }),
  field: Type.Union([Type.String(), Type.Null()], { description: '目录条目字段，如 items[2].dataType' }),
  code: Type.String({ description: '错误代码 / error code' }),
  message: Type.String(),
});

/** A file imported: what the API answers (and the portal reads). */
export const CreatedSchema = Type.Object({
  created: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
  count: Type.Integer(),
  items: Type.Integer({ description: '导入的信息项数 / information items imported' }),
});

/** A file refused: what the API answers (and the portal reads). */
export const RejectedSchema = Type.Object(
  {
    error: Type.Object({ code: Type.String(), message: Type.String(), requestId: Type.String() }),
    id: Type.String({ description: '错误报告编号 / error report id (GET …/import/{id}/errors.xlsx)' }),
    errors: Type.Array(ImportErrorSchema),
  },
  { description: 'CATALOG_IMPORT_REJECTED: 有错误，未导入任何条目 / errors found, nothing imported' },
);

function requestContext(request: FastifyRequest): RequestContext {
  return { ...auditContext(request), actor: actorOf(request) };
}

/** The answer to an import as status and body, the same for JSON and for the progress stream's last line. */
type Answer =
  | { status: 201; body: Static<typeof CreatedSchema> }
  | { status: 422; body: Static<typeof RejectedSchema> };

function answer(outcome: ImportOutcome, request: FastifyRequest): Answer {
  const locale = localeFrom(request.headers['accept-language']);
  if (outcome.ok)
    return {
      status: 201,
      body: { created: outcome.created, count: outcome.created.length, items: outcome.items },
    };
  const error = CatalogFormatErrors.error('CATALOG_IMPORT_REJECTED', { count: outcome.problems.length });
  return {
    status: 422,
    body: {
      error: { code: error.code, message: error.localized(locale), requestId: request.id },
      id: outcome.reportId,
      errors: outcome.problems.map((p) => renderProblem(p, locale)),
    },
  };
}

/**
 * Import of the filing template: the template download, the upload (raw xlsx or CSV body; with
 * `Accept: application/x-ndjson` the answer streams progress lines before the result), and the
 * error report of a refused upload.
 */
export const catalogImportRoutes =
  (deps: ImportRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Raw file bodies, for these routes only (this plugin's scope).
    app.addContentTypeParser(
      Object.keys(TYPES),
      { parseAs: 'buffer', bodyLimit: deps.limitBytes },
      (_request, body, done) => done(null, body),
    );
    let template: Promise<Buffer> | undefined;

    app.get(
      '/api/v1/catalog/import/template.xlsx',
      {
        schema: {
          tags: ['catalog'],
          summary: '下载目录编制/报送模板 / Download the filing template (xlsx)',
          produces: [XLSX_TYPE],
          response: { 200: XlsxFile, ...errorResponses() },
        },
      },
      async (request, reply) => {
        authorize(actorOf(request), CatalogActions['catalog.read']);
        template ??= templateXlsx();
        return attachment(reply, '政务信息资源目录编制报送模板.xlsx', XLSX_TYPE).send(await template);
      },
    );

    app.post(
      '/api/v1/catalog/import',
      {
        bodyLimit: deps.limitBytes,
        schema: {
          tags: ['catalog'],
          summary: '导入目录（xlsx 或 CSV 原始文件体）/ Import a catalog (raw xlsx or CSV body)',
          description:
            '请求体为文件本身，Content-Type 为 xlsx 或 text/csv（UTF-8）。任何一行有错误则不导入任何条目，返回 422 及逐条错误和错误报告编号；全部正确则在一个事务中创建全部草稿并返回 201。' +
            '请求头 Accept: application/x-ndjson 时以 NDJSON 流式返回进度行 {"type":"progress",…}，最后一行 {"type":"result","status",…,"body"}。',
          consumes: Object.keys(TYPES),
          querystring: Type.Object(
            {
              providerDepartmentId: Type.Optional(
                Type.String({ minLength: 1, maxLength: 64, description: '提供部门（默认本人所在部门）' }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            201: CreatedSchema,
            422: RejectedSchema,
            ...errorResponses(
              'ORG_DEPARTMENT_NOT_FOUND',
              'CATALOG_IMPORT_UNREADABLE',
              'BODY_TOO_LARGE',
              'UNSUPPORTED_MEDIA_TYPE',
            ),
          },
        },
      },
      async (request, reply) => {
        const rc = requestContext(request);
        const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        const kind = TYPES[mediaType];
        if (!kind || !Buffer.isBuffer(request.body))
          throw CommonErrors.error('UNSUPPORTED_MEDIA_TYPE', {
            contentType: request.headers['content-type'] ?? '',
          });
        const file = { data: request.body, kind };
        const provider = await deps.importer.provider(rc, request.query.providerDepartmentId);
        if (!(request.headers.accept ?? '').includes(NDJSON)) {
          const result = answer(await deps.importer.run(rc, provider, file), request);
          return result.status === 201
            ? reply.status(201).send(result.body)
            : reply.status(422).send(result.body);
        }
        return streamProgress(reply, request, (onProgress) =>
          deps.importer.run(rc, provider, file, onProgress),
        );
      },
    );

    app.get(
      '/api/v1/catalog/import/:id/errors.xlsx',
      {
        schema: {
          tags: ['catalog'],
          summary: '下载导入错误报告 / Download an import error report (xlsx)',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
          produces: [XLSX_TYPE],
          response: { 200: XlsxFile, ...errorResponses('CATALOG_IMPORT_REPORT_NOT_FOUND') },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { report, upload } = await deps.reports.load(request.params.id);
        const mayRead =
          report.actorId === actor.id ||
          isAllowed(actor, CatalogActions['catalog.manage'], {
            departmentId: report.providerDepartmentId,
            jurisdictionPath: report.providerJurisdictionPath,
          });
        // Someone else's report does not exist for the reader.
        if (!mayRead)
          throw CatalogFormatErrors.error('CATALOG_IMPORT_REPORT_NOT_FOUND', { id: request.params.id });
        const locale = localeFrom(request.headers['accept-language']);
        const body = await errorReportXlsx(upload, report.kind, report.problems, locale);
        return attachment(reply, `导入错误报告-${report.id}.xlsx`, XLSX_TYPE).send(body);
      },
    );
  };

/**
 * Runs the import while streaming one JSON line per progress step; the last line carries the
 * status and body the plain JSON answer would have had. The HTTP status is 200 once streaming
 * has begun, so a client reads the outcome from that last line.
 */
function streamProgress(
  reply: FastifyReply,
  request: FastifyRequest,
  work: (onProgress: (progress: ImportProgress) => void) => Promise<ImportOutcome>,
): FastifyReply {
  const stream = new PassThrough();
  const line = (value: unknown) => stream.write(`${JSON.stringify(value)}\n`);
  reply.header('content-type', `${NDJSON}; charset=utf-8`).header('cache-control', 'no-store');
  work((progress) => line({ type: 'progress', ...progress }))
    .then((outcome) => line({ type: 'result', ...answer(outcome, request) }))
    .catch((error: unknown) => {
      const locale = localeFrom(request.headers['accept-language']);
      const appError =
        error instanceof AppError ? error : CommonErrors.error('INTERNAL', { requestId: request.id });
      if (!(error instanceof AppError)) request.log.error({ err: error }, 'catalog import failed');
      line({
        type: 'result',
        status: appError.status,
        body: { error: { code: appError.code, message: appError.localized(locale), requestId: request.id } },
      });
    })
    .finally(() => stream.end());
  return reply.send(stream);
}
