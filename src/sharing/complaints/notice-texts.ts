import { defineNotices, defineTexts } from '../../platform/messages/index.js';
import { withBody } from '../notice-texts.js';

/**
 * What the complaint notices say, in zh-CN and en: each key is the notice's kind. `{body}` is text
 * a user wrote (the complaint, a statement, a reply) or lines composed with `lines()`.
 */
export const ComplaintNotices = defineNotices({
  'complaint.received': withBody({
    zh: '投诉 {number}：收到投诉，请调查处理',
    en: 'Complaint {number} received; please investigate',
  }),
  'complaint.withdrawn': withBody({ zh: '投诉 {number} 已被撤回', en: 'Complaint {number} was withdrawn' }),
  'complaint.investigating': withBody({
    zh: '投诉 {number}：主管部门已开始调查',
    en: 'Complaint {number} is being investigated by the authority',
  }),
  'complaint.statement': withBody({
    zh: '投诉 {number}：当事部门提交了说明',
    en: 'Complaint {number} has a statement from a party',
  }),
  'complaint.upheld': withBody({
    zh: '投诉 {number} 已书面答复：投诉成立',
    en: 'Complaint {number} was answered: upheld',
  }),
  'complaint.not_upheld': withBody({
    zh: '投诉 {number} 已书面答复：投诉不成立',
    en: 'Complaint {number} was answered: not upheld',
  }),
  'complaint.rectification_reported': withBody({
    zh: '投诉 {number}：被投诉部门报告了整改情况，请核查',
    en: 'Complaint {number}: rectification reported; please review',
  }),
  'complaint.rectified': withBody({
    zh: '投诉 {number}：整改到位，已恢复共享授权',
    en: 'Complaint {number}: rectified; grants resumed',
  }),
  'complaint.not_rectified': withBody({
    zh: '投诉 {number}：整改不到位，请在期限内继续整改',
    en: 'Complaint {number}: not rectified; rectify by the date',
  }),
  'complaint.misuse_found': withBody({
    zh: '违规使用认定：暂停共享权限并限期整改（第二十七条第二款）：{entry}',
    en: 'Misuse found: sharing suspended, rectification ordered (809 Art.27 ¶2): {entry}',
  }),
  'complaint.terminated': withBody({
    zh: '投诉 {number}：整改不到位，已终止共享',
    en: 'Complaint {number}: not rectified; sharing terminated',
  }),
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
