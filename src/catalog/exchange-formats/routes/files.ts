import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file download in OpenAPI (the body is sent as it is, never serialized). */
export const XlsxFile = Type.String({ format: 'binary', description: 'xlsx 文件 / xlsx file' });
export const ExportFileSchema = Type.String({
  format: 'binary',
  description: 'xlsx（报送模板格式）或 JSON 文件 / xlsx (filing template layout) or JSON file',
});

/**
 * Marks a reply as a download. The Chinese file name goes in `filename*` (RFC 6266); `filename`
 * carries an ASCII stand-in for clients that read only that.
 */
export function attachment(reply: FastifyReply, fileName: string, contentType: string): FastifyReply {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', contentType)
    .header('cache-control', 'no-store')
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
}
