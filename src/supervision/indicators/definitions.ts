/** How an indicator's value reads: a share 0–1 (with numerator/denominator), a count, or a 0–100 score. */
export type IndicatorUnit = 'share' | 'count' | 'score';

export interface IndicatorDefinition {
  unit: IndicatorUnit;
  label: { zh: string; en: string };
  /** The articles and requirements it answers. */
  basis: string;
}

/**
 * Every indicator the daily job stores (issue 17, R111, R113). An indicator whose source does not
 * exist yet is stored with a null value rather than invented: `verification_on_time` (quality
 * reports overdue requests only, not the requests answered). `open_violations` counts the violation
 * cases open at the day's end.
 */
export const INDICATORS = {
  catalog_coverage: {
    unit: 'share',
    label: { zh: '目录发布率（已发布/已编制）', en: 'Catalog coverage (published of cataloged)' },
    basis: 'R111; 809 第十三条',
  },
  catalog_update_timeliness: {
    unit: 'share',
    label: { zh: '目录更新及时率', en: 'Catalog updates on time' },
    basis: 'R111, R113; 809 第十七条',
  },
  catalog_obligations_overdue: {
    unit: 'count',
    label: { zh: '逾期未完成的目录更新任务', en: 'Catalog update obligations overdue' },
    basis: 'R113; 809 第十七条',
  },
  reply_timeliness: {
    unit: 'share',
    label: { zh: '共享申请按时答复率', en: 'Applications answered on time' },
    basis: 'R111; 809 第二十一条',
  },
  reply_timeliness_unconditional: {
    unit: 'share',
    label: { zh: '无条件共享申请按时答复率', en: 'Unconditional applications answered on time' },
    basis: '809 第二十一条',
  },
  reply_timeliness_conditional: {
    unit: 'share',
    label: { zh: '有条件共享申请按时答复率', en: 'Conditional applications answered on time' },
    basis: '809 第二十一条',
  },
  supply_timeliness: {
    unit: 'share',
    label: { zh: '按时提供数据率', en: 'Data supplied on time' },
    basis: 'R111; 809 第二十二条',
  },
  freshness: {
    unit: 'share',
    label: { zh: '数据按时更新率（时效正常的资源占比）', en: 'Resources fresh (share of monitored)' },
    basis: 'R111, R68–R71',
  },
  quality_score: {
    unit: 'score',
    label: { zh: '数据质量评分', en: 'Data quality score' },
    basis: 'R111',
  },
  verification_on_time: {
    unit: 'share',
    label: { zh: '校核纠错按时办结率', en: 'Verification requests answered on time' },
    basis: 'R80–R84; 809 第二十六条',
  },
  verification_overdue: {
    unit: 'count',
    label: { zh: '逾期的校核纠错申请', en: 'Verification requests overdue' },
    basis: 'R80–R84; 809 第二十六条',
  },
  usage_queries: { unit: 'count', label: { zh: '查询次数', en: 'Queries' }, basis: 'R111' },
  usage_rows_read: { unit: 'count', label: { zh: '读取记录数', en: 'Records read' }, basis: 'R111' },
  usage_downloads: { unit: 'count', label: { zh: '下载次数', en: 'Downloads' }, basis: 'R111' },
  usage_subscriptions: {
    unit: 'count',
    label: { zh: '订阅推送次数', en: 'Subscription deliveries' },
    basis: 'R111',
  },
  usage_service_calls: { unit: 'count', label: { zh: '接口调用次数', en: 'Service calls' }, basis: 'R111' },
  refusals: {
    unit: 'count',
    label: { zh: '不予共享的申请', en: 'Applications refused' },
    basis: 'R111; R36',
  },
  reply_overdue: {
    unit: 'count',
    label: { zh: '逾期未答复的申请', en: 'Replies overdue' },
    basis: 'R40; 809 第二十一条',
  },
  supply_overdue: {
    unit: 'count',
    label: { zh: '逾期未提供数据的授权', en: 'Supplies overdue' },
    basis: '809 第二十二条',
  },
  open_violations: {
    unit: 'count',
    label: { zh: '未整改的违规事项', en: 'Open violations' },
    basis: 'R114',
  },
} as const satisfies Record<string, IndicatorDefinition>;

export type IndicatorName = keyof typeof INDICATORS;
export const INDICATOR_NAMES = Object.keys(INDICATORS) as IndicatorName[];

/** One figure before it is stored: a share keeps both its terms. */
export interface Figure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** A share of `n` over `d`; no denominator, no value (nothing to measure is not 0 %). */
export const share = (n: number, d: number): Figure => ({
  value: d > 0 ? n / d : null,
  numerator: n,
  denominator: d,
});

export const count = (n: number | null): Figure => ({ value: n, numerator: null, denominator: null });
