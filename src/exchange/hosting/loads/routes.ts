import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf, requestContext } from '../../../org/index.js';
import {
  CharsetRefused,
  charsetOfContentType,
  declaredCharset,
  type TextCharset,
} from '../../../platform/charset/index.js';
import { AppError, CommonErrors, localeFrom } from '../../../platform/errors/index.js';
import type { ExchangeDeps } from '../../index.js';
import { EntryPageQuery, pageOf, tags } from '../../schemas.js';
import { HostingErrors } from '../errors.js';
import { BATCH_MODES, LOAD_FORMATS } from '../schema.js';
import { EntryParams, hostingErrors, Id, LoadViewSchema, literals, strict } from '../schemas.js';
import type { HostingService } from '../service.js';
import type { LoadProgress } from './service.js';

const API = '/api/v1/exchange';

/** The media types an upload may be sent as; the format comes from `?format=`. */
const RAW_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

/**
 * The charset a CSV upload declares (`text/csv; charset=gbk`); NDJSON is UTF-8 by definition and
 * xlsx has no charset. One the platform cannot read is refused before the upload is received.
 */
function declaredOf(contentType: string | undefined, format: string): TextCharset | undefined {
  if (format !== 'csv') return undefined;
  try {
    return declaredCharset(charsetOfContentType(contentType));
  } catch (error) {
    if (!(error instanceof CharsetRefused)) throw error;
    throw HostingErrors.error('EXCHANGE_UPLOAD_ENCODING', { reason: error.reason });
  }
}

/** How often the stream tells the uploader how many bytes arrived. */
const UPLOAD_PROGRESS_MS = 200;

const PROGRESS_DESCRIPTION =
  'NDJSON 进度流：{"type":"progress","loadId":id,"phase":"upload|check|apply","rows":n,"bytes":b,"totalBytes":t,"encoding":"utf-8|gb18030","encodingSource":"declared|detected"} …（第一行立即发出；CSV 的编码一经确定即随进度给出），最后一行为 {"type":"done","load":…,"rejected":[…]} 或 {"type":"failed","load":…,"error":{"code","message"},"rejected":[…]}。/ ' +
  'NDJSON progress stream, the first line at once, each naming the load; the last line is {"type":"done",…} or {"type":"failed",…}. A load whose connection or process is lost ends `interrupted`.';

/**
 * Writes an upload to its spool file, counting its bytes. Past the limit it stops reading and
 * rejects with EXCHANGE_UPLOAD_TOO_LARGE, leaving the request paused: the caller answers, then
 * drops the connection.
 */
function spool(body: Readable, path: string, limit: number, onBytes: (bytes: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(path);
    let bytes = 0;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      body.off('data', onData);
      body.pause();
      file.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) return fail(HostingErrors.error('EXCHANGE_UPLOAD_TOO_LARGE', { limit }));
      onBytes(bytes);
      if (!file.write(chunk)) {
        body.pause();
        file.once('drain', () => body.resume());
      }
    };
    body.on('data', onData);
    body.once('end', () => {
      if (!failed) file.end();
    });
    body.once('error', fail);
    file.once('error', fail);
    file.once('finish', () => {
      if (!failed) resolve();
    });
  });
}

/** Uploads: a file streamed in, checked and written with an NDJSON progress stream; their history. */
export const loadRoutes =
  (deps: ExchangeDeps & { hosting: HostingService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { loads } = deps.hosting;
    const limit = deps.config.uploadLimitBytes;
    // The body stays a stream: the route reads it (with its own size limit) after authentication.
    app.addContentTypeParser(RAW_TYPES, (_request, payload, done) => done(null, payload));

    app.post(
      `${API}/resources/:entryId/loads`,
      {
        schema: {
          tags,
          summary: '上传数据文件（CSV / xlsx / NDJSON，首行为信息项名称）/ Upload a file of records',
          description:
            'CSV 与 xlsx（第一个工作表）首行为信息项名称；CSV 可为 UTF-8（可带 BOM）或 GB18030（含 GBK，即 Excel 中文版另存的 CSV），以 Content-Type 的 charset 声明（如 text/csv; charset=gbk），未声明时由平台识别，所用编码见结果的 encoding；NDJSON 每行一个以信息项名称为键的对象。all_or_nothing（默认）下任一行有误则不写入任何数据；keep_good 写入正确的行，有误的行可在 /loads/{id}/rejects 下载。' +
            PROGRESS_DESCRIPTION,
          params: EntryParams,
          querystring: Type.Object(
            {
              format: literals(LOAD_FORMATS, '文件格式 / file format'),
              mode: Type.Optional(literals(BATCH_MODES, '模式 / mode')),
            },
            strict,
          ),
          response: {
            200: Type.Unsafe<Readable>({ type: 'string', description: PROGRESS_DESCRIPTION }),
            ...hostingErrors(
              'EXCHANGE_NOT_HOSTED',
              'EXCHANGE_RESOURCE_SUSPENDED',
              'EXCHANGE_UPLOAD_TOO_LARGE',
              'EXCHANGE_UPLOAD_ENCODING',
              'UNSUPPORTED_MEDIA_TYPE',
            ),
          },
        },
      },
      async (request, reply) => {
        const body = request.body as unknown;
        if (!body || typeof (body as Readable).pipe !== 'function')
          throw CommonErrors.error('UNSUPPORTED_MEDIA_TYPE', {
            contentType: request.headers['content-type'] ?? '',
          });
        const length = Number(request.headers['content-length']);
        const totalBytes = Number.isFinite(length) && length >= 0 ? length : null;
        if (totalBytes !== null && totalBytes > limit)
          throw HostingErrors.error('EXCHANGE_UPLOAD_TOO_LARGE', { limit });
        const ctx = requestContext(request);
        const { format, mode = 'all_or_nothing' } = request.query;
        const charset = declaredOf(request.headers['content-type'], format);
        const load = await loads.start(ctx, request.params.entryId, { format, mode, totalBytes, charset });
        const locale = localeFrom(request.headers['accept-language']);
        const out = new PassThrough();
        const line = (value: unknown) => out.write(`${JSON.stringify(value)}\n`);
        // Each progress line names the load, the first at once: a client whose connection drops
        // can still say which load to look up and retry.
        const progress = (p: LoadProgress) => line({ type: 'progress', loadId: load.id, ...p });
        progress({ phase: 'upload', rows: 0, bytes: 0, totalBytes });
        void (async () => {
          const path = loads.spoolPath(load);
          try {
            let last = 0;
            await spool(body as Readable, path, limit, (bytes) => {
              loads.beat(load.id, { rows: 0, bytes });
              const now = Date.now();
              if (now - last < UPLOAD_PROGRESS_MS) return;
              last = now;
              progress({ phase: 'upload', rows: 0, bytes, totalBytes });
            });
            const outcome = await loads.process(ctx, load, path, progress);
            const { load: view, rejected } = outcome;
            const rejectedAll = HostingErrors.error('EXCHANGE_BATCH_REJECTED', { count: view.rejected });
            const error =
              view.status === 'rejected'
                ? { code: rejectedAll.code, message: rejectedAll.localized(locale) }
                : view.status === 'failed'
                  ? { code: (view.error ?? 'INTERNAL').split(':')[0], message: view.error ?? '' }
                  : undefined;
            line({ type: error ? 'failed' : 'done', load: view, ...(error ? { error } : {}), rejected });
          } catch (error) {
            request.log.warn({ err: error, loadId: load.id }, 'upload failed');
            const view = await loads.fail(ctx, load, error).catch(() => undefined);
            const appError =
              error instanceof AppError ? error : CommonErrors.error('INTERNAL', { requestId: request.id });
            line({
              type: 'failed',
              ...(view ? { load: view } : {}),
              error: { code: appError.code, message: appError.localized(locale) },
              rejected: [],
            });
            // What is left of an oversized or broken upload is not read: the connection goes.
            reply.raw.once('finish', () => (body as Readable).destroy());
          } finally {
            rmSync(path, { force: true });
            out.end();
          }
        })();
        return reply.type('application/x-ndjson; charset=utf-8').send(out);
      },
    );

    app.get(
      `${API}/loads`,
      {
        schema: {
          tags,
          summary: '数据上传记录（某资源的，或本部门的）/ Upload history',
          querystring: EntryPageQuery,
          response: {
            200: pageOf(LoadViewSchema),
            ...hostingErrors('EXCHANGE_NOT_HOSTED'),
          },
        },
      },
      async (request) => loads.list(actorOf(request), request.query),
    );

    app.get(
      `${API}/loads/:id`,
      {
        schema: {
          tags,
          summary: '一次数据上传 / One upload',
          params: Type.Object({ id: Id }, strict),
          response: { 200: LoadViewSchema, ...hostingErrors('EXCHANGE_LOAD_NOT_FOUND') },
        },
      },
      async (request) => loads.get(actorOf(request), request.params.id),
    );

    app.get(
      `${API}/loads/:id/rejects`,
      {
        schema: {
          tags,
          summary: '下载被拒绝的记录（CSV：行号、信息项、问题、说明、原值）/ The rejected rows (CSV)',
          produces: ['text/csv'],
          params: Type.Object({ id: Id }, strict),
          response: {
            200: Type.Unsafe<Readable>({
              type: 'string',
              description: 'row,item,problem,detail,<原值 / original values>',
            }),
            ...hostingErrors('EXCHANGE_LOAD_NOT_FOUND', 'EXCHANGE_LOAD_NO_REJECTS'),
          },
        },
      },
      async (request, reply) => {
        const file = await loads.rejectFile(actorOf(request), request.params.id);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file.name}"`)
          .send(createReadStream(file.path));
      },
    );
  };
