import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../platform/profiles/index.js';
import type { EntryContent } from '../model.js';
import { conditionalContent, item, sampleContent } from '../test-support/content.js';
import { assemble } from './assemble.js';
import { checkResource } from './check.js';
import { DATA_TYPE_LIST, lookUp, SHARE_METHOD_LIST, SHARE_TYPE_LIST } from './code-lists.js';
import { ITEM_SHEET, RESOURCE_SHEET } from './columns.js';
import { readCsv, readWorkbook } from './read.js';
import { catalogRows, type ExportedEntry } from './render.js';
import { templateXlsx } from './template.js';
import { csvOf } from './test-support/index.js';

const exported = (content: EntryContent, i = 0): ExportedEntry => ({
  code: `10100${i}/00000${i + 1}`,
  status: 'published',
  provider: { name: '示范市公安局', code: '11990100010242484J' },
  publishDate: '2026-03-02',
  content,
});

const variety = (): EntryContent[] => [
  sampleContent(),
  conditionalContent({
    updateCycle: 'other',
    updateCycleNote: '每两年',
    relatedCodes: ['101001/000001', '101001/000002'],
    open: { toPublic: true, conditions: '注册后下载' },
  }),
  sampleContent({
    name: '企业登记信息',
    classification: { catalog: 'theme', area: 'credit_system', category: '002', subcategory: '01' },
    format: { category: 'service_interface', concrete: 'REST' },
    items: [
      item({
        name: '统一社会信用代码',
        isKey: true,
        keyKind: 'social_credit_code',
        length: 18,
        personal: false,
      }),
      item({ name: '注册资本', dataType: 'Y', length: 20, personal: false, shareType: 'conditional' }),
      item({ name: '成立日期', dataType: 'D', length: undefined, personal: false }),
    ],
    share: {
      type: 'unconditional',
      methods: ['platform_interface', 'mail', 'medium'],
      legalBasis: [
        { kind: 'administrative_regulation', title: '《企业信息公示暂行条例》', article: '第六条' },
        { kind: 'central_policy', title: '国发〔2016〕51号', article: '第五条' },
      ],
    },
  }),
];

/** JSON round trip drops the undefined members the fixtures carry. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('the filing template', () => {
  it('has the resource, item, guide and code-list sheets with zh-CN headers and drop-downs', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await templateXlsx()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([RESOURCE_SHEET, ITEM_SHEET, '说明', '代码表']);
    const headers = (name: string) =>
      ((workbook.getWorksheet(name)?.getRow(1).values ?? []) as unknown[]).filter(
        (v) => typeof v === 'string',
      );
    expect(headers(RESOURCE_SHEET).slice(0, 19)).toEqual([
      '序号',
      '目录类别',
      '基础/主题领域',
      '目',
      '细目',
      '信息资源名称',
      '信息资源摘要',
      '格式分类',
      '具体格式',
      '更新周期',
      '共享类型',
      '共享条件',
      '共享方式',
      '法律依据',
      '是否向社会开放',
      '开放条件',
      '是否涉密',
      '关键字',
      '关联资源代码',
    ]);
    expect(headers(ITEM_SHEET)).toEqual([
      '资源序号',
      '信息项名称',
      '数据类型',
      '长度',
      '是否主键',
      '主键类型',
      '是否个人信息',
      '是否基础信息项',
      '信息项共享类型',
    ]);
    const validations = (
      workbook.getWorksheet(RESOURCE_SHEET) as unknown as {
        dataValidations: { model: Record<string, ExcelJS.DataValidation> };
      }
    ).dataValidations.model;
    // 共享类型 is column K; its drop-down lists the three share types from the 代码表 sheet.
    const shareType = Object.entries(validations).find(([range]) => range.startsWith('K2'));
    expect(shareType?.[1]).toMatchObject({ type: 'list' });
    const [, listRange] = /!\$([A-Z]+)\$2:/.exec(String(shareType?.[1].formulae[0])) ?? [];
    const codes = workbook.getWorksheet('代码表');
    const column = codes?.getColumn(listRange ?? 'A');
    expect(column?.values.filter(Boolean)).toEqual(['共享类型', '无条件共享', '有条件共享', '不予共享']);
    const guide = workbook.getWorksheet('说明');
    expect(String(guide?.getCell(1, 1).value)).toContain('发改高技〔2017〕1272号');
  });

  it('reads code-list cells in the printed Chinese, the key, or a common variant', () => {
    expect(lookUp(DATA_TYPE_LIST, '字符串型C')).toBe('C');
    expect(lookUp(DATA_TYPE_LIST, '字符串型')).toBe('C');
    expect(lookUp(DATA_TYPE_LIST, 'c')).toBe('C');
    expect(lookUp(DATA_TYPE_LIST, '日期时间型')).toBe('T');
    expect(lookUp(SHARE_TYPE_LIST, '强制共享类')).toBe('unconditional');
    expect(lookUp(SHARE_TYPE_LIST, 'not_shared')).toBe('not_shared');
    expect(lookUp(SHARE_METHOD_LIST, '共享平台方式(接口)')).toBe('platform_interface');
    expect(lookUp(SHARE_METHOD_LIST, ' 介质 ')).toBe('medium');
    expect(lookUp(DATA_TYPE_LIST, '文本型')).toBeUndefined();
  });

  it('writes entries that read back to the same content, as xlsx and as CSV', async () => {
    const contents = variety();
    const rows = catalogRows(contents.map(exported));
    const fromXlsx = assemble(await readWorkbook(await templateXlsx(rows)), 'xlsx');
    expect(fromXlsx.problems).toEqual([]);
    expect(fromXlsx.resources.map((r) => r.content)).toEqual(plain(contents));

    const csvRows = rows.resources.flatMap((resource) => {
      const items = rows.items.filter((i) => i.资源序号 === resource.序号);
      // The resource's columns on its first row only, the way people fill a CSV in.
      return items.length === 0
        ? [resource]
        : items.map((i, n) => ({ ...(n === 0 ? resource : { 序号: resource.序号 }), ...i }));
    });
    const fromCsv = assemble(await readCsv(csvOf(csvRows)), 'csv');
    expect(fromCsv.problems).toEqual([]);
    expect(fromCsv.resources.map((r) => r.content)).toEqual(plain(contents));
  });

  it('places a problem at its sheet, row and column, and an item problem on the item row', async () => {
    const rows = catalogRows([exported(sampleContent())]);
    const first = rows.items[1];
    if (first) first.数据类型 = '文本型';
    const { resources, problems } = assemble(await readWorkbook(await templateXlsx(rows)), 'xlsx');
    expect(problems).toMatchObject([
      {
        sheet: ITEM_SHEET,
        row: 3,
        column: 3,
        header: '数据类型',
        field: 'items[1].dataType',
        code: 'CATALOG_IMPORT_VALUE_UNKNOWN',
      },
    ]);
    expect(resources[0]?.locate('share.legalBasis[0].article')).toMatchObject({
      sheet: RESOURCE_SHEET,
      row: 2,
      column: 14,
    });
    expect(resources[0]?.locate('items[3].length')).toMatchObject({ sheet: ITEM_SHEET, row: 5, column: 4 });
    expect(resources[0]?.locate('updateCycleNote')).toMatchObject({ column: 10, header: '更新周期' });
  });
});

describe('R20 checking an imported resource', () => {
  it('reports a malformed field and the rules broken elsewhere in the same resource at once', async () => {
    const rows = catalogRows([
      exported(
        sampleContent({ share: { type: 'not_shared', methods: ['platform_interface'], legalBasis: [] } }),
      ),
    ]);
    const [resource] = rows.resources;
    if (resource) resource.信息资源名称 = undefined;
    const { resources } = assemble(await readWorkbook(await templateXlsx(rows)), 'xlsx');
    const [first] = resources;
    if (!first) throw new Error('no resource read');
    const ctx = {
      stage: 'submit' as const,
      profile: loadProfile('national'),
      networkZone: 'external' as const,
    };
    const problems = checkResource(first, ctx, first.unreadable);
    expect(problems.map((p) => [p.code, p.field, p.header])).toEqual([
      ['CATALOG_FIELD_REQUIRED', 'name', '信息资源名称'],
      ['CATALOG_BASE_ITEM_NOT_UNCONDITIONAL', 'share.type', '共享类型'],
      ['CATALOG_LEGAL_BASIS_REQUIRED', 'share.legalBasis', '法律依据'],
    ]);
  });
});
