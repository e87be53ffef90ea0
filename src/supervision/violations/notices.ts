import { defineNotices } from '../../platform/messages/index.js';

/** What violation cases tell the respondent and the authority, in zh-CN and en; each key is the notice's kind. */
export const ViolationNotices = defineNotices({
  'violation.opened': {
    title: { zh: '违规事项立案：{category}', en: 'Violation case opened: {categoryEn}' },
    body: {
      zh: '依据：{article}。事实：{facts}',
      en: 'Under {article}. Facts: {facts}',
    },
  },
  'violation.ordered': {
    title: {
      zh: '责令整改 {number}：请于 {due} 前整改并报告',
      en: 'Rectification ordered {number}: rectify and report by {due}',
    },
    body: {
      zh: '整改要求：{order}（{category}，{article}；整改期限依据：{period}）',
      en: 'Order: {order} ({categoryEn}, {article}; period set by: {period})',
    },
  },
  'violation.reported': {
    title: {
      zh: '{respondent}已报告整改情况：{number}',
      en: '{respondent} reported its rectification: {number}',
    },
    body: { zh: '{report}', en: '{report}' },
  },
  'violation.closed': {
    title: {
      zh: '违规事项 {number} 整改通过，已办结',
      en: 'Violation case {number}: rectification accepted, closed',
    },
    body: { zh: '{note}', en: '{note}' },
  },
  'violation.rejected': {
    title: {
      zh: '违规事项 {number} 整改未通过，请于 {due} 前继续整改',
      en: 'Violation case {number}: rectification not accepted, rectify further by {due}',
    },
    body: { zh: '理由：{reason}', en: 'Reason: {reason}' },
  },
  'violation.dismissed': {
    title: {
      zh: '违规事项 {number} 经核查不构成违规，已撤销',
      en: 'Violation case {number} dismissed: no violation',
    },
    body: { zh: '理由：{reason}', en: 'Reason: {reason}' },
  },
  'violation.overdue': {
    title: {
      zh: '违规事项 {number} 逾期未整改（期限 {due}）',
      en: 'Violation case {number}: rectification overdue (due {due})',
    },
    body: { zh: '{respondent}：{category}', en: '{respondent}: {categoryEn}' },
  },
});
