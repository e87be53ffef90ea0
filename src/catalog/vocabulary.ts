import type { NetworkZone } from '../platform/config/index.js';
import type { Profile } from '../platform/profiles/index.js';
import {
  BASE_AREAS,
  type BaseArea,
  CATALOG_CLASS_DIGIT,
  CATALOG_CLASSES,
  type CatalogClass,
  DATA_CLASSES,
  DATA_TYPES,
  type DataClass,
  type DataType,
  FORMAT_CATEGORIES,
  type FormatCategory,
  KEY_KINDS,
  type KeyKind,
  LEGAL_BASIS_KINDS,
  type LegalBasisKind,
  SHARE_METHODS,
  SHARE_TYPES,
  type ShareMethod,
  type ShareType,
  THEME_AREAS,
  type ThemeArea,
  UPDATE_CYCLES,
  type UpdateCycle,
} from './model.js';

export interface Label {
  zh: string;
  en: string;
}

export const CATALOG_CLASS_LABELS: Record<CatalogClass, Label> = {
  base: { zh: '基础信息资源目录', en: 'Base catalog' },
  theme: { zh: '主题信息资源目录', en: 'Thematic catalog' },
  department: { zh: '部门信息资源目录', en: 'Department catalog' },
};

export const BASE_AREA_LABELS: Record<BaseArea, Label> = {
  population: { zh: '人口基础信息', en: 'Population' },
  legal_person: { zh: '法人单位基础信息', en: 'Legal persons' },
  natural_resources_geography: { zh: '自然资源和空间地理基础信息', en: 'Natural resources & geospatial' },
  social_credit: { zh: '社会信用基础信息', en: 'Social credit' },
  e_licence: { zh: '电子证照基础信息', en: 'Electronic licences' },
  macro_economy: { zh: '宏观经济基础信息', en: 'Macro-economy' },
  real_estate: { zh: '不动产基础信息', en: 'Real estate' },
};

export const THEME_AREA_LABELS: Record<ThemeArea, Label> = {
  public_service: { zh: '公共服务', en: 'Public services' },
  health: { zh: '健康保障', en: 'Health' },
  social_security: { zh: '社会保障', en: 'Social security' },
  food_drug_safety: { zh: '食品药品安全', en: 'Food & drug safety' },
  work_safety: { zh: '安全生产', en: 'Work safety' },
  price_supervision: { zh: '价格监管', en: 'Price supervision' },
  energy_security: { zh: '能源安全', en: 'Energy security' },
  credit_system: { zh: '信用体系', en: 'Credit system' },
  urban_rural_construction: { zh: '城乡建设', en: 'Urban & rural construction' },
  community_governance: { zh: '社区治理', en: 'Community governance' },
  ecology: { zh: '生态环保', en: 'Ecology & environment' },
  emergency_stability: { zh: '应急维稳', en: 'Emergency & stability' },
};

export const FORMAT_CATEGORY_LABELS: Record<FormatCategory, Label> = {
  electronic_file: { zh: '电子文件', en: 'Electronic file' },
  spreadsheet: { zh: '电子表格', en: 'Spreadsheet' },
  database: { zh: '数据库', en: 'Database' },
  image: { zh: '图形图像', en: 'Image' },
  streaming_media: { zh: '流媒体', en: 'Streaming media' },
  self_describing: { zh: '自描述格式', en: 'Self-describing format' },
  service_interface: { zh: '服务接口', en: 'Service interface' },
};

export const UPDATE_CYCLE_LABELS: Record<UpdateCycle, Label> = {
  real_time: { zh: '实时', en: 'Real time' },
  daily: { zh: '每日', en: 'Daily' },
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  half_yearly: { zh: '每半年', en: 'Half-yearly' },
  yearly: { zh: '每年', en: 'Yearly' },
  other: { zh: '其他', en: 'Other' },
};

export const DATA_TYPE_LABELS: Record<DataType, Label> = {
  C: { zh: '字符串型', en: 'String' },
  N: { zh: '数值型', en: 'Numeric' },
  Y: { zh: '货币型', en: 'Currency' },
  D: { zh: '日期型', en: 'Date' },
  T: { zh: '日期时间型', en: 'Date-time' },
  L: { zh: '逻辑型', en: 'Boolean' },
  M: { zh: '备注型', en: 'Memo' },
  G: { zh: '通用型', en: 'General' },
  B: { zh: '双精度型', en: 'Double' },
  I: { zh: '整型', en: 'Integer' },
  F: { zh: '浮点型', en: 'Float' },
};

export const SHARE_TYPE_LABELS: Record<ShareType, Label> = {
  unconditional: { zh: '无条件共享', en: 'Unconditional' },
  conditional: { zh: '有条件共享', en: 'Conditional' },
  not_shared: { zh: '不予共享', en: 'Not shared' },
};

export const SHARE_METHOD_LABELS: Record<ShareMethod, Label> = {
  platform_database: { zh: '共享平台方式（数据库）', en: 'Platform (database)' },
  platform_interface: { zh: '共享平台方式（接口）', en: 'Platform (interface)' },
  platform_file: { zh: '共享平台方式（文件）', en: 'Platform (file)' },
  mail: { zh: '邮件方式', en: 'Mail' },
  medium: { zh: '介质方式', en: 'Medium' },
};

export const LEGAL_BASIS_KIND_LABELS: Record<LegalBasisKind, Label> = {
  law: { zh: '法律', en: 'Law' },
  regulation: { zh: '法规', en: 'Regulation' },
  administrative_regulation: { zh: '行政法规', en: 'Administrative regulation' },
  rule: { zh: '规章', en: 'Rule' },
  central_policy: { zh: '党中央、国务院政策', en: 'Central policy' },
  policy: { zh: '政策', en: 'Policy' },
  other: { zh: '其他依据', en: 'Other basis' },
};

export const KEY_KIND_LABELS: Record<KeyKind, Label> = {
  resident_id: { zh: '公民身份号码', en: 'Resident ID number' },
  social_credit_code: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  organization_code: { zh: '组织机构代码', en: 'Organization code' },
  other: { zh: '其他标识', en: 'Other identifier' },
};

export const DATA_CLASS_LABELS: Record<DataClass, Label> = {
  core: { zh: '核心数据', en: 'Core data' },
  important: { zh: '重要数据', en: 'Important data' },
  general: { zh: '一般数据', en: 'General data' },
};

export interface VocabularyItem {
  value: string;
  label: Label;
  /** The digits this value contributes to the classification code (类 or 项). */
  code?: string;
}

export interface Vocabulary {
  catalogClasses: VocabularyItem[];
  baseAreas: VocabularyItem[];
  themeAreas: VocabularyItem[];
  formatCategories: VocabularyItem[];
  updateCycles: VocabularyItem[];
  dataTypes: VocabularyItem[];
  shareTypes: VocabularyItem[];
  shareMethods: VocabularyItem[];
  legalBasisKinds: VocabularyItem[];
  keyKinds: VocabularyItem[];
  /** 数据分类分级 (809 第十三条第二款) and the profile's levels of general data. */
  dataClasses: VocabularyItem[];
  generalLevels: VocabularyItem[];
  gradingRequired: boolean;
  /** R73: whether 采集依据 and the collection, publication and maintenance procedures are required. */
  documentationRequired: boolean;
  /** The text of the profile's documentation rule, to show beside the fields ('' when it has none). */
  documentationArticle: string;
  legalBasisRequiredFor: ShareType[];
  /** The article the legal-basis rule comes from, to show beside the field. */
  legalBasisArticle: string;
  networkZone: NetworkZone;
}

const list = <T extends string>(values: readonly T[], labels: Record<T, Label>): VocabularyItem[] =>
  values.map((value) => ({ value, label: labels[value] }));

/**
 * The code lists an editor offers, as this instance's profile narrows them: only the base
 * catalogs the profile lists, its own labels for the share types (强制共享类 in Neixiang), and
 * the kinds of legal basis it accepts.
 */
export function catalogVocabulary(profile: Profile, networkZone: NetworkZone): Vocabulary {
  const nativeLabels = profile.shareTypes.labels.value;
  const allowedKinds = profile.shareTypes.legalBasis.value.allowed as LegalBasisKind[];
  return {
    catalogClasses: CATALOG_CLASSES.map((value) => ({
      value,
      label: CATALOG_CLASS_LABELS[value],
      code: CATALOG_CLASS_DIGIT[value],
    })),
    baseAreas: profile.baseResources.value.resources
      .filter((area): area is BaseArea => area in BASE_AREAS)
      .map((value) => ({ value, label: BASE_AREA_LABELS[value], code: BASE_AREAS[value] })),
    themeAreas: (Object.keys(THEME_AREAS) as ThemeArea[]).map((value) => ({
      value,
      label: THEME_AREA_LABELS[value],
      code: THEME_AREAS[value],
    })),
    formatCategories: list(FORMAT_CATEGORIES, FORMAT_CATEGORY_LABELS),
    updateCycles: list(UPDATE_CYCLES, UPDATE_CYCLE_LABELS),
    dataTypes: DATA_TYPES.map((value) => ({
      value,
      label: { zh: `${DATA_TYPE_LABELS[value].zh}${value}`, en: `${DATA_TYPE_LABELS[value].en} (${value})` },
    })),
    shareTypes: SHARE_TYPES.map((value) => ({
      value,
      label: { zh: nativeLabels[value] ?? SHARE_TYPE_LABELS[value].zh, en: SHARE_TYPE_LABELS[value].en },
    })),
    shareMethods: list(SHARE_METHODS, SHARE_METHOD_LABELS),
    // A profile that names no kinds accepts any (validation agrees).
    legalBasisKinds: list(
      allowedKinds.length > 0 ? allowedKinds : LEGAL_BASIS_KINDS,
      LEGAL_BASIS_KIND_LABELS,
    ),
    keyKinds: list(KEY_KINDS, KEY_KIND_LABELS),
    dataClasses: list(DATA_CLASSES, DATA_CLASS_LABELS),
    generalLevels: (profile.catalogPreparation?.generalLevels?.value ?? []).map((l) => ({
      value: l.code,
      label: { zh: l.zh, en: l.en },
    })),
    gradingRequired: profile.catalogPreparation?.grading?.value === true,
    documentationRequired: profile.catalogPreparation?.documentation?.value === true,
    documentationArticle:
      profile.catalogPreparation?.documentation?.value === true
        ? profile.catalogPreparation.documentation.text
        : '',
    legalBasisRequiredFor: [...profile.shareTypes.legalBasis.value.requiredFor] as ShareType[],
    legalBasisArticle: profile.shareTypes.legalBasis.text,
    networkZone,
  };
}
