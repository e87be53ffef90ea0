import { defineErrors } from '../../platform/errors/index.js';

/**
 * Errors of the catalog exchange formats. Row-level import problems are reported in the import's
 * error list (each with its sheet, row and column) under these codes as well as the catalog's own
 * validation codes.
 */
export const CatalogFormatErrors = defineErrors('catalog-formats', {
  CATALOG_IMPORT_REJECTED: {
    status: 422,
    zh: '导入文件有 {count} 处错误，未导入任何条目；请下载错误报告修改后重新导入',
    en: 'The import file has {count} errors and nothing was imported; download the error report, fix and retry',
  },
  CATALOG_IMPORT_UNREADABLE: {
    status: 400,
    zh: '无法读取导入文件（{reason}）',
    en: 'The import file cannot be read ({reason})',
  },
  CATALOG_IMPORT_SHEET_MISSING: {
    status: 422,
    zh: '缺少工作表「{sheet}」',
    en: 'Sheet "{sheet}" is missing',
  },
  CATALOG_IMPORT_HEADER_MISSING: {
    status: 422,
    zh: '工作表「{sheet}」缺少列「{header}」',
    en: 'Sheet "{sheet}" lacks the column "{header}"',
  },
  CATALOG_IMPORT_EMPTY: {
    status: 422,
    zh: '文件中没有信息资源',
    en: 'The file holds no information resources',
  },
  CATALOG_IMPORT_VALUE_UNKNOWN: {
    status: 422,
    zh: '「{value}」不是「{header}」的可选值（可选：{allowed}）',
    en: '"{value}" is not a value of "{header}" (allowed: {allowed})',
  },
  CATALOG_IMPORT_NUMBER_INVALID: {
    status: 422,
    zh: '「{header}」须为正整数，实为「{value}」',
    en: '"{header}" must be a positive whole number, got "{value}"',
  },
  CATALOG_IMPORT_LEGAL_BASIS_FORMAT: {
    status: 422,
    zh: '法律依据「{value}」须写成「类别|名称|条款」，多条以分号分隔',
    en: 'Legal basis "{value}" must read "kind|title|article", several separated by semicolons',
  },
  CATALOG_IMPORT_SEQ_MISSING: {
    status: 422,
    zh: '「{header}」未填写',
    en: '"{header}" is empty',
  },
  CATALOG_IMPORT_SEQ_DUPLICATE: {
    status: 422,
    zh: '序号 {seq} 重复（首次出现在第 {firstRow} 行）',
    en: 'Sequence number {seq} repeats (first on row {firstRow})',
  },
  CATALOG_IMPORT_RESOURCE_UNKNOWN: {
    status: 422,
    zh: '资源序号 {seq} 在「信息资源」表中不存在',
    en: 'Resource number {seq} is not in the 信息资源 sheet',
  },
  CATALOG_IMPORT_REPEAT_MISMATCH: {
    status: 422,
    zh: '同一序号 {seq} 的「{header}」与第 {firstRow} 行不一致',
    en: '"{header}" of resource {seq} differs from row {firstRow}',
  },
  CATALOG_IMPORT_REPORT_NOT_FOUND: {
    status: 404,
    zh: '导入错误报告不存在或已过期：{id}',
    en: 'Import error report not found or expired: {id}',
  },
  CATALOG_EXPORT_EDITION_NOT_FOUND: {
    status: 404,
    zh: '共享目录版本不存在：{edition}',
    en: 'Shared catalog edition not found: {edition}',
  },
});
