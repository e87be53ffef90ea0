import {
  BASE_AREAS,
  CATALOG_CLASSES,
  DATA_CLASSES,
  DATA_TYPES,
  FORMAT_CATEGORIES,
  KEY_KINDS,
  LEGAL_BASIS_KINDS,
  SHARE_METHODS,
  SHARE_TYPES,
  THEME_AREAS,
  UPDATE_CYCLES,
} from '../model.js';

/**
 * The code lists of the filing template as the national catalog guide prints them. A cell is
 * accepted in the printed Chinese, in the code-list key (`unconditional`), or in a common variant
 * (强制共享类 for Neixiang's label, 字符串型C for a data type); the template writes the printed
 * Chinese so that a filled-in sheet reads like the guide.
 */
export interface CodeListValue<T extends string = string> {
  value: T;
  /** The label the template prints. */
  zh: string;
  /** Other spellings accepted on import. */
  aliases?: string[];
}

export type CodeList<T extends string = string> = readonly CodeListValue<T>[];

function list<T extends string>(
  values: readonly T[],
  labels: Record<T, string | [string, ...string[]]>,
): CodeList<T> {
  return values.map((value) => {
    const label: string | string[] = labels[value];
    const [zh = value, ...aliases] = typeof label === 'string' ? [label] : label;
    return { value, zh, aliases };
  });
}

export const CATALOG_CLASS_LIST = list(CATALOG_CLASSES, {
  base: ['基础', '基础信息资源目录', '基础信息资源', '1'],
  theme: ['主题', '主题信息资源目录', '主题信息资源', '2'],
  department: ['部门', '部门信息资源目录', '部门信息资源', '3'],
});

export const BASE_AREA_LIST = list(Object.keys(BASE_AREAS) as (keyof typeof BASE_AREAS)[], {
  population: ['人口', '人口基础信息资源', '人口基础信息库'],
  legal_person: ['法人单位', '法人', '法人单位基础信息资源', '法人单位基础信息库'],
  natural_resources_geography: ['自然资源和空间地理', '自然资源和空间地理基础信息库', '自然资源与空间地理'],
  social_credit: ['社会信用', '社会信用信息库', '社会信用基础信息库'],
  e_licence: ['电子证照', '电子证照基础信息库', '电子证照库'],
  macro_economy: ['宏观经济', '宏观经济数据库', '宏观经济基础信息库'],
  real_estate: ['不动产', '不动产基础信息库'],
});

export const THEME_AREA_LIST = list(Object.keys(THEME_AREAS) as (keyof typeof THEME_AREAS)[], {
  public_service: '公共服务',
  health: ['健康保障', '健康'],
  social_security: '社会保障',
  food_drug_safety: ['食品药品安全', '食品药品'],
  work_safety: '安全生产',
  price_supervision: ['价格监管', '价格监督'],
  energy_security: '能源安全',
  credit_system: ['信用体系', '信用体系建设'],
  urban_rural_construction: '城乡建设',
  community_governance: '社区治理',
  ecology: ['生态环保', '生态环境保护', '生态环境'],
  emergency_stability: '应急维稳',
});

export const FORMAT_CATEGORY_LIST = list(FORMAT_CATEGORIES, {
  electronic_file: '电子文件',
  spreadsheet: '电子表格',
  database: '数据库',
  image: ['图形图像', '图像'],
  streaming_media: '流媒体',
  self_describing: ['自描述格式', '自描述'],
  service_interface: ['服务接口', '接口'],
});

export const UPDATE_CYCLE_LIST = list(UPDATE_CYCLES, {
  real_time: '实时',
  daily: ['每日', '每天', '日'],
  weekly: ['每周', '周'],
  monthly: ['每月', '月'],
  quarterly: ['每季度', '季度', '每季'],
  half_yearly: ['每半年', '半年'],
  yearly: ['每年', '年', '年度'],
  other: '其他',
});

export const DATA_TYPE_NAMES: Record<(typeof DATA_TYPES)[number], string> = {
  C: '字符串型',
  N: '数值型',
  Y: '货币型',
  D: '日期型',
  T: '日期时间型',
  L: '逻辑型',
  M: '备注型',
  G: '通用型',
  B: '双精度型',
  I: '整型',
  F: '浮点型',
};

export const DATA_TYPE_LIST: CodeList<(typeof DATA_TYPES)[number]> = DATA_TYPES.map((code) => ({
  value: code,
  zh: `${DATA_TYPE_NAMES[code]}${code}`,
  aliases: [DATA_TYPE_NAMES[code], `${code}${DATA_TYPE_NAMES[code]}`, `${DATA_TYPE_NAMES[code]}(${code})`],
}));

/** 数据分类分级 (809 第十三条第二款). */
export const DATA_CLASS_LIST = list(DATA_CLASSES, {
  core: ['核心数据', '核心'],
  important: ['重要数据', '重要'],
  general: ['一般数据', '一般'],
});

export const SHARE_TYPE_LIST = list(SHARE_TYPES, {
  unconditional: ['无条件共享', '无条件共享类', '强制共享类', '强制共享'],
  conditional: ['有条件共享', '有条件共享类', '条件共享类', '条件共享'],
  not_shared: ['不予共享', '不予共享类'],
});

export const SHARE_METHOD_LIST = list(SHARE_METHODS, {
  platform_database: ['共享平台方式（数据库）', '共享平台方式(数据库)', '数据库', '平台数据库'],
  platform_interface: ['共享平台方式（接口）', '共享平台方式(接口)', '接口', '平台接口'],
  platform_file: ['共享平台方式（文件）', '共享平台方式(文件)', '文件', '平台文件'],
  mail: ['邮件方式', '邮件'],
  medium: ['介质方式', '介质', '光盘'],
});

export const LEGAL_BASIS_KIND_LIST = list(LEGAL_BASIS_KINDS, {
  law: '法律',
  regulation: ['法规', '地方性法规'],
  administrative_regulation: '行政法规',
  rule: ['规章', '部门规章', '政府规章'],
  central_policy: ['党中央、国务院政策文件', '中央政策', '国务院政策文件'],
  policy: ['政策', '政策文件'],
  other: ['其他', '其他依据'],
});

export const KEY_KIND_LIST = list(KEY_KINDS, {
  resident_id: ['居民身份证号码', '公民身份号码', '身份证号码', '身份证号'],
  social_credit_code: ['统一社会信用代码', '信用代码'],
  organization_code: ['组织机构代码', '机构代码'],
  other: '其他',
});

export const YES_NO_LIST: CodeList<'yes' | 'no'> = [
  { value: 'yes', zh: '是', aliases: ['y', 'yes', 'true', '1', '√'] },
  { value: 'no', zh: '否', aliases: ['n', 'no', 'false', '0', '×'] },
];

/** Folds full-width brackets and spaces so that （接口） and (接口 ) match alike. */
function fold(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const indexes = new WeakMap<CodeList, Map<string, string>>();

function indexOf(codeList: CodeList): Map<string, string> {
  let index = indexes.get(codeList);
  if (!index) {
    index = new Map();
    for (const entry of codeList) {
      for (const spelling of [entry.value, entry.zh, ...(entry.aliases ?? [])])
        if (!index.has(fold(spelling))) index.set(fold(spelling), entry.value);
    }
    indexes.set(codeList, index);
  }
  return index;
}

/** The code-list value a cell names, or undefined when it names none. */
export function lookUp<T extends string>(codeList: CodeList<T>, text: string): T | undefined {
  return indexOf(codeList).get(fold(text)) as T | undefined;
}

/** The printed label of a value (the value itself when the list does not know it). */
export function labelOf(codeList: CodeList, value: string): string {
  return codeList.find((entry) => entry.value === value)?.zh ?? value;
}

/** The printed labels, for drop-downs and for error messages listing what is allowed. */
export function labelsOf(codeList: CodeList): string[] {
  return codeList.map((entry) => entry.zh);
}
