import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { type CatalogWorld, startCatalogWorld } from '../test-support/world.js';
import { CSV_COLUMNS, columnLetter, ITEM_SHEET, RESOURCE_SHEET } from './columns.js';
import {
  conditionalRow,
  csvOf,
  download,
  fillTemplate,
  itemRow,
  resourceRow,
  upload,
  XLSX,
} from './test-support/index.js';

/** The rows of a clean filing: a base resource with base items, a conditional one, a thematic one. */
const cleanRows = () => ({
  resources: [
    resourceRow(1),
    conditionalRow(2),
    resourceRow(3, { 目录类别: '主题', '基础/主题领域': '信用体系', 信息资源名称: '企业信用信息', 目: '2' }),
  ],
  items: [
    itemRow(1, '公民身份号码', {
      长度: 18,
      是否主键: '是',
      主键类型: '居民身份证号码',
      是否基础信息项: '是',
    }),
    itemRow(1, '姓名', { 是否基础信息项: '是' }),
    itemRow(2, '公民身份号码', { 长度: 18, 是否主键: '是', 主键类型: '居民身份证号码' }),
    itemRow(2, '参保状态', { 长度: 10 }),
    itemRow(3, '统一社会信用代码', { 长度: 18, 是否个人信息: '否' }),
  ],
});

describe.each(DIALECTS)('R01 R05 catalog import from the filing template on %s', (dialect) => {
  let w: CatalogWorld;
  let template: Buffer;

  const mine = async () =>
    (await w.police.request('GET', '/api/v1/catalog/entries?mine=true&pageSize=100')).body;

  beforeAll(async () => {
    // Inner Mongolia requires a legal basis for conditional sharing too (R20, Art.14(1)).
    w = await startCatalogWorld(dialect, { config: { profile: 'inner-mongolia' } });
    const res = await download(w.platform, w.police, '/api/v1/catalog/import/template.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    template = res.raw;
  });
  afterAll(() => w.close());

  it('R05 R20 R23 a template with deliberate errors imports nothing and names each error by row and column', async () => {
    const rows = cleanRows();
    rows.resources.push(
      resourceRow(4, { 信息资源名称: undefined }),
      conditionalRow(5, { 法律依据: undefined }),
      resourceRow(6, { 关联资源代码: '101001/999999' }),
      resourceRow(7, { 法律依据: '法律|《中华人民共和国居民身份证法》|第十九条' }),
    );
    rows.items.push(
      itemRow(4, '姓名'),
      itemRow(5, '参保状态'),
      itemRow(6, '姓名'),
      itemRow(7, '姓名', { 是否基础信息项: '是', 信息项共享类型: '有条件共享' }),
      itemRow(7, '民族', { 数据类型: '文本型' }),
    );
    const file = await fillTemplate(template, rows);
    const res = await upload(w.platform, w.police, file, XLSX);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CATALOG_IMPORT_REJECTED');
    const found = res.body.errors.map((e: Record<string, unknown>) => [
      e.sheet,
      e.row,
      e.column,
      e.header,
      e.code,
    ]);
    expect(found).toEqual([
      // Sheet 信息资源: header row 1, resource n on row n + 1.
      [RESOURCE_SHEET, 5, 'F', '信息资源名称', 'CATALOG_FIELD_REQUIRED'],
      [RESOURCE_SHEET, 6, 'N', '法律依据', 'CATALOG_LEGAL_BASIS_REQUIRED'],
      [RESOURCE_SHEET, 7, 'S', '关联资源代码', 'CATALOG_RELATED_CODE_UNKNOWN'],
      // Sheet 信息项: items follow the five clean ones (rows 2–6).
      [ITEM_SHEET, 10, 'I', '信息项共享类型', 'CATALOG_BASE_ITEM_NOT_UNCONDITIONAL'],
      [ITEM_SHEET, 11, 'C', '数据类型', 'CATALOG_IMPORT_VALUE_UNKNOWN'],
    ]);
    const [, , , baseItem, dataType] = res.body.errors;
    expect(baseItem.field).toBe('items[0].shareType');
    expect(dataType.field).toBe('items[1].dataType');
    expect(dataType.message).toContain('文本型');
    expect(dataType.message).toContain('字符串型C');
    expect((await mine()).total).toBe(0);

    // The error report: the upload with the bad cells marked and an 错误说明 column.
    const report = await download(w.platform, w.police, `/api/v1/catalog/import/${res.body.id}/errors.xlsx`);
    expect(report.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.raw as unknown as ExcelJS.Buffer);
    const resources = workbook.getWorksheet(RESOURCE_SHEET);
    const bad = resources?.getCell('F5');
    expect(bad?.fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(String(bad?.note ?? '')).toMatch(/必填项未填写/);
    const errorColumn = resources?.getRow(1).cellCount ?? 0;
    expect(resources?.getCell(1, errorColumn).value).toBe('错误说明');
    expect(String(resources?.getCell(6, errorColumn).value)).toContain('【法律依据】');
    expect(String(workbook.getWorksheet(ITEM_SHEET)?.getCell('C11').note ?? '')).toContain('文本型');

    // Another department's administrator cannot read the report.
    const foreign = await download(w.platform, w.hrss, `/api/v1/catalog/import/${res.body.id}/errors.xlsx`);
    expect(foreign.status).toBe(404);
  });

  it('R01 a clean template imports fully as drafts, in one audited transaction', async () => {
    const res = await upload(w.platform, w.police, await fillTemplate(template, cleanRows()), XLSX);
    expect(res.status).toBe(201);
    expect(res.body.count).toBe(3);
    expect(res.body.items).toBe(5);
    const codes = res.body.created.map((c: { code: string }) => c.code);
    expect(codes[0]).toMatch(/^101001\/\d{6}$/);
    expect(codes[1]).toMatch(/^3\d{5}\/\d{6}$/);
    expect(codes[2]).toMatch(/^208002\/\d{6}$/);
    const listed = await mine();
    expect(listed.total).toBe(3);
    expect(listed.items.map((e: { code: string }) => e.code).sort()).toEqual([...codes].sort());
    const detail = await w.police.request('GET', `/api/v1/catalog/entries/${res.body.created[1].id}`);
    expect(detail.body.status).toBe('draft');
    expect(detail.body.content.share).toEqual({
      type: 'conditional',
      conditions: '仅用于社会保障待遇审核',
      methods: ['platform_interface', 'platform_file'],
      legalBasis: [{ kind: 'law', title: '《中华人民共和国社会保险法》', article: '第八十一条' }],
    });
    const audit = await w.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'outcome', 'detail'])
      .where('action', '=', 'catalog.import')
      .execute();
    expect(audit.map((a) => a.outcome).sort()).toEqual(['failure', 'success']);
    expect(JSON.parse(audit.find((a) => a.outcome === 'success')?.detail ?? '{}').codes).toEqual(codes);
  });

  it('R01 CSV: errors by row and column, nothing imported; a clean CSV imports fully', async () => {
    const headers = CSV_COLUMNS.filter((c) => !c.exportOnly).map((c) => c.header);
    const letter = (header: string) => columnLetter(headers.indexOf(header) + 1);
    const { items } = cleanRows();
    const clean = [
      { ...resourceRow(1, { 信息资源名称: 'CSV人口信息' }), ...items[0] },
      { 序号: '1', ...items[1] },
      { ...conditionalRow(2, { 信息资源名称: 'CSV社保信息' }), ...items[2] },
      { ...conditionalRow(2, { 信息资源名称: 'CSV社保信息' }), ...items[3] },
    ];
    const broken = [
      ...clean,
      { ...conditionalRow(3, { 法律依据: undefined }), ...itemRow(3, '姓名') },
      {
        ...conditionalRow(3, { 法律依据: undefined, 共享条件: '另一种条件' }),
        ...itemRow(3, '性别', { 长度: 'abc' }),
      },
    ];
    const before = (await mine()).total;
    const refused = await upload(w.platform, w.police, csvOf(broken), 'text/csv; charset=utf-8');
    expect(refused.status).toBe(422);
    expect(
      refused.body.errors.map((e: Record<string, unknown>) => [e.sheet, e.row, e.column, e.code]),
    ).toEqual([
      ['CSV', 6, letter('法律依据'), 'CATALOG_LEGAL_BASIS_REQUIRED'],
      ['CSV', 7, letter('共享条件'), 'CATALOG_IMPORT_REPEAT_MISMATCH'],
      ['CSV', 7, letter('长度'), 'CATALOG_IMPORT_NUMBER_INVALID'],
    ]);
    expect((await mine()).total).toBe(before);
    const report = await download(
      w.platform,
      w.police,
      `/api/v1/catalog/import/${refused.body.id}/errors.xlsx`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.raw as unknown as ExcelJS.Buffer);
    expect(String(workbook.getWorksheet('CSV')?.getCell(`${letter('长度')}7`).note ?? '')).toContain('abc');

    const imported = await upload(w.platform, w.police, csvOf(clean), 'text/csv');
    expect(imported.status).toBe(201);
    expect(imported.body.count).toBe(2);
    expect(imported.body.items).toBe(4);
    expect((await mine()).total).toBe(before + 2);
  });

  it('hostile text: a CSV that is not UTF-8, or a cell with NUL or a lone surrogate, is refused naming the cell (issue 12)', async () => {
    const { items } = cleanRows();
    const before = (await mine()).total;
    const withText = (name: string) =>
      csvOf([
        { ...resourceRow(1, { 信息资源名称: name }), ...items[0] },
        { 序号: '1', ...items[1] },
      ]);
    const refused = await upload(w.platform, w.police, withText('人口\u0000信息'), 'text/csv');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('CATALOG_IMPORT_UNREADABLE');
    expect(refused.body.error.message).toContain('第 2 行');
    // GBK bytes (人口 = C8 CB BF DA) and a surrogate written as bytes (ED A0 80) are not UTF-8:
    // refused, never imported as U+FFFD.
    for (const bytes of [
      [0xc8, 0xcb, 0xbf, 0xda],
      [0xed, 0xa0, 0x80],
    ]) {
      const file = Buffer.concat([withText('X'), Buffer.from(bytes), Buffer.from(',\n')]);
      const notUtf8 = await upload(w.platform, w.police, file, 'text/csv');
      expect(notUtf8.status).toBe(400);
      expect(notUtf8.body.error.message).toContain('UTF-8');
    }
    expect((await mine()).total).toBe(before);
  });

  it('R01 an exported department catalog imports again to the same content', async () => {
    const exported = await download(
      w.platform,
      w.police,
      `/api/v1/catalog/export/department/${w.departments.police}?format=xlsx`,
    );
    expect(exported.status).toBe(200);
    const json = await download(
      w.platform,
      w.police,
      `/api/v1/catalog/export/department/${w.departments.police}?format=json`,
    );
    const document = JSON.parse(json.text);
    expect(document.entries).toHaveLength(5);
    const again = await upload(w.platform, w.police, exported.raw, XLSX);
    expect(again.status).toBe(201);
    expect(again.body.count).toBe(5);
    const byName = async (ids: string[]) => {
      const out = new Map<string, unknown>();
      for (const id of ids) {
        const detail = await w.police.request('GET', `/api/v1/catalog/entries/${id}`);
        out.set(detail.body.content.name, detail.body.content);
      }
      return out;
    };
    const copies = await byName(again.body.created.map((c: { id: string }) => c.id));
    const originals = await byName(document.entries.map((e: { id: string }) => e.id));
    expect(copies).toEqual(originals);
    expect(copies.size).toBe(5);
  });

  it('R02 progress streams as NDJSON, ending with the same answer', async () => {
    const res = await upload(w.platform, w.police, await fillTemplate(template, cleanRows()), XLSX, {
      accept: 'application/x-ndjson',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.phase ?? l.type)).toEqual(['read', 'validate', 'create', 'result']);
    expect(lines[0]).toMatchObject({ type: 'progress', phase: 'read', rows: 8 });
    expect(lines.at(-1)).toMatchObject({ type: 'result', status: 201, body: { count: 3 } });
  });

  it('only a resource administrator imports, and only for a department it manages', async () => {
    const file = await fillTemplate(template, cleanRows());
    const asUser = await upload(w.platform, w.hrssUser, file, XLSX);
    expect(asUser.status).toBe(403);
    const foreign = await upload(w.platform, w.hrss, file, XLSX, {
      query: `providerDepartmentId=${w.departments.police}`,
    });
    expect(foreign.status).toBe(403);
    const json = await w.police.request('POST', '/api/v1/catalog/import', { rows: [] });
    expect(json.status).toBe(415);
    const anonymous = await w.platform.http.inject({
      method: 'GET',
      url: '/api/v1/catalog/import/template.xlsx',
    });
    expect(anonymous.statusCode).toBe(401);
    const unreadable = await upload(w.platform, w.police, Buffer.from('not a workbook'), XLSX);
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.code).toBe('CATALOG_IMPORT_UNREADABLE');
  });

  it('another department sees only published entries in an export; the provider sees its drafts', async () => {
    const own = JSON.parse(
      (
        await download(
          w.platform,
          w.police,
          `/api/v1/catalog/export/department/${w.departments.police}?format=json`,
        )
      ).text,
    );
    expect(own.entries.length).toBeGreaterThan(0);
    expect(own.entries.every((e: { status: string }) => e.status === 'draft')).toBe(true);
    const foreign = await download(
      w.platform,
      w.hrss,
      `/api/v1/catalog/export/department/${w.departments.police}?format=json`,
    );
    expect(foreign.status).toBe(200);
    expect(JSON.parse(foreign.text).entries).toEqual([]);
    const foreignXlsx = await download(
      w.platform,
      w.hrss,
      `/api/v1/catalog/export/department/${w.departments.police}`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(foreignXlsx.raw as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet(RESOURCE_SHEET)?.actualRowCount).toBe(1);
  });
});
