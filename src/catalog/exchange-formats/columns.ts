import type { DocumentationField } from '../model.js';
import {
  BASE_AREA_LIST,
  CATALOG_CLASS_LIST,
  type CodeList,
  DATA_CLASS_LIST,
  DATA_TYPE_LIST,
  FORMAT_CATEGORY_LIST,
  KEY_KIND_LIST,
  SHARE_TYPE_LIST,
  THEME_AREA_LIST,
  UPDATE_CYCLE_LIST,
  YES_NO_LIST,
} from './code-lists.js';

/**
 * The layout of the filing template (目录编制/报送模板): which columns each sheet has, the
 * `EntryContent` field each fills, and the drop-down each offers. Import finds columns by their
 * header text, so a sheet whose columns were reordered still imports; export writes this order.
 */
export interface Column {
  header: string;
  /** The EntryContent field (or item field) the column fills; validation issues point back here. */
  field?: string;
  width: number;
  /** A drop-down (data validation) from this code list. */
  codeList?: CodeList;
  /** Required in the template's sense (header highlighted); the catalog rules decide the rest. */
  required?: boolean;
  /** Written on export, ignored on import. */
  exportOnly?: boolean;
  /** Shown as the header cell's note in the template. */
  hint?: string;
}

export const RESOURCE_SHEET = '信息资源';
export const ITEM_SHEET = '信息项';
export const GUIDE_SHEET = '说明';
export const CODE_SHEET = '代码表';
/** The sheet name errors of a CSV file carry. */
export const CSV_SHEET = 'CSV';
/** The column the error report adds after the last one. */
export const ERROR_COLUMN_HEADER = '错误说明';

/** Both 基础 and 主题 areas in one drop-down; the catalog class decides which list applies. */
export const AREA_LIST: CodeList = [...BASE_AREA_LIST, ...THEME_AREA_LIST];

export const SEQ_HEADER = '序号';

/** The columns of the dataset documentation (R73), by field of `EntryContent.documentation`. */
export const DOCUMENTATION_HEADERS: Record<DocumentationField, string> = {
  collectionBasis: '采集依据',
  collection: '采集规范和程序',
  publication: '发布规范和程序',
  maintenance: '维护规范和程序',
};
export const ITEM_SEQ_HEADER = '资源序号';

export const RESOURCE_COLUMNS: readonly Column[] = [
  {
    header: SEQ_HEADER,
    width: 6,
    required: true,
    hint: '本文件内信息资源的编号，信息项表以「资源序号」引用',
  },
  {
    header: '目录类别',
    field: 'classification.catalog',
    width: 10,
    codeList: CATALOG_CLASS_LIST,
    required: true,
  },
  {
    header: '基础/主题领域',
    field: 'classification.area',
    width: 18,
    codeList: AREA_LIST,
    hint: '基础、主题信息资源必填；部门信息资源不填',
  },
  { header: '目', field: 'classification.category', width: 6, required: true, hint: '三位数字，如 001' },
  { header: '细目', field: 'classification.subcategory', width: 6, hint: '数字，可不填' },
  { header: '信息资源名称', field: 'name', width: 28, required: true },
  { header: '信息资源摘要', field: 'summary', width: 40, required: true },
  { header: '格式分类', field: 'format.category', width: 12, codeList: FORMAT_CATEGORY_LIST, required: true },
  {
    header: '具体格式',
    field: 'format.concrete',
    width: 12,
    required: true,
    hint: '如 xlsx、OFD、MySQL、REST',
  },
  {
    header: '更新周期',
    field: 'updateCycle',
    width: 10,
    codeList: UPDATE_CYCLE_LIST,
    required: true,
    hint: '选「其他」时写成「其他：说明」',
  },
  { header: '共享类型', field: 'share.type', width: 12, codeList: SHARE_TYPE_LIST, required: true },
  { header: '共享条件', field: 'share.conditions', width: 24, hint: '有条件共享时必填' },
  {
    header: '共享方式',
    field: 'share.methods',
    width: 24,
    required: true,
    hint: '可多选，以「、」或「;」分隔：共享平台方式（数据库）、共享平台方式（接口）、共享平台方式（文件）、邮件方式、介质方式',
  },
  {
    header: '法律依据',
    field: 'share.legalBasis',
    width: 36,
    hint: '每条写成「类别|名称|条款」，多条以「;」分隔，如：法律|《中华人民共和国居民身份证法》|第十九条。有条件共享、不予共享时必填',
  },
  { header: '是否向社会开放', field: 'open.toPublic', width: 10, codeList: YES_NO_LIST, required: true },
  { header: '开放条件', field: 'open.conditions', width: 20 },
  { header: '是否涉密', field: 'classified', width: 8, codeList: YES_NO_LIST, required: true },
  { header: '关键字', field: 'keywords', width: 20, hint: '多个以「、」或「;」分隔' },
  { header: '关联资源代码', field: 'relatedCodes', width: 20, hint: '信息资源代码，多个以「;」分隔' },
  {
    header: '数据分类',
    field: 'grading.dataClass',
    width: 10,
    codeList: DATA_CLASS_LIST,
    hint: '数据分类分级（《政务数据共享条例》第十三条）：核心数据、重要数据或一般数据；报送前必填',
  },
  {
    header: '数据级别',
    field: 'grading.level',
    width: 8,
    hint: '一般数据填写级别代码（本实例配置，如 2 表示二级）；核心数据、重要数据不填',
  },
  {
    header: DOCUMENTATION_HEADERS.collectionBasis,
    field: 'documentation.collectionBasis',
    width: 30,
    hint: '据以采集该信息的法律法规或法定职责，如：《中华人民共和国户口登记条例》第三条',
  },
  {
    header: DOCUMENTATION_HEADERS.collection,
    field: 'documentation.collection',
    width: 36,
    hint: '信息收集的规范和程序（肥城第十六条、广州第十二条、内乡第七条：报送前必填）',
  },
  {
    header: DOCUMENTATION_HEADERS.publication,
    field: 'documentation.publication',
    width: 36,
    hint: '信息发布的规范和程序',
  },
  {
    header: DOCUMENTATION_HEADERS.maintenance,
    field: 'documentation.maintenance',
    width: 36,
    hint: '信息维护的规范和程序',
  },
  { header: '信息资源代码', width: 16, exportOnly: true, hint: '导出时填写，导入时忽略（导入生成新代码）' },
  { header: '信息资源提供方', width: 20, exportOnly: true, hint: '导出时填写，导入时忽略' },
  { header: '信息资源提供方代码', width: 20, exportOnly: true, hint: '导出时填写，导入时忽略' },
  { header: '发布日期', width: 12, exportOnly: true, hint: '导出时填写，导入时忽略' },
  { header: '状态', width: 8, exportOnly: true, hint: '导出时填写，导入时忽略' },
];

export const ITEM_COLUMNS: readonly Column[] = [
  { header: ITEM_SEQ_HEADER, width: 8, required: true, hint: '所属信息资源在「信息资源」表中的序号' },
  { header: '信息项名称', field: 'name', width: 24, required: true },
  {
    header: '数据类型',
    field: 'dataType',
    width: 14,
    codeList: DATA_TYPE_LIST,
    required: true,
    hint: '字符串型C、数值型N、货币型Y、日期型D、日期时间型T、逻辑型L、备注型M、通用型G、双精度型B、整型I、浮点型F',
  },
  { header: '长度', field: 'length', width: 6 },
  { header: '是否主键', field: 'isKey', width: 8, codeList: YES_NO_LIST },
  { header: '主键类型', field: 'keyKind', width: 14, codeList: KEY_KIND_LIST },
  { header: '是否个人信息', field: 'personal', width: 10, codeList: YES_NO_LIST },
  { header: '是否基础信息项', field: 'base', width: 10, codeList: YES_NO_LIST },
  {
    header: '信息项共享类型',
    field: 'shareType',
    width: 12,
    codeList: SHARE_TYPE_LIST,
    hint: '与信息资源不同时填写（只能更严格）',
  },
];

/**
 * CSV: one row per information item, the resource's columns repeated on each of its rows (or left
 * blank after the first); a resource without items has one row with the item columns blank.
 * `资源序号` is not needed: `序号` ties the rows together.
 */
export const CSV_COLUMNS: readonly Column[] = [
  ...RESOURCE_COLUMNS,
  ...ITEM_COLUMNS.filter((c) => c.header !== ITEM_SEQ_HEADER),
];

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Header text as written by people: trims, drops a required-marker `*` and full-width spaces. */
export function normalizeHeader(text: string): string {
  return text.normalize('NFKC').replace(/[\s*＊]/g, '');
}
