/**
 * The catalog entry in the national catalog guide's terms (《政务信息资源目录编制指南（试行）》,
 * 发改高技〔2017〕1272号): the vocabulary every other part of the catalog module speaks.
 * Code lists are `as const` arrays so that validation schemas, the portal and the import
 * template all draw from one list.
 */

/** 基础 / 主题 / 部门 信息资源目录: the first digit (类) of the classification code. */
export const CATALOG_CLASSES = ['base', 'theme', 'department'] as const;
export type CatalogClass = (typeof CATALOG_CLASSES)[number];
export const CATALOG_CLASS_DIGIT: Record<CatalogClass, string> = { base: '1', theme: '2', department: '3' };

/**
 * Base catalogs (基础信息资源). The first five are national; 宏观经济 is Neixiang's and 不动产
 * Guangzhou's addition. Which of them an instance offers comes from its profile's `baseResources`.
 * The value is the 项 (two digits) of the classification code.
 */
export const BASE_AREAS = {
  population: '01',
  legal_person: '02',
  natural_resources_geography: '03',
  social_credit: '04',
  e_licence: '05',
  macro_economy: '06',
  real_estate: '07',
} as const;
export type BaseArea = keyof typeof BASE_AREAS;

/** Thematic areas (主题信息资源) named by the guide; the value is the 项 of the classification code. */
export const THEME_AREAS = {
  public_service: '01',
  health: '02',
  social_security: '03',
  food_drug_safety: '04',
  work_safety: '05',
  price_supervision: '06',
  energy_security: '07',
  credit_system: '08',
  urban_rural_construction: '09',
  community_governance: '10',
  ecology: '11',
  emergency_stability: '12',
} as const;
export type ThemeArea = keyof typeof THEME_AREAS;

/**
 * Where an entry sits: 类 (from the catalog class) / 项 (the base or theme area, or the provider
 * department's number in the department catalog) / 目 (three digits) / 细目 (optional digits).
 */
export interface Classification {
  catalog: CatalogClass;
  /** Required for base and theme entries. */
  area?: BaseArea | ThemeArea;
  /** 目: three digits. */
  category: string;
  /** 细目: one or more digits, optional. */
  subcategory?: string;
}

/** 信息资源格式: the format category, with the concrete format (OFD, xlsx, MySQL, REST…) beside it. */
export const FORMAT_CATEGORIES = [
  'electronic_file', // 电子文件
  'spreadsheet', // 电子表格
  'database', // 数据库
  'image', // 图形图像
  'streaming_media', // 流媒体
  'self_describing', // 自描述格式
  'service_interface', // 服务接口
] as const;
export type FormatCategory = (typeof FORMAT_CATEGORIES)[number];

/** 更新周期 */
export const UPDATE_CYCLES = [
  'real_time',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'half_yearly',
  'yearly',
  'other',
] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];

/** 数据类型 codes of the guide: 字符串型C 数值型N 货币型Y 日期型D 日期时间型T 逻辑型L 备注型M 通用型G 双精度型B 整型I 浮点型F. */
export const DATA_TYPES = ['C', 'N', 'Y', 'D', 'T', 'L', 'M', 'G', 'B', 'I', 'F'] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** 共享类型, ordered from most to least shared (a move to the right is a reduction). */
export const SHARE_TYPES = ['unconditional', 'conditional', 'not_shared'] as const;
export type ShareType = (typeof SHARE_TYPES)[number];

/** 共享方式: through the platform (database / interface / file), by mail, or on a medium. */
export const SHARE_METHODS = [
  'platform_database',
  'platform_interface',
  'platform_file',
  'mail',
  'medium',
] as const;
export type ShareMethod = (typeof SHARE_METHODS)[number];

/** Kinds of legal basis, the same list policy profiles use for `shareTypes.legalBasis.allowed`. */
export const LEGAL_BASIS_KINDS = [
  'law',
  'regulation',
  'administrative_regulation',
  'rule',
  'central_policy',
  'policy',
  'other',
] as const;
export type LegalBasisKind = (typeof LEGAL_BASIS_KINDS)[number];

export interface LegalBasis {
  kind: LegalBasisKind;
  /** e.g. 《中华人民共和国居民身份证法》 */
  title: string;
  /** e.g. 第十九条 */
  article: string;
}

/** What a key item identifies, so that values can be validated and digested as identifiers. */
export const KEY_KINDS = ['resident_id', 'social_credit_code', 'organization_code', 'other'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** 信息项 */
export interface InformationItem {
  name: string;
  dataType: DataType;
  /** Length for C/N/Y/B/F types (digits for numbers); absent where the type has none. */
  length?: number;
  /** Whether records are looked up by this item (resident ID number, USCC…). */
  isKey: boolean;
  keyKind?: KeyKind;
  /** Personal information (个人信息): masked unless granted in clear. */
  personal: boolean;
  /** 基础信息项 of a base resource: must be unconditionally shared. */
  base?: boolean;
  /** The item's own share type where it differs from the resource's (only ever stricter). */
  shareType?: ShareType;
}

export interface ShareAttributes {
  type: ShareType;
  /** 共享条件: required for conditional sharing. */
  conditions?: string;
  methods: ShareMethod[];
  /** Required for conditional and not-shared entries (and ratified with them). */
  legalBasis: LegalBasis[];
}

/**
 * Why an open resource may reach the public (R110: 广州 第二十五条, 内乡 第十八条第二款): the
 * providing department consented, or the data lies within the scope of government information
 * disclosure (政府信息公开范围).
 */
export const OPEN_BASES = ['provider_consent', 'disclosure_scope'] as const;
export type OpenBasis = (typeof OPEN_BASES)[number];

export interface OpenAttributes {
  toPublic: boolean;
  conditions?: string;
  /** Required before an entry open to the public is submitted; without it nothing is opened. */
  basis?: OpenBasis;
}

/**
 * 数据分类分级 (809 第十三条第二款): 核心数据 / 重要数据 / 一般数据, the classes of the national data
 * classification and grading system (数据安全法 第二十一条). Only general data is further graded; the
 * regulation fixes no scale, so its levels come from the profile (`catalogPreparation.generalLevels`).
 */
export const DATA_CLASSES = ['core', 'important', 'general'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export interface DataGrading {
  dataClass: DataClass;
  /** The level of general data, a code of the profile's list; absent for core and important data. */
  level?: string;
}

/**
 * 数据文档 (R73: 肥城 第十六条, 广州 第十二条, 内乡 第四条第二款、第七条): under what law or duty the
 * data is collected, and the norms and procedures (规范和程序) by which it is collected, published
 * and maintained. A draft may leave any of it blank; a profile that requires it refuses the
 * submission until all four are written.
 */
export interface DatasetDocumentation {
  /** 采集依据: the law, regulation or statutory duty under which the data is collected. */
  collectionBasis?: string;
  /** 采集规范和程序 */
  collection?: string;
  /** 发布规范和程序 */
  publication?: string;
  /** 维护规范和程序 */
  maintenance?: string;
}

/** The four fields of the documentation, in the order the editor and the template show them. */
export const DOCUMENTATION_FIELDS = ['collectionBasis', 'collection', 'publication', 'maintenance'] as const;
export type DocumentationField = (typeof DOCUMENTATION_FIELDS)[number];

/** Everything a provider writes about a resource; one version of an entry holds one of these. */
export interface EntryContent {
  name: string;
  classification: Classification;
  summary: string;
  format: { category: FormatCategory; concrete: string };
  updateCycle: UpdateCycle;
  /** Free text when the cycle is `other`. */
  updateCycleNote?: string;
  relatedCodes: string[];
  keywords: string[];
  items: InformationItem[];
  share: ShareAttributes;
  open: OpenAttributes;
  /** 涉密: only an instance configured for the internal network accepts it. */
  classified: boolean;
  /** 数据分类分级; absent on entries written before it was asked for (未定级). */
  grading?: DataGrading;
  /** 采集依据 and the norms and procedures of collection, publication and maintenance (R73). */
  documentation?: DatasetDocumentation;
}

/**
 * An entry's life: a provider drafts and submits; the competent authority ratifies (核定) or
 * returns it with comments; the provider publishes what was ratified. Withdrawn entries stay
 * readable with their history.
 */
export const ENTRY_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'ratified',
  'published',
  'withdrawn',
] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** 信息资源代码: classification code `/` six-digit sequence code, e.g. `101001/000042`. */
export const RESOURCE_CODE_PATTERN = '^[1-3]\\d{2}\\d{3}\\d*/\\d{6}$';
