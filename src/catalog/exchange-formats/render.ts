import { DOCUMENTATION_FIELDS, type EntryContent } from '../model.js';
import {
  CATALOG_CLASS_LIST,
  DATA_CLASS_LIST,
  DATA_TYPE_LIST,
  FORMAT_CATEGORY_LIST,
  KEY_KIND_LIST,
  LEGAL_BASIS_KIND_LIST,
  labelOf,
  SHARE_METHOD_LIST,
  SHARE_TYPE_LIST,
  UPDATE_CYCLE_LIST,
} from './code-lists.js';
import { AREA_LIST, DOCUMENTATION_HEADERS } from './columns.js';
import type { RowCells } from './template.js';

/** What an export knows about an entry besides its content. */
export interface ExportedEntry {
  code: string;
  status: string;
  provider: { name: string; code: string };
  publishDate: string | null;
  content: EntryContent;
}

const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  submitted: '已报送',
  returned: '已退回',
  ratified: '已核定',
  published: '已发布',
  withdrawn: '已撤销',
};

const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? '是' : '否');

/**
 * An entry as template rows, in the printed Chinese of the guide, so that the export reads like
 * a filled-in template and imports again to the same content.
 */
export function entryRows(entry: ExportedEntry, seq: number): { resource: RowCells; items: RowCells[] } {
  const c = entry.content;
  const cycle = labelOf(UPDATE_CYCLE_LIST, c.updateCycle);
  const resource: RowCells = {
    序号: String(seq),
    目录类别: labelOf(CATALOG_CLASS_LIST, c.classification.catalog),
    '基础/主题领域': c.classification.area ? labelOf(AREA_LIST, c.classification.area) : undefined,
    目: c.classification.category,
    细目: c.classification.subcategory,
    信息资源名称: c.name,
    信息资源摘要: c.summary,
    格式分类: labelOf(FORMAT_CATEGORY_LIST, c.format.category),
    具体格式: c.format.concrete,
    更新周期: c.updateCycle === 'other' && c.updateCycleNote ? `${cycle}：${c.updateCycleNote}` : cycle,
    共享类型: labelOf(SHARE_TYPE_LIST, c.share.type),
    共享条件: c.share.conditions,
    共享方式: c.share.methods.map((m) => labelOf(SHARE_METHOD_LIST, m)).join('、'),
    法律依据: c.share.legalBasis
      .map((b) => `${labelOf(LEGAL_BASIS_KIND_LIST, b.kind)}|${b.title}|${b.article}`)
      .join(';\n'),
    是否向社会开放: yesNo(c.open.toPublic),
    开放条件: c.open.conditions,
    是否涉密: yesNo(c.classified),
    数据分类: c.grading ? labelOf(DATA_CLASS_LIST, c.grading.dataClass) : undefined,
    数据级别: c.grading?.level,
    ...documentationCells(c),
    关键字: c.keywords.join('、'),
    关联资源代码: c.relatedCodes.join(';'),
    信息资源代码: entry.code,
    信息资源提供方: entry.provider.name,
    信息资源提供方代码: entry.provider.code,
    发布日期: entry.publishDate ?? undefined,
    状态: STATUS_LABELS[entry.status] ?? entry.status,
  };
  const items = c.items.map(
    (item): RowCells => ({
      资源序号: String(seq),
      信息项名称: item.name,
      数据类型: labelOf(DATA_TYPE_LIST, item.dataType),
      长度: item.length,
      是否主键: yesNo(item.isKey),
      主键类型: item.keyKind ? labelOf(KEY_KIND_LIST, item.keyKind) : undefined,
      是否个人信息: yesNo(item.personal),
      是否基础信息项: yesNo(item.base),
      信息项共享类型: item.shareType ? labelOf(SHARE_TYPE_LIST, item.shareType) : undefined,
    }),
  );
  return { resource, items };
}

/** The documentation columns (R73) of an entry; blank where it has none. */
function documentationCells(c: EntryContent): RowCells {
  return Object.fromEntries(
    DOCUMENTATION_FIELDS.map((field) => [DOCUMENTATION_HEADERS[field], c.documentation?.[field]]),
  );
}

/** A department's entries as the template's two sheets. */
export function catalogRows(entries: readonly ExportedEntry[]): { resources: RowCells[]; items: RowCells[] } {
  const resources: RowCells[] = [];
  const items: RowCells[] = [];
  entries.forEach((entry, i) => {
    const rows = entryRows(entry, i + 1);
    resources.push(rows.resource);
    items.push(...rows.items);
  });
  return { resources, items };
}
