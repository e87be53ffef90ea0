import { defineNotices, defineTexts } from '../../platform/messages/index.js';

/**
 * What the complaint notices say, in zh-CN and en: each key is the notice's kind. `{body}` is text
 * a user wrote (the complaint, a statement, a reply) or lines composed with `lines()`.
 */
export const ComplaintNotices = defineNotices({
  'complaint.received': {
    title: {
      zh: '投诉 {number}：收到投诉，请调查处理',
      en: 'Complaint {number} received; please investigate',
    },
    body: { zh: '{body}', en: '{body}' },
  },
  'complaint.withdrawn': {
    title: { zh: '投诉 {number} 已被撤回', en: 'Complaint {number} was withdrawn' },
    body: { zh: '{body}', en: '{body}' },
  },
  'complaint.investigating': {
    title: {
      zh: '投诉 {number}：主管部门已开始调查',
      en: 'Complaint {number} is being investigated by the authority',
    },
    body: { zh: '{body}', en: '{body}' },
  },
  'complaint.statement': {
    title: { zh: '投诉 {number}：当事部门提交了说明', en: 'Complaint {number} has a statement from a party' },
    body: { zh: '{body}', en: '{body}' },
  },
  'complaint.upheld': {
    title: { zh: '投诉 {number} 已书面答复：投诉成立', en: 'Complaint {number} was answered: upheld' },
    body: { zh: '{body}', en: '{body}' },
  },
  'complaint.not_upheld': {
    title: { zh: '投诉 {number} 已书面答复：投诉不成立', en: 'Complaint {number} was answered: not upheld' },
    body: { zh: '{body}', en: '{body}' },
  },
  'complaint.rectification_reported': {
    title: {
      zh: '投诉 {number}：被投诉部门报告了整改情况，请核查',
      en: 'Complaint {number}: rectification reported; please review',
    },
    body: { zh: '{body}', en: '{body}' },
  },
  'complaint.rectified': {
    title: {
      zh: '投诉 {number}：整改到位，已恢复共享授权',
      en: 'Complaint {number}: rectified; grants resumed',
    },
    body: { zh: '{body}', en: '{body}' },
  },
  'complaint.not_rectified': {
    title: {
      zh: '投诉 {number}：整改不到位，请在期限内继续整改',
      en: 'Complaint {number}: not rectified; rectify by the date',
    },
    body: { zh: '{body}', en: '{body}' },
  },
  'complaint.misuse_found': {
    title: {
      zh: '违规使用认定：暂停共享权限并限期整改（第二十七条第二款）：{entry}',
      en: 'Misuse found: sharing suspended, rectification ordered (809 Art.27 ¶2): {entry}',
    },
    body: { zh: '{body}', en: '{body}' },
  },
  'complaint.terminated': {
    title: {
      zh: '投诉 {number}：整改不到位，已终止共享',
      en: 'Complaint {number}: not rectified; sharing terminated',
    },
    body: { zh: '{body}', en: '{body}' },
  },
});

/** Lines the complaint notices compose their bodies from. */
export const ComplaintTexts = defineTexts({
  rectificationOrder: { zh: '整改要求：{order}', en: 'To rectify: {order}' },
  rectificationDue: { zh: '整改期限：{due}', en: 'Rectify by: {due}' },
  misuse: { zh: '认定事实类型：{misuse}', en: 'Found: {misuse}' },
  facts: { zh: '事实：{facts}', en: 'Facts: {facts}' },
  basis: { zh: '依据：{article}', en: 'Basis: {article}' },
  misuse_beyond_scope: { zh: '擅自超出使用范围使用政务数据', en: 'used the data beyond the scope of use' },
  misuse_other_purpose: { zh: '擅自超出共享目的使用政务数据', en: 'used the data for another purpose' },
  misuse_third_party: { zh: '擅自将政务数据提供给第三方', en: 'gave the data to a third party' },
  /** Why a grant changes, kept in Chinese on the grant (its `status_reason`) as the record. */
  grantUpheld: { zh: '投诉 {number} 成立：{reply}', en: 'Complaint {number} upheld: {reply}' },
  grantRectified: { zh: '投诉 {number} 整改到位', en: 'Complaint {number}: rectified' },
  grantRectifiedNote: { zh: '投诉 {number} 整改到位：{note}', en: 'Complaint {number}: rectified: {note}' },
  grantTerminated: {
    zh: '终止共享（第二十七条第二款）：投诉 {number}，{reason}',
    en: 'Sharing terminated (809 Art.27 ¶2): complaint {number}, {reason}',
  },
  /** Why the grants were terminated, kept in Chinese on the complaint (its `termination_reason`). */
  notRectified: { zh: '整改不到位：{reason}', en: 'not rectified: {reason}' },
  notRectifiedByDate: { zh: '逾期未整改（整改期限 {due}）', en: 'not rectified by the date ({due})' },
});

export type ComplaintNoticeKind = keyof typeof ComplaintNotices.definitions;
