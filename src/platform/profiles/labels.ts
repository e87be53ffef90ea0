/**
 * Names for the profile's values, zh-CN first: the CLI (`govshare profile show`) and the portal's
 * 政策配置 page show these instead of field names and enum values. No imports, so that the portal
 * can bundle it as it is.
 */
export type Lang = 'zh' | 'en';
export interface Label {
  zh: string;
  en: string;
}

/** Every cited value of the profile by its JSON pointer. */
export const PROFILE_ITEM_LABELS: Record<string, Label> = {
  '/inForce': { zh: '施行期间', en: 'In force' },
  '/authorityLabels/authority': { zh: '主管部门称谓', en: 'Competent authority' },
  '/authorityLabels/catalogRegistrar': { zh: '目录审核/汇总机构', en: 'Catalog registrar' },
  '/authorityLabels/coordinator': { zh: '争议协调机构', en: 'Dispute coordinator' },
  '/authorityLabels/platformOperator': { zh: '平台建设管理单位', en: 'Platform operator' },
  '/platform/topology': { zh: '平台层级', en: 'Platform topology' },
  '/platform/use': { zh: '是否须经平台共享', en: 'Use of the platform' },
  '/workflow/accessFlow': { zh: '共享申请的办理方式', en: 'Access flow' },
  '/workflow/onApplicationCovers': { zh: '依申请共享的范围', en: 'What an application covers' },
  '/workflow/outOfCatalog': {
    zh: '不予共享或目录外数据的处理',
    en: 'Data not shared or outside the catalog',
  },
  '/workflow/requesterHeadApproval': {
    zh: '申请须经本部门共享工作机构负责人同意',
    en: 'Application consented to by the requester’s sharing-office head',
  },
  '/workflow/providerHeadApproval': {
    zh: '答复须经提供部门共享工作机构负责人同意',
    en: 'Answer consented to by the provider’s sharing-office head',
  },
  '/deadlines/reply': { zh: '有条件共享申请的答复期限', en: 'Reply to an application (conditional data)' },
  '/deadlines/replyUnconditional': {
    zh: '无条件共享申请的答复期限',
    en: 'Reply to a request for unconditional data',
  },
  '/deadlines/replyExtension': {
    zh: '答复期限的延长（最长）',
    en: 'Extension of the reply period (at most)',
  },
  '/deadlines/supply': { zh: '同意共享后提供数据的期限', en: 'Supply after agreeing to share' },
  '/deadlines/negotiation': { zh: '协商期限', en: 'Negotiation' },
  '/deadlines/coordination': { zh: '协调期限', en: 'Coordination' },
  '/deadlines/supplyAfterGovernmentDecision': {
    zh: '人民政府决定后提供数据的期限',
    en: 'Supply after a government decision',
  },
  '/deadlines/catalogUpdateAfterLawChange': {
    zh: '法律法规或职责变化后更新目录的期限',
    en: 'Catalog update after a change of law or mandate',
  },
  '/deadlines/catalogUpdateExtension': { zh: '目录更新期限的延长', en: 'Extension of the catalog update' },
  '/deadlines/catalogUpdateReview': {
    zh: '主管部门审核发布更新目录的期限',
    en: 'Authority review of an updated catalog',
  },
  '/deadlines/correctionReport': { zh: '提出校核申请的时限', en: 'Filing a correction request' },
  '/deadlines/correctionHandling': { zh: '校核处理期限', en: 'Handling a correction request' },
  '/deadlines/correctionProviderCheck': { zh: '提供部门核实期限', en: 'Provider check of a correction' },
  '/correction/channel': { zh: '校核申请的受理部门', en: 'Where a correction request goes' },
  '/correction/written': { zh: '校核申请须书面提出', en: 'Correction request in writing' },
  '/correction/serviceContinuity': { zh: '校核期间继续提供', en: 'Service continues during a correction' },
  '/logs/required': { zh: '须保存的记录', en: 'Records required' },
  '/logs/retention': { zh: '记录保存期限', en: 'Record retention' },
  '/logs/captureContent': { zh: '记录所获取的数据内容', en: 'Record the content obtained' },
  '/shareTypes/labels': { zh: '共享属性分类', en: 'Share types' },
  '/shareTypes/legalBasis': { zh: '须列明依据的共享属性', en: 'Legal basis required' },
  '/onwardSharing': { zh: '扩大使用范围或提供给第三方', en: 'Onward sharing' },
  '/classifiedData': { zh: '涉密数据', en: 'Classified data' },
  '/updateTimeliness/rule': { zh: '数据更新时限', en: 'Update timeliness' },
  '/updateTimeliness/realTime': { zh: '须实时更新的数据', en: 'Data updated in real time' },
  '/updateTimeliness/otherData': { zh: '其他数据的更新期限', en: 'Update of other data' },
  '/updateTimeliness/fallback': { zh: '未定更新频率时的默认周期', en: 'Fallback update cycle' },
  '/updateTimeliness/restrictLate': {
    zh: '未按时更新可限制其权益',
    en: 'Late departments may be restricted',
  },
  '/removal': { zh: '终止或变更共享服务', en: 'Stopping or changing a service' },
  '/catalogApproval': { zh: '目录审核', en: 'Catalog approval' },
  '/baseResources': { zh: '基础信息资源目录', en: 'Base catalogs' },
  '/evaluation/indicators': { zh: '考核指标与权重', en: 'Indicators and weights' },
  '/evaluation/period': { zh: '考核周期', en: 'Evaluation period' },
  '/evaluation/publication': { zh: '考核结果公开方式', en: 'Publication of results' },
  '/evaluation/projectCompliance': {
    zh: '共享情况与信息化项目、运维经费挂钩',
    en: 'Sharing compliance in IT project funding',
  },
  '/evaluation/departmentReports': {
    zh: '部门报告的周期与截止日期',
    en: 'Department reports: cadence and due dates',
  },
  '/features/complaints': { zh: '部门间投诉', en: 'Complaints between departments' },
  '/features/agreements': { zh: '共享协议', en: 'Sharing agreements' },
  '/features/eSeal': { zh: '电子印章', en: 'Electronic seals' },
  '/features/snapshots': { zh: '数据快照', en: 'Data snapshots' },
  '/features/hosting': { zh: '平台托管数据', en: 'Hosted data' },
  '/features/openData': { zh: '向社会开放', en: 'Open data' },
  '/features/unifiedIdentity': { zh: '统一身份认证', en: 'Unified identity' },
  '/features/subjectIdentifiers': { zh: '主体标识校验', en: 'Subject identifiers' },
  '/features/providerConflictHandling': { zh: '数源冲突处理', en: 'Source conflicts' },
  '/features/archiving': { zh: '归档', en: 'Archiving' },
  '/features/classifiedDeployment': { zh: '涉密部署', en: 'Classified deployment' },
  '/catalogPreparation/assessments': {
    zh: '编目前须作保密风险和个人信息保护影响评估',
    en: 'Secrecy-risk and personal-information impact assessments before cataloging',
  },
  '/catalogPreparation/grading': {
    zh: '目录须标明数据分类分级',
    en: 'Data classification and grading on every entry',
  },
  '/catalogPreparation/generalLevels': { zh: '一般数据的分级', en: 'Levels of general data' },
  '/catalogPreparation/documentation': {
    zh: '目录须载明采集依据及信息收集、发布、维护的规范和程序',
    en: 'Collection basis and collection, publication and maintenance procedures on every entry',
  },
  '/violations/categories': { zh: '违规情形（可立案的类别）', en: 'Kinds of violation' },
  '/violations/rectification': { zh: '责令整改的期限', en: 'Rectification period' },
};

export const PROFILE_SECTION_LABELS: Record<string, Label> = {
  inForce: { zh: '施行日期', en: 'In force' },
  authorityLabels: { zh: '机构', en: 'Bodies' },
  platform: { zh: '平台', en: 'Platform' },
  workflow: { zh: '共享流程', en: 'Workflow' },
  deadlines: { zh: '法定期限', en: 'Deadlines' },
  correction: { zh: '校核纠错', en: 'Corrections' },
  logs: { zh: '使用记录', en: 'Records' },
  shareTypes: { zh: '共享属性', en: 'Share types' },
  onwardSharing: { zh: '使用范围', en: 'Use' },
  classifiedData: { zh: '涉密数据', en: 'Classified data' },
  updateTimeliness: { zh: '更新时效', en: 'Update timeliness' },
  removal: { zh: '共享服务', en: 'Services' },
  catalogApproval: { zh: '目录管理', en: 'Catalog' },
  catalogPreparation: { zh: '目录编制', en: 'Catalog preparation' },
  baseResources: { zh: '目录管理', en: 'Catalog' },
  evaluation: { zh: '考核评价', en: 'Evaluation' },
  violations: { zh: '违规处理', en: 'Violations' },
  features: { zh: '功能', en: 'Features' },
};

/** Enum values, by the last key of their path (or the kind of value). */
export const PROFILE_VALUE_LABELS: Record<string, Record<string, Label>> = {
  accessFlow: {
    provider_reply: { zh: '提供部门审核后答复', en: 'the provider reviews and replies' },
    authority_immediate: { zh: '主管部门即时开通', en: 'the authority opens access at once' },
  },
  onApplicationCovers: {
    conditional_in_catalog: { zh: '目录内有条件共享类数据', en: 'conditional data in the catalog' },
    outside_catalog: { zh: '目录之外的数据', en: 'data outside the catalog' },
  },
  outOfCatalog: {
    provider_reply: { zh: '由提供部门答复', en: 'the provider replies' },
    government_decision: { zh: '提请同级人民政府决定', en: 'referred to the government for decision' },
    negotiation: {
      zh: '协商解决，协商不成的由主管部门协调',
      en: 'negotiation, then coordination by the authority',
    },
  },
  topology: {
    own_platform: { zh: '本级建设管理政务数据平台', en: 'a platform at this level' },
    uses_higher_level_platform: { zh: '使用上级平台', en: 'uses the higher-level platform' },
  },
  use: {
    mandatory: { zh: '应当通过平台', en: 'must go through the platform' },
    in_principle: { zh: '原则上通过平台', en: 'in principle through the platform' },
    priority: { zh: '优先通过平台', en: 'preferably through the platform' },
    via_platform: { zh: '通过平台', en: 'through the platform' },
  },
  channel: {
    provider: { zh: '向提供部门提出', en: 'to the provider' },
    authority: { zh: '向主管部门提出', en: 'to the authority' },
  },
  required: {
    access: { zh: '使用记录', en: 'use records' },
    exchange: { zh: '共享交换日志', en: 'exchange logs' },
    query: { zh: '查询日志', en: 'query logs' },
  },
  onwardSharing: {
    own_duties_only: { zh: '仅限本部门履职使用', en: 'own duties only' },
    no_third_party: { zh: '不得提供给第三方', en: 'never to third parties' },
    licence_agreement: { zh: '按许可协议', en: 'under a licence agreement' },
    provider_consent: { zh: '须经提供部门同意', en: 'with the provider’s consent' },
  },
  classifiedData: {
    classification_factor: { zh: '涉密程度作为分类因素', en: 'secrecy is a classification factor' },
    separate_internal_platform: { zh: '在电子政务内网平台共享', en: 'on a separate internal platform' },
    external_network_non_classified: {
      zh: '非涉密系统迁至外网',
      en: 'non-classified systems on the external network',
    },
    per_law: { zh: '依保密法律法规办理', en: 'per the secrecy laws' },
    forbidden_on_platform: { zh: '不得通过共享平台', en: 'forbidden on the platform' },
  },
  rule: {
    catalog_defined: { zh: '按目录规定的更新频率', en: 'as the catalog states' },
    statutory: { zh: '按法定时限', en: 'statutory' },
  },
  removal: {
    government_approval: { zh: '须经同级人民政府批准', en: 'government approval' },
    prior_filing: { zh: '协商后报主管部门备案', en: 'negotiated and filed with the authority' },
  },
  kind: {
    government_approval: { zh: '人民政府批准', en: 'government approval' },
    authority_and_agency_confirmation: {
      zh: '主管部门与机构编制部门确认',
      en: 'authority and staffing office confirm',
    },
    government_office_confirmation: { zh: '政府办公室确认', en: 'government office confirms' },
    filing: { zh: '备案', en: 'filing' },
    authority_aggregation: { zh: '主管部门汇总', en: 'authority aggregates' },
    authority_review: { zh: '主管部门审核后统一通告', en: 'authority reviews, then announces' },
  },
  resources: {
    population: { zh: '人口', en: 'population' },
    legal_person: { zh: '法人单位', en: 'legal persons' },
    natural_resources_geography: { zh: '自然资源和空间地理', en: 'natural resources and geography' },
    macro_economy: { zh: '宏观经济', en: 'macro economy' },
    social_credit: { zh: '社会信用', en: 'social credit' },
    e_licence: { zh: '电子证照', en: 'electronic licences' },
    real_estate: { zh: '不动产', en: 'real estate' },
  },
  allowed: {
    law: { zh: '法律', en: 'law' },
    regulation: { zh: '法规', en: 'regulation' },
    administrative_regulation: { zh: '行政法规', en: 'administrative regulation' },
    rule: { zh: '规章', en: 'rule' },
    central_policy: { zh: '党中央、国务院政策', en: 'central policy' },
    policy: { zh: '政策文件', en: 'policy' },
    other: { zh: '其他', en: 'other' },
  },
  requiredFor: {
    unconditional: { zh: '无条件共享', en: 'unconditional' },
    conditional: { zh: '有条件共享', en: 'conditional' },
    not_shared: { zh: '不予共享', en: 'not shared' },
  },
  cadence: {
    half_yearly: { zh: '每半年', en: 'half-yearly' },
    annual: { zh: '每年', en: 'annual' },
    at_least_annual: { zh: '至少每年', en: 'at least annual' },
    periodic: { zh: '定期', en: 'periodic' },
  },
  period: {
    half_yearly: { zh: '每半年', en: 'half-yearly' },
    annual: { zh: '每年', en: 'annual' },
  },
  projectCompliance: {
    basis: {
      zh: '作为项目建设投资和运维经费安排的重要依据',
      en: 'an important basis for project and O&M funding',
    },
    withhold: {
      zh: '不符合共享要求的，不予审批项目、不予安排运维经费',
      en: 'no approval or O&M funding without compliance',
    },
  },
  publication: {
    public: { zh: '公开', en: 'public' },
    circular: { zh: '通报', en: 'circular' },
    internal: { zh: '内部', en: 'internal' },
  },
};

/**
 * The supervision indicators' names for `/evaluation/indicators` (this file imports nothing):
 * the same as supervision's own `INDICATORS` labels, which its tests check.
 */
export const EVALUATION_INDICATOR_LABELS: Record<string, Label> = {
  catalog_coverage: { zh: '目录发布率', en: 'Catalog coverage' },
  catalog_update_timeliness: { zh: '目录更新及时率', en: 'Catalog updates on time' },
  catalog_obligations_overdue: { zh: '逾期未完成的目录更新任务', en: 'Catalog update obligations overdue' },
  reply_timeliness: { zh: '共享申请按时答复率', en: 'Applications answered on time' },
  reply_timeliness_unconditional: {
    zh: '无条件共享申请按时答复率',
    en: 'Unconditional applications answered on time',
  },
  reply_timeliness_conditional: {
    zh: '有条件共享申请按时答复率',
    en: 'Conditional applications answered on time',
  },
  supply_timeliness: { zh: '按时提供数据率', en: 'Data supplied on time' },
  freshness: { zh: '数据按时更新率', en: 'Resources fresh' },
  quality_score: { zh: '数据质量评分', en: 'Data quality score' },
  verification_on_time: { zh: '校核纠错按时办结率', en: 'Verification requests answered on time' },
  verification_overdue: { zh: '逾期的校核纠错申请', en: 'Verification requests overdue' },
  usage_queries: { zh: '查询次数', en: 'Queries' },
  usage_rows_read: { zh: '读取记录数', en: 'Records read' },
  usage_downloads: { zh: '下载次数', en: 'Downloads' },
  usage_subscriptions: { zh: '订阅推送次数', en: 'Subscription deliveries' },
  usage_service_calls: { zh: '接口调用次数', en: 'Service calls' },
  refusals: { zh: '不予共享的申请', en: 'Applications refused' },
  reply_overdue: { zh: '逾期未答复的申请', en: 'Replies overdue' },
  supply_overdue: { zh: '逾期未提供数据的授权', en: 'Supplies overdue' },
  open_violations: { zh: '未整改的违规事项', en: 'Open violations' },
};

/** How an effective value was chosen (R123). */
export const EFFECTIVE_OUTCOME_LABELS: Record<string, Label> = {
  national_base: { zh: '国家规定', en: 'national rule' },
  local_stricter: { zh: '本地规定较严，适用本地规定', en: 'the local rule is stricter and applies' },
  local_specific: { zh: '本地另有规定，适用本地规定', en: 'the local rule applies' },
  national_silent: { zh: '国家规定未涉及，适用本地规定', en: 'the national rule is silent: local applies' },
  both_silent: { zh: '本地与国家均未规定', en: 'neither text says' },
  same: { zh: '本地规定与国家规定一致', en: 'the local rule matches the national one' },
  local_absent: { zh: '本地未规定，适用国家规定', en: 'the local text is silent: national applies' },
  local_silent: { zh: '本地未规定，适用国家规定', en: 'the local text is silent: national applies' },
  local_weaker: { zh: '本地规定较宽，适用国家规定', en: 'the local rule is weaker: national applies' },
};

const UNIT: Record<string, Label> = {
  working_days: { zh: '个工作日', en: 'working days' },
  calendar_days: { zh: '日', en: 'calendar days' },
  years: { zh: '年', en: 'years' },
};

const QUALIFIER: Record<string, Label> = {
  timely: { zh: '及时（未规定期限）', en: 'timely (no period)' },
  immediate: { zh: '即时', en: 'immediately' },
  not_specified: { zh: '未规定期限', en: 'no period set' },
  not_applicable: { zh: '不适用（无此环节）', en: 'not applicable (no such step)' },
};

const NOT_SET: Label = { zh: '未规定', en: 'not specified' };
const SHARE_LABEL_KEYS: Label[] = [
  { zh: '无条件', en: 'unconditional' },
  { zh: '有条件', en: 'conditional' },
  { zh: '不予共享', en: 'not shared' },
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where the provisions transcribed but not yet enforced sit in a profile (schema.ts, PendingProvisions). */
export const PENDING_ROOT = '/pendingProvisions';

/** The heading of the pending provisions, in the CLI and on the 政策配置 page. */
export const PENDING_HEADING: Label = {
  zh: '已录入但平台尚未实施的规定',
  en: 'Provisions transcribed, not yet enforced by the platform',
};

/** The issues the pending provisions wait for, with what each builds. */
export const PENDING_ISSUES: Record<number, Label> = {
  18: { zh: '平台层级与级联', en: 'platform levels and cascade' },
  19: { zh: '电子印章、数据快照与开放', en: 'e-seals, snapshots and open data' },
  20: { zh: '归档及其他', en: 'archiving and the rest' },
};

/** Whether a value's path is a pending provision (information only, nothing reads it). */
export function isPending(path: string): boolean {
  return path === PENDING_ROOT || path.startsWith(`${PENDING_ROOT}/`);
}

/** A pending provision's path as it will be once wired (`/pendingProvisions/deadlines/x` → `/deadlines/x`). */
export function provisionPath(path: string): string {
  return isPending(path) ? path.slice(PENDING_ROOT.length) || '/' : path;
}

/**
 * The issue a pending provision waits for: the platform's level 18, snapshots and open data 19, the rest 20.
 */
export function pendingIssue(path: string): number {
  const p = provisionPath(path);
  if (p.startsWith('/platform/')) return 18;
  if (p === '/features/openData') return 19;
  return 20;
}

/** "待第 16 号开发任务（校核纠错与数据质量）实施" / "waits for issue 16 (corrections and data quality)". */
export function pendingNote(path: string, lang: Lang): string {
  const issue = pendingIssue(path);
  const what = PENDING_ISSUES[issue]?.[lang] ?? '';
  return lang === 'zh' ? `待第 ${issue} 号开发任务（${what}）实施` : `waits for issue ${issue} (${what})`;
}

/** The name of a value's item: its label, else its key. */
export function itemName(path: string, lang: Lang): string {
  const p = provisionPath(path);
  return PROFILE_ITEM_LABELS[p]?.[lang] ?? p.slice(1).replaceAll('/', ' › ');
}

export function sectionName(path: string, lang: Lang): string {
  const key = provisionPath(path).split('/')[1] ?? '';
  return PROFILE_SECTION_LABELS[key]?.[lang] ?? key;
}

function enumName(key: string, value: string, lang: Lang): string {
  if (value === 'not_specified') return NOT_SET[lang];
  return PROFILE_VALUE_LABELS[key]?.[value]?.[lang] ?? value;
}

function join(parts: string[], lang: Lang): string {
  return parts.join(lang === 'zh' ? '、' : ', ');
}

/** A plain value under `key` in words: enum names, 是/否, lists. */
function words(key: string, value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return NOT_SET[lang];
  if (typeof value === 'boolean') return value ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
  if (typeof value === 'string') return enumName(key, value, lang);
  if (typeof value === 'number') return String(value);
  // A named item (a level of general data): its name in the reader's language.
  if (isRecord(value) && typeof value.zh === 'string' && typeof value.en === 'string')
    return lang === 'zh' ? value.zh : value.en;
  if (Array.isArray(value))
    return value.length === 0
      ? lang === 'zh'
        ? '无'
        : 'none'
      : join(
          value.map((v) => words(key, v, lang)),
          lang,
        );
  return JSON.stringify(value);
}

/**
 * A cited value as a phrase: "10 个工作日", "不少于 3 年", "须经提供部门同意", "是".
 *
 * @example describeValue('/deadlines/reply', { value: 10, unit: 'working_days', qualifier: 'fixed' }, 'zh') // '10 个工作日'
 */
export function describeValue(
  valuePath: string,
  leaf: { value: unknown; unit?: string; qualifier?: string; semantics?: string | null },
  lang: Lang,
): string {
  const zh = lang === 'zh';
  const path = provisionPath(valuePath);
  const { value } = leaf;
  const unit = leaf.unit ? (UNIT[leaf.unit]?.[lang] ?? leaf.unit) : '';
  if (leaf.qualifier !== undefined) {
    if (leaf.qualifier !== 'fixed' || value === null)
      return QUALIFIER[leaf.qualifier]?.[lang] ?? QUALIFIER.not_specified?.[lang] ?? '';
    return `${String(value)} ${unit}`;
  }
  if (leaf.semantics !== undefined) {
    if (value === null) return QUALIFIER.not_specified?.[lang] ?? '';
    if (leaf.semantics === 'minimum') return zh ? `不少于 ${value} ${unit}` : `at least ${value} ${unit}`;
    return `${String(value)} ${unit}`;
  }
  const key = path.split('/').at(-1) ?? '';
  if (path === '/violations/categories' && Array.isArray(value))
    return join(
      value.map((c: { label: Label; article: string }) => `${c.label[lang]}（${c.article}）`),
      lang,
    );
  if (path === '/evaluation/indicators' && Array.isArray(value))
    return join(
      value.map(
        (i: { indicator: string; weight: number }) =>
          `${EVALUATION_INDICATOR_LABELS[i.indicator]?.[lang] ?? i.indicator}（${zh ? '权重' : 'weight'} ${i.weight}）`,
      ),
      lang,
    );
  if (!isRecord(value)) return words(key, value, lang);
  if (path === '/inForce') {
    const from = typeof value.from === 'string' ? value.from : '—';
    const until = typeof value.until === 'string' ? value.until : zh ? '长期' : 'open-ended';
    return `${from} ~ ${until}`;
  }
  if (path === '/shareTypes/labels') {
    const names = ['unconditional', 'conditional', 'not_shared'].map((k) => value[k]);
    if (names.every((n) => n === null))
      return zh ? '不分共享类型（由目录规定）' : 'no classes (the catalog says)';
    return join(
      names.map((n, i) => (typeof n === 'string' ? n : `${SHARE_LABEL_KEYS[i]?.[lang]}：${NOT_SET[lang]}`)),
      lang,
    );
  }
  if (path === '/shareTypes/legalBasis') {
    const requiredFor = words('requiredFor', value.requiredFor, lang);
    const allowed = words('allowed', value.allowed, lang);
    return zh
      ? `须列明依据：${requiredFor}；依据可为：${allowed}`
      : `basis required for: ${requiredFor}; may be: ${allowed}`;
  }
  if (path === '/catalogApproval') {
    const kind = words('kind', value.kind, lang);
    return `${kind}（${typeof value.body === 'string' ? value.body : ''}）`;
  }
  if (path === '/baseResources') return words('resources', value.resources, lang);
  if (path === '/updateTimeliness/fallback')
    return zh
      ? `每季度，首月 ${String(value.firstMonthDays)} 日内`
      : `quarterly, within ${String(value.firstMonthDays)} days`;
  if (path === '/evaluation/departmentReports') {
    const r = value as {
      cadence: string;
      firstHalfDue: string | null;
      annualDue: string;
      remindWorkingDays: number;
    };
    const cadence = words('cadence', r.cadence, lang);
    const half = r.firstHalfDue
      ? zh
        ? `上半年报告 ${r.firstHalfDue} 前；`
        : `first half by ${r.firstHalfDue}; `
      : '';
    return zh
      ? `${cadence}；${half}年度报告次年 ${r.annualDue} 前；提前 ${r.remindWorkingDays} 个工作日提醒`
      : `${cadence}; ${half}the year by ${r.annualDue} of the next; reminded ${r.remindWorkingDays} working days before`;
  }
  return join(
    Object.entries(value).map(([k, v]) => `${k}: ${words(k, v, lang)}`),
    lang,
  );
}

export function outcomeName(outcome: string, lang: Lang): string {
  return EFFECTIVE_OUTCOME_LABELS[outcome]?.[lang] ?? outcome;
}
