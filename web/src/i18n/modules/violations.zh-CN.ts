import type { Widen } from '../widen.ts';

/** 简体中文 menu entries of 违规处理 and 通报, merged into `menu.`; English twins in violations.en.ts. */
export const violationsMenuZhCN = {
  supervisionViolations: '违规处理',
  supervisionCirculars: '通报',
} as const;

/** 简体中文 messages of the violation and circular pages (issue 17; R114, N20), under `violations.`. */
export const violationsZhCN = {
  title: '违规处理',
  subtitle:
    '对违反共享规定的部门立案、责令限期整改、跟踪整改并验收，必要时予以通报（《政务数据共享条例》第二十九条、第三十九条至第四十一条）。逾期未答复、逾期未提供、数据未按时更新、校核逾期等由平台每日自动立案。',
  open: '立案',
  openTitle: '违规事项立案',
  openHint: '违规情形及其依据条款取自本平台适用的政策配置。',
  opened: '已立案：{{number}}',
  filters: { status: '状态', category: '违规情形', overdue: '仅看逾期未整改' },
  fields: {
    number: '编号',
    respondent: '被责令部门',
    category: '违规情形',
    article: '依据条款',
    facts: '违规事实',
    source: '来源',
    status: '状态',
    due: '整改期限',
    createdAt: '立案时间',
  },
  factsRequired: '请填写违规事实',
  categoryRequired: '请选择违规情形',
  respondentRequired: '请选择被责令部门',
  overdue: '逾期',
  byHand: '主管部门立案',
  status: {
    open: '已立案',
    ordered: '责令整改中',
    rectified: '整改已报告，待验收',
    closed: '整改通过，已办结',
    dismissed: '不构成违规，已撤销',
  },
  source: {
    reply_overdue: '逾期未答复共享申请',
    supply_overdue: '逾期未提供数据',
    catalog_update_overdue: '目录更新逾期',
    data_stale: '数据未按时更新',
    verification_overdue: '校核申请逾期未处理',
    misuse_upheld: '违规使用（投诉成立）',
    disposal_missing: '未报送数据处置记录',
  },
  party: {
    provider: '提供部门',
    requester: '需求部门',
    authority: '主管部门',
    any: '各部门',
  },
  empty: '没有违规事项',
  circulars: {
    title: '通报',
    subtitle:
      '主管部门发布的违规问题及整改情况通报（《政务数据共享条例》第二十九条）。每份通报发布后即固定，并以内容摘要校验是否被改动。',
    empty: '尚无通报',
    number: '通报编号',
    heading: '标题',
    respondent: '被通报部门',
    publishedAt: '发布时间',
    publishedBy: '发布人',
    view: '查看',
    print: '打印',
    back: '返回通报列表',
    facts: '违规事实',
    category: '违规情形',
    article: '依据条款',
    order: '整改要求',
    due: '整改期限',
    outcome: '办理结果',
    digest: '内容摘要',
    intact: '摘要校验一致',
    tampered: '摘要校验不一致：内容已被改动',
    orderCount: '第 {{count}} 次责令整改',
  },
} as const;

export type ViolationsMenuMessages = Widen<typeof violationsMenuZhCN>;
export type ViolationsMessages = Widen<typeof violationsZhCN>;
