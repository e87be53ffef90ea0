import type { Widen } from '../widen.ts';

/** 简体中文 menu entries of 统计分析, merged into `menu.`; English twins in statistics.en.ts. */
export const statisticsMenuZhCN = {
  supervisionGroup: '监督考核',
  supervisionStatistics: '统计分析',
} as const;

/** 简体中文 messages of the 统计分析 page (issue 17), under the `statistics.` key. */
export const statisticsZhCN = {
  title: '统计分析',
  subtitle:
    '按所选期间和行政区划或部门查看监督考核指标的变化趋势与部门排名（指标每日计算，依据《政务数据共享条例》第二十九条）。',
  range: '统计期间',
  jurisdiction: '行政区划',
  jurisdictionAll: '本级及下级全部',
  department: '部门',
  departmentPick: '全部部门（按行政区划汇总）',
  indicators: '指标',
  rankingIndicator: '排名指标',
  trend: '指标趋势：{{subject}}',
  trendEmpty: '所选期间没有指标数据',
  ranking: '部门排名：{{indicator}}',
  rankingEmpty: '所选期间没有可排名的部门',
  export: '导出 Excel',
  exported: '已导出',
  notMeasured: '未计量',
  column: {
    day: '日期',
    department: '部门',
    rank: '名次',
    value: '指标值',
    numerator: '分子',
    denominator: '分母',
    indicator: '指标',
    subject: '对象',
  },
  sheet: { trend: '指标趋势', ranking: '部门排名' },
  reports: {
    accessesOverTime: '访问量趋势',
    provided: '本部门资源被访问',
    consumed: '本部门访问他部门资源',
    accesses: '访问次数',
    empty: '所选期间没有访问记录',
  },
  tooLong: '统计期间不能超过 366 天',
} as const;

export type StatisticsMenuMessages = Widen<typeof statisticsMenuZhCN>;
export type StatisticsMessages = Widen<typeof statisticsZhCN>;
