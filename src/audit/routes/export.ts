import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Locale } from '../../platform/errors/index.js';
import type { TraceEntry } from '../query.js';

type Cell = string | number | null;

/** The export's columns, with headers in both languages. */
const COLUMNS: { key: string; zh: string; en: string; width: number; value: (e: TraceEntry) => Cell }[] = [
  { key: 'seq', zh: '序号', en: 'Seq', width: 10, value: (e) => e.seq },
  { key: 'at', zh: '时间', en: 'Time', width: 26, value: (e) => e.at },
  { key: 'category', zh: '类别', en: 'Category', width: 10, value: (e) => e.category },
  { key: 'action', zh: '操作', en: 'Action', width: 22, value: (e) => e.action },
  { key: 'outcome', zh: '结果', en: 'Outcome', width: 10, value: (e) => e.outcome },
  { key: 'actorKind', zh: '主体类型', en: 'Actor kind', width: 10, value: (e) => e.actor.kind },
  { key: 'actorId', zh: '主体标识', en: 'Actor id', width: 38, value: (e) => e.actor.id },
  { key: 'actorName', zh: '主体名称', en: 'Actor name', width: 20, value: (e) => e.actor.name },
  {
    key: 'departmentId',
    zh: '部门标识',
    en: 'Department id',
    width: 38,
    value: (e) => e.department?.id ?? null,
  },
  { key: 'department', zh: '部门', en: 'Department', width: 24, value: (e) => e.department?.name ?? null },
  { key: 'targetType', zh: '对象类型', en: 'Target type', width: 14, value: (e) => e.target?.type ?? null },
  { key: 'targetId', zh: '对象标识', en: 'Target id', width: 38, value: (e) => e.target?.id ?? null },
  { key: 'resourceId', zh: '信息资源', en: 'Resource', width: 38, value: (e) => e.resourceId },
  { key: 'items', zh: '信息项', en: 'Items', width: 30, value: (e) => e.items?.join('、') ?? null },
  { key: 'method', zh: '共享方式', en: 'Method', width: 12, value: (e) => e.method },
  { key: 'purpose', zh: '用途', en: 'Purpose', width: 30, value: (e) => e.purpose },
  { key: 'caseNumber', zh: '办件编号', en: 'Case number', width: 20, value: (e) => e.caseNumber },
  { key: 'grantId', zh: '授权', en: 'Grant', width: 38, value: (e) => e.grantId },
  { key: 'resultCount', zh: '返回条数', en: 'Records', width: 10, value: (e) => e.resultCount },
  {
    key: 'recordKeys',
    zh: '记录键（个人身份号码为摘要）',
    en: 'Record keys (personal IDs as digests)',
    width: 40,
    value: (e) => (e.recordKeys ? JSON.stringify(e.recordKeys) : null),
  },
  { key: 'detail', zh: '详情', en: 'Detail', width: 40, value: (e) => JSON.stringify(e.detail) },
  { key: 'requestId', zh: '请求编号', en: 'Request id', width: 38, value: (e) => e.requestId },
  { key: 'clientIp', zh: '来源地址', en: 'Client address', width: 16, value: (e) => e.clientIp },
  { key: 'hash', zh: '链哈希', en: 'Chain hash', width: 66, value: (e) => e.hash },
];

/** Writes rows into a stream as they come, waiting when the reader is slower than the database. */
async function pump(entries: AsyncIterable<TraceEntry>, write: (e: TraceEntry) => boolean, drain: Writable) {
  for await (const entry of entries) if (!write(entry)) await once(drain, 'drain');
}

function csvStream(entries: AsyncIterable<TraceEntry>, locale: Locale) {
  // The byte order mark makes Excel open the UTF-8 file as UTF-8 (Chinese text intact).
  const csv = stringify({
    bom: true,
    header: true,
    columns: COLUMNS.map((c) => ({ key: c.key, header: locale === 'en' ? c.en : c.zh })),
  });
  pump(entries, (e) => csv.write(Object.fromEntries(COLUMNS.map((c) => [c.key, c.value(e)]))), csv).then(
    () => csv.end(),
    (error: unknown) => csv.destroy(error as Error),
  );
  return csv;
}

function xlsxStream(entries: AsyncIterable<TraceEntry>, locale: Locale) {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(locale === 'en' ? 'Audit trail' : '审计记录');
  sheet.columns = COLUMNS.map((c) => ({ key: c.key, header: locale === 'en' ? c.en : c.zh, width: c.width }));
  (async () => {
    for await (const e of entries) {
      sheet.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, c.value(e)]))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** Streams the entries to the reply as CSV or xlsx, with a dated file name. */
export function sendExport(
  reply: FastifyReply,
  entries: AsyncIterable<TraceEntry>,
  format: 'csv' | 'xlsx',
  locale: Locale,
): FastifyReply {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
  const name = `audit-trail-${stamp}.${format}`;
  reply.header('content-disposition', `attachment; filename="${name}"`);
  reply.header('content-language', locale);
  if (format === 'csv') {
    reply.type('text/csv; charset=utf-8');
    return reply.send(csvStream(entries, locale));
  }
  reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return reply.send(xlsxStream(entries, locale));
}
