import { defineNotices } from '../../platform/messages/index.js';

/** What department reports tell departments and the authority (R112). */
export const ReportNotices = defineNotices({
  'supervision.report.due': {
    title: {
      zh: '请于 {due} 前报送 {period} 共享工作报告',
      en: 'Submit the {period} sharing report by {due}',
    },
    body: {
      zh: '{department}的 {period} 政务数据共享工作报告尚未报送，截止 {due}（{article}）',
      en: 'The {period} sharing report of {department} is not submitted yet; due {due} ({article})',
    },
  },
  'supervision.report.overdue': {
    title: {
      zh: '{department} {period} 共享工作报告逾期未报送',
      en: '{department}: the {period} report is overdue',
    },
    body: {
      zh: '截止日期 {due} 已过，{department}尚未报送（{article}）',
      en: 'Due {due}; {department} has not submitted it ({article})',
    },
  },
  'supervision.report.submitted': {
    title: {
      zh: '{department} 报送了 {period} 共享工作报告',
      en: '{department} submitted its {period} report',
    },
    body: { zh: '请审阅', en: 'Please review it' },
  },
  'supervision.report.reviewed': {
    title: { zh: '{period} 共享工作报告：{outcome}', en: 'The {period} report: {outcome}' },
    body: { zh: '{comment}', en: '{comment}' },
  },
  'supervision.evaluation.published': {
    title: {
      zh: '{jurisdiction} {period} 共享工作考核评价已发布',
      en: '{jurisdiction}: the {period} evaluation is published',
    },
    body: { zh: '摘要值 {digest}', en: 'Digest {digest}' },
  },
});
