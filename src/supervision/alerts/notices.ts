import { defineNotices, defineTexts } from '../../platform/messages/index.js';

/** What an alert tells the authority and the security administrators, in zh-CN and en. */
export const AlertNotices = defineNotices({
  'supervision.alert': {
    title: { zh: '安全告警：{kind}（{subject}）', en: 'Security alert: {kind} ({subject})' },
    body: {
      zh: '{department}的{subjectKind} {subject}：{summary}。请在“安全告警”中核查证据并确认。',
      en: '{subjectKind} {subject} of {department}: {summary}. Review the evidence under Security alerts and acknowledge it.',
    },
  },
  'supervision.alert.suspended': {
    title: {
      zh: 'API 客户端已被自动暂停：{subject}（{kind}）',
      en: 'API client suspended automatically: {subject} ({kind})',
    },
    body: {
      zh: '{department}的 API 客户端 {subject}：{summary}。已按平台设置自动暂停；核查后可在“安全告警”中一键解除暂停。',
      en: 'API client {subject} of {department}: {summary}. It was suspended as the platform is set to; after review, lift the suspension under Security alerts.',
    },
  },
});

/** The words of an alert: its kind, its subject's kind, and what the evidence says in one line. */
export const AlertTexts = defineTexts({
  volume: { zh: '访问量异常', en: 'Unusual volume' },
  off_hours: { zh: '非工作时间访问', en: 'Reads outside working hours' },
  enumeration: { zh: '疑似遍历查询', en: 'Suspected enumeration' },
  refusals: { zh: '集中被拒访问', en: 'Burst of refusals' },
  user: { zh: '用户', en: 'User' },
  client: { zh: 'API 客户端', en: 'API client' },
  'summary.volume': {
    zh: '{minutes} 分钟内成功访问 {count} 次，为此前 {days} 日同时段中位数 {median} 次的 {ratio} 倍',
    en: '{count} successful reads in {minutes} minutes, {ratio} times the median of {median} over the same window of the previous {days} days',
  },
  'summary.off_hours': {
    zh: '非工作时间成功访问 {count} 次（{when}）',
    en: '{count} successful reads outside working hours ({when})',
  },
  'summary.enumeration': {
    zh: '{minutes} 分钟内查询 {count} 个不同的记录键',
    en: '{count} distinct record keys queried in {minutes} minutes',
  },
  'summary.refusals': {
    zh: '{minutes} 分钟内 {count} 次访问被拒绝',
    en: '{count} refused requests in {minutes} minutes',
  },
  'when.non_working_day': { zh: '非工作日', en: 'a non-working day' },
  'when.off_hours': { zh: '工作时间以外', en: 'outside working hours' },
  unknownDepartment: { zh: '（未知部门）', en: '(unknown department)' },
});
