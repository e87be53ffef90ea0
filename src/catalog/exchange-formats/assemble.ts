import { BASE_AREAS, DOCUMENTATION_FIELDS, THEME_AREAS } from '../model.js';
import { SheetView, splitList } from './cells.js';
import {
  BASE_AREA_LIST,
  CATALOG_CLASS_LIST,
  DATA_CLASS_LIST,
  DATA_TYPE_LIST,
  FORMAT_CATEGORY_LIST,
  KEY_KIND_LIST,
  lookUp,
  SHARE_METHOD_LIST,
  SHARE_TYPE_LIST,
  THEME_AREA_LIST,
  UPDATE_CYCLE_LIST,
} from './code-lists.js';
import {
  AREA_LIST,
  CSV_COLUMNS,
  DOCUMENTATION_HEADERS,
  ITEM_COLUMNS,
  ITEM_SEQ_HEADER,
  ITEM_SHEET,
  RESOURCE_COLUMNS,
  RESOURCE_SHEET,
  SEQ_HEADER,
} from './columns.js';
import type { CellLocation, ImportProblem } from './problems.js';
import type { SheetRows, SourceKind } from './read.js';

type Row = { number: number; cells: string[] };

/**
 * One resource as the file describes it: the EntryContent its cells spell (possibly incomplete or
 * wrong: the catalog rules judge it), and where each of its fields came from.
 */
export interface AssembledResource {
  seq: string;
  content: Record<string, unknown>;
  /** The cell a validation issue on `field` (`items[2].dataType`, `share.legalBasis`) points at. */
  locate(field: string): CellLocation;
  /** Fields whose cells could not be read (already reported; the catalog rules need not repeat them). */
  unreadable: string[];
}

export interface Assembled {
  resources: AssembledResource[];
  problems: ImportProblem[];
}

/** Turns the sheets of an import file into resources, with a problem for every unreadable cell. */
export function assemble(sheets: SheetRows[], kind: SourceKind): Assembled {
  return kind === 'csv' ? assembleCsv(sheets) : assembleWorkbook(sheets);
}

function assembleWorkbook(sheets: SheetRows[]): Assembled {
  const problems: ImportProblem[] = [];
  const resourceSheet = sheets.find((s) => s.name === RESOURCE_SHEET);
  const itemSheet = sheets.find((s) => s.name === ITEM_SHEET);
  for (const [name, sheet] of [
    [RESOURCE_SHEET, resourceSheet],
    [ITEM_SHEET, itemSheet],
  ] as const)
    if (!sheet)
      problems.push({ sheet: name, row: 1, code: 'CATALOG_IMPORT_SHEET_MISSING', params: { sheet: name } });
  if (!resourceSheet) return { resources: [], problems };
  const resources = new SheetView(resourceSheet, RESOURCE_COLUMNS, problems);
  const items = itemSheet ? new SheetView(itemSheet, ITEM_COLUMNS, problems) : undefined;
  if (problems.length > 0) return { resources: [], problems };

  const built = new Map<string, Building>();
  for (const row of resourceSheet.rows) {
    const seq = sequenceOf(resources, row, SEQ_HEADER, built, problems);
    if (seq === undefined) continue;
    const unreadable: string[] = [];
    const content = reading(problems, unreadable, () => readResource(resources, row));
    built.set(seq, { seq, row, view: resources, content, items: [], unreadable });
  }
  for (const row of itemSheet?.rows ?? []) {
    if (!items) break;
    const seq = items.text(row.cells, ITEM_SEQ_HEADER);
    const owner = built.get(seq);
    if (!seq) {
      problems.push({
        ...items.at(row.number, ITEM_SEQ_HEADER),
        code: 'CATALOG_IMPORT_SEQ_MISSING',
        params: { header: ITEM_SEQ_HEADER },
      });
    } else if (!owner) {
      problems.push({
        ...items.at(row.number, ITEM_SEQ_HEADER),
        code: 'CATALOG_IMPORT_RESOURCE_UNKNOWN',
        params: { seq },
      });
    } else {
      const at = `items[${owner.items.length}]`;
      const item = reading(problems, owner.unreadable, () => readItem(items, row, at));
      owner.items.push({ row, view: items, item });
    }
  }
  return finish(built, problems);
}

function assembleCsv(sheets: SheetRows[]): Assembled {
  const problems: ImportProblem[] = [];
  const sheet = sheets[0];
  if (!sheet) return { resources: [], problems };
  const view = new SheetView(sheet, CSV_COLUMNS, problems);
  if (problems.length > 0) return { resources: [], problems };
  const built = new Map<string, Building>();
  for (const row of sheet.rows) {
    const seq = view.text(row.cells, SEQ_HEADER);
    let owner = built.get(seq);
    if (!owner) {
      if (sequenceOf(view, row, SEQ_HEADER, built, problems) === undefined) continue;
      const unreadable: string[] = [];
      const content = reading(problems, unreadable, () => readResource(view, row));
      owner = { seq, row, view, content, items: [], unreadable };
      built.set(seq, owner);
    } else {
      checkRepeat(view, owner, row, problems);
    }
    const hasItem = ITEM_COLUMNS.some((c) => c.header !== ITEM_SEQ_HEADER && view.text(row.cells, c.header));
    if (hasItem) {
      const at = `items[${owner.items.length}]`;
      const item = reading(problems, owner.unreadable, () => readItem(view, row, at));
      owner.items.push({ row, view, item });
    }
  }
  return finish(built, problems);
}

interface Building {
  seq: string;
  row: Row;
  view: SheetView;
  content: Record<string, unknown>;
  items: { row: Row; view: SheetView; item: Record<string, unknown> }[];
  unreadable: string[];
}

/** Runs `read` and notes the fields of the problems it recorded. */
function reading<T>(problems: ImportProblem[], unreadable: string[], read: () => T): T {
  const before = problems.length;
  const value = read();
  for (const p of problems.slice(before)) if (p.field) unreadable.push(p.field);
  return value;
}

function finish(built: Map<string, Building>, problems: ImportProblem[]): Assembled {
  if (built.size === 0 && problems.length === 0)
    problems.push({ sheet: RESOURCE_SHEET, row: 2, code: 'CATALOG_IMPORT_EMPTY' });
  const resources = [...built.values()].map(
    (b): AssembledResource => ({
      seq: b.seq,
      content: { ...b.content, items: b.items.map((i) => i.item) },
      locate: (field) => locate(b, field),
      unreadable: b.unreadable,
    }),
  );
  return { resources, problems };
}

function locate(b: Building, field: string): CellLocation {
  const item = /^items\[(\d+)\](?:\.(.+))?$/.exec(field);
  if (item) {
    const found = b.items[Number(item[1])];
    if (found) {
      const column = item[2] ? found.view.columnFor(item[2]) : undefined;
      return found.view.at(found.row.number, column?.header ?? '');
    }
  }
  const column = b.view.columnFor(field === 'updateCycleNote' ? 'updateCycle' : field);
  return b.view.at(b.row.number, column?.header ?? '');
}

function sequenceOf(
  view: SheetView,
  row: Row,
  header: string,
  built: Map<string, Building>,
  problems: ImportProblem[],
): string | undefined {
  const seq = view.text(row.cells, header);
  if (!seq) {
    problems.push({ ...view.at(row.number, header), code: 'CATALOG_IMPORT_SEQ_MISSING', params: { header } });
    return undefined;
  }
  const first = built.get(seq);
  if (first) {
    problems.push({
      ...view.at(row.number, header),
      code: 'CATALOG_IMPORT_SEQ_DUPLICATE',
      params: { seq, firstRow: first.row.number },
    });
    return undefined;
  }
  return seq;
}

/** CSV rows after a resource's first may repeat its columns or leave them blank, but not differ. */
function checkRepeat(view: SheetView, owner: Building, row: Row, problems: ImportProblem[]): void {
  for (const column of RESOURCE_COLUMNS) {
    if (column.exportOnly || column.header === SEQ_HEADER) continue;
    const text = view.text(row.cells, column.header);
    if (text && text !== view.text(owner.row.cells, column.header))
      problems.push({
        ...view.at(row.number, column.header),
        ...(column.field ? { field: column.field } : {}),
        code: 'CATALOG_IMPORT_REPEAT_MISMATCH',
        params: { seq: owner.seq, header: column.header, firstRow: owner.row.number },
      });
  }
}

function optional<T>(key: string, value: T | undefined): Record<string, T> {
  return value === undefined || value === '' ? {} : { [key]: value };
}

function readResource(view: SheetView, row: Row): Record<string, unknown> {
  const catalog = view.code(row, '目录类别', 'classification.catalog', CATALOG_CLASS_LIST);
  const cycleText = view.text(row.cells, '更新周期');
  const other = /^(其他|其它|other)\s*[:：]\s*(.+)$/i.exec(cycleText);
  const updateCycle = other ? 'other' : view.code(row, '更新周期', 'updateCycle', UPDATE_CYCLE_LIST);
  return {
    // A blank name is left out, so that the rules report it as a required field.
    ...optional('name', view.text(row.cells, '信息资源名称')),
    classification: {
      ...optional('catalog', catalog),
      ...optional('area', readArea(view, row, catalog)),
      ...optional('category', category(view.text(row.cells, '目'))),
      ...optional('subcategory', view.text(row.cells, '细目')),
    },
    summary: view.text(row.cells, '信息资源摘要'),
    format: {
      ...optional('category', view.code(row, '格式分类', 'format.category', FORMAT_CATEGORY_LIST)),
      concrete: view.text(row.cells, '具体格式'),
    },
    ...optional('updateCycle', updateCycle),
    ...optional('updateCycleNote', other?.[2]?.trim()),
    relatedCodes: splitList(view.text(row.cells, '关联资源代码')),
    keywords: splitList(view.text(row.cells, '关键字')),
    share: {
      ...optional('type', view.code(row, '共享类型', 'share.type', SHARE_TYPE_LIST)),
      ...optional('conditions', view.text(row.cells, '共享条件')),
      methods: view.codes(row, '共享方式', 'share.methods', SHARE_METHOD_LIST),
      legalBasis: view.legalBasis(row, '法律依据', 'share.legalBasis'),
    },
    open: {
      ...optional('toPublic', view.flag(row, '是否向社会开放', 'open.toPublic')),
      ...optional('conditions', view.text(row.cells, '开放条件')),
    },
    ...optional('classified', view.flag(row, '是否涉密', 'classified')),
    ...optional('grading', readGrading(view, row)),
    ...optional('documentation', readDocumentation(view, row)),
  };
}

/** The four documentation columns (R73); all blank, or a file from before they existed, is none. */
function readDocumentation(view: SheetView, row: Row): Record<string, string> | undefined {
  const documentation: Record<string, string> = {};
  for (const field of DOCUMENTATION_FIELDS) {
    const text = view.text(row.cells, DOCUMENTATION_HEADERS[field]);
    if (text) documentation[field] = text;
  }
  return Object.keys(documentation).length > 0 ? documentation : undefined;
}

/** 数据分类 and 数据级别; both blank is an entry not yet graded (未定级). */
function readGrading(view: SheetView, row: Row): Record<string, unknown> | undefined {
  const level = view.text(row.cells, '数据级别');
  if (!view.text(row.cells, '数据分类') && !level) return undefined;
  return {
    ...optional('dataClass', view.code(row, '数据分类', 'grading.dataClass', DATA_CLASS_LIST)),
    ...optional('level', level || undefined),
  };
}

/** 目 is three digits; Excel turns 001 typed into a number cell into 1, so short numbers are padded. */
function category(text: string): string {
  return /^\d{1,2}$/.test(text) ? text.padStart(3, '0') : text;
}

/** The area is read against the list its catalog class uses; a bare 项 code (01) is accepted too. */
function readArea(view: SheetView, row: Row, catalog: string | undefined): string | undefined {
  const text = view.text(row.cells, '基础/主题领域');
  if (!text) return undefined;
  const byCode = (areas: Record<string, string>) => Object.keys(areas).find((k) => areas[k] === text);
  if (catalog === 'base' && /^\d{2}$/.test(text)) return byCode(BASE_AREAS) ?? text;
  if (catalog === 'theme' && /^\d{2}$/.test(text)) return byCode(THEME_AREAS) ?? text;
  const list = catalog === 'base' ? BASE_AREA_LIST : catalog === 'theme' ? THEME_AREA_LIST : AREA_LIST;
  if (catalog === 'department') return lookUp(AREA_LIST, text) ?? text;
  return view.code(row, '基础/主题领域', 'classification.area', list);
}

function readItem(view: SheetView, row: Row, path: string): Record<string, unknown> {
  return {
    name: view.text(row.cells, '信息项名称'),
    ...optional('dataType', view.code(row, '数据类型', `${path}.dataType`, DATA_TYPE_LIST)),
    ...optional('length', view.whole(row, '长度', `${path}.length`)),
    isKey: view.flag(row, '是否主键', `${path}.isKey`) ?? false,
    ...optional('keyKind', view.code(row, '主键类型', `${path}.keyKind`, KEY_KIND_LIST)),
    personal: view.flag(row, '是否个人信息', `${path}.personal`) ?? false,
    ...optional('base', view.flag(row, '是否基础信息项', `${path}.base`)),
    ...optional('shareType', view.code(row, '信息项共享类型', `${path}.shareType`, SHARE_TYPE_LIST)),
  };
}
