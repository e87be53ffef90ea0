import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Platform } from '../../../app/index.js';
import type { OrgClient } from '../../../org/test-support/index.js';
import { CSV_COLUMNS, ITEM_SHEET, normalizeHeader, RESOURCE_SHEET } from '../columns.js';
import type { RowCells } from '../template.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Fills the downloaded template the way a person does: finds each column by its header in the
 * sheet and writes the row below the last one.
 */
export async function fillTemplate(
  template: Buffer,
  rows: { resources: RowCells[]; items: RowCells[] },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
  for (const [name, list] of [
    [RESOURCE_SHEET, rows.resources],
    [ITEM_SHEET, rows.items],
  ] as const) {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`template has no sheet ${name}`);
    const columns = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, column) => {
      columns.set(normalizeHeader(String(cell.value ?? '')), column);
    });
    list.forEach((row, i) => {
      for (const [header, value] of Object.entries(row)) {
        const column = columns.get(normalizeHeader(header));
        if (column === undefined) throw new Error(`template has no column ${header}`);
        if (value !== undefined) sheet.getCell(i + 2, column).value = value;
      }
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The single-file CSV: one row per item, resource columns on each of its rows. */
export function csvOf(
  rows: RowCells[],
  headers = CSV_COLUMNS.filter((c) => !c.exportOnly).map((c) => c.header),
) {
  return Buffer.from(
    stringify([
      headers,
      ...rows.map((row) => headers.map((h) => (row[h] === undefined ? '' : String(row[h])))),
    ]),
  );
}

/** Sends a raw file body as a signed-in client, as the portal's upload does. */
export async function upload(
  platform: Platform,
  client: OrgClient,
  body: Buffer,
  contentType: string,
  options: { query?: string; accept?: string } = {},
) {
  const response = await platform.http.inject({
    method: 'POST',
    url: `/api/v1/catalog/import${options.query ? `?${options.query}` : ''}`,
    remoteAddress: client.ip,
    headers: {
      cookie: client.cookie,
      'content-type': contentType,
      ...(options.accept ? { accept: options.accept } : {}),
    },
    payload: body,
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    text: response.body,
    body: String(response.headers['content-type'] ?? '').startsWith('application/json')
      ? // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the route answered.
        (JSON.parse(response.body) as any)
      : undefined,
  };
}

/** Downloads a file as a signed-in client (or anonymously). */
export async function download(platform: Platform, client: OrgClient | undefined, url: string) {
  const response = await platform.http.inject({
    method: 'GET',
    url,
    ...(client ? { remoteAddress: client.ip, headers: { cookie: client.cookie } } : {}),
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    raw: response.rawPayload,
    text: response.body,
  };
}

/** A resource row of a clean base-catalog resource (人口), in the template's Chinese; tests vary one cell. */
export function resourceRow(seq: number, overrides: RowCells = {}): RowCells {
  return {
    序号: String(seq),
    目录类别: '基础',
    '基础/主题领域': '人口',
    目: '001',
    信息资源名称: `人口基本信息${seq}`,
    信息资源摘要: '户籍人口的姓名、公民身份号码、出生日期等基本信息',
    格式分类: '数据库',
    具体格式: 'MySQL',
    更新周期: '每日',
    共享类型: '无条件共享',
    共享方式: '共享平台方式（接口）、共享平台方式（文件）',
    是否向社会开放: '否',
    是否涉密: '否',
    关键字: '户籍、人口',
    数据分类: '一般数据',
    数据级别: '2',
    ...overrides,
  };
}

export function itemRow(seq: number, name: string, overrides: RowCells = {}): RowCells {
  return {
    资源序号: String(seq),
    信息项名称: name,
    数据类型: '字符串型C',
    长度: 50,
    是否主键: '否',
    是否个人信息: '是',
    是否基础信息项: '否',
    ...overrides,
  };
}

/** A conditional department-catalog resource with its legal basis. */
export function conditionalRow(seq: number, overrides: RowCells = {}): RowCells {
  return resourceRow(seq, {
    目录类别: '部门',
    '基础/主题领域': undefined,
    信息资源名称: `社保参保信息${seq}`,
    共享类型: '有条件共享',
    共享条件: '仅用于社会保障待遇审核',
    法律依据: '法律|《中华人民共和国社会保险法》|第八十一条',
    关键字: '社保',
    ...overrides,
  });
}
