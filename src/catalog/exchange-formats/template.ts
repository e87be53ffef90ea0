import ExcelJS from 'exceljs';
import { type CodeList, LEGAL_BASIS_KIND_LIST, labelsOf, SHARE_METHOD_LIST } from './code-lists.js';
import {
  CODE_SHEET,
  type Column,
  columnLetter,
  GUIDE_SHEET,
  ITEM_COLUMNS,
  ITEM_SHEET,
  RESOURCE_COLUMNS,
  RESOURCE_SHEET,
} from './columns.js';
import { GUIDE_LINES } from './guide.js';

/** A row to write: header → cell text. */
export type RowCells = Record<string, string | number | undefined>;

const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const EXPORT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
/** Columns kept as text so that 001 stays 001. */
const TEXT_COLUMNS = new Set([
  '序号',
  '资源序号',
  '目',
  '细目',
  '信息资源代码',
  '关联资源代码',
  '信息资源提供方代码',
]);
/** Drop-downs reach this many rows below the header in an empty template. */
const TEMPLATE_ROWS = 1000;

/**
 * The filing template (目录编制/报送模板): 信息资源 and 信息项 sheets with zh-CN headers,
 * drop-downs drawn from the 代码表 sheet, and the 说明 sheet. With rows, it is a department's
 * catalog in the same layout (export), which imports again as it is.
 */
export function buildWorkbook(
  rows: { resources: RowCells[]; items: RowCells[] } = { resources: [], items: [] },
) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'govshare';
  workbook.created = new Date(0);
  const resources = workbook.addWorksheet(RESOURCE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const items = workbook.addWorksheet(ITEM_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  const codes = workbook.addWorksheet(CODE_SHEET);
  const ranges = writeCodeSheet(codes);
  writeSheet(resources, RESOURCE_COLUMNS, rows.resources, ranges);
  writeSheet(items, ITEM_COLUMNS, rows.items, ranges);
  writeGuide(guide);
  return workbook;
}

/** The template as xlsx bytes. */
export async function templateXlsx(rows?: { resources: RowCells[]; items: RowCells[] }): Promise<Buffer> {
  return Buffer.from(await buildWorkbook(rows).xlsx.writeBuffer());
}

function writeSheet(
  sheet: ExcelJS.Worksheet,
  columns: readonly Column[],
  rows: RowCells[],
  ranges: Map<CodeList, string>,
): void {
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: c.width,
    ...(TEXT_COLUMNS.has(c.header) ? { style: { numFmt: '@' } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = column.exportOnly ? EXPORT_FILL : column.required ? REQUIRED_FILL : HEADER_FILL;
    cell.alignment = { vertical: 'middle', wrapText: true };
    if (column.hint) cell.note = column.hint;
  });
  for (const row of rows) sheet.addRow(columns.map((c) => row[c.header] ?? null));
  const last = Math.max(TEMPLATE_ROWS, rows.length + 200) + 1;
  columns.forEach((column, i) => {
    const range = column.codeList && ranges.get(column.codeList);
    if (!range) return;
    const letter = columnLetter(i + 1);
    (sheet as unknown as DataValidationSheet).dataValidations.add(`${letter}2:${letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: column.header,
      error: `请从下拉列表选择「${column.header}」的取值`,
    });
  });
}

/** exceljs keeps worksheet data validations on an untyped property. */
interface DataValidationSheet {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

function writeCodeSheet(sheet: ExcelJS.Worksheet): Map<CodeList, string> {
  const lists = [...new Set([...RESOURCE_COLUMNS, ...ITEM_COLUMNS].map((c) => c.codeList))].filter(
    (l): l is CodeList => l !== undefined,
  );
  const named: [string, CodeList][] = [
    ...lists.map((list): [string, CodeList] => [
      [...RESOURCE_COLUMNS, ...ITEM_COLUMNS].find((c) => c.codeList === list)?.header ?? '',
      list,
    ]),
    ['共享方式', SHARE_METHOD_LIST],
    ['法律依据类别', LEGAL_BASIS_KIND_LIST],
  ];
  const ranges = new Map<CodeList, string>();
  named.forEach(([title, list], i) => {
    const column = i + 1;
    const letter = columnLetter(column);
    sheet.getColumn(column).width = Math.max(12, ...labelsOf(list).map((l) => l.length * 2 + 2));
    sheet.getCell(1, column).value = title;
    sheet.getCell(1, column).font = { bold: true };
    labelsOf(list).forEach((label, j) => {
      sheet.getCell(j + 2, column).value = label;
    });
    if (!ranges.has(list)) ranges.set(list, `'${CODE_SHEET}'!$${letter}$2:$${letter}$${list.length + 1}`);
  });
  return ranges;
}

function writeGuide(sheet: ExcelJS.Worksheet): void {
  sheet.getColumn(1).width = 120;
  GUIDE_LINES.forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0 || /^[一二三四五六七八九]、/.test(line)) cell.font = { bold: true };
  });
}
