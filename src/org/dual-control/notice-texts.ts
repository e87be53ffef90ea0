import { defineNotices, defineTexts } from '../../platform/messages/index.js';

/**
 * What org's account notices say, in zh-CN and en: each key is the notice's kind. org may not
 * import sharing, so its notices have their own catalogue. `{act}` is an act's name (a `Label`).
 */
export const OrgNotices = defineNotices({
  'org.dual_control.request': {
    title: {
      zh: '特权账号 {target} 的{act}已提出，待第二名管理员审批',
      en: 'Privileged account {target}, {act}: requested, waiting for a second administrator',
    },
    body: { zh: '{body}', en: '{body}' },
  },
  'org.dual_control.approve': {
    title: { zh: '特权账号 {target} 的{act}已批准', en: 'Privileged account {target}, {act}: approved' },
    body: { zh: '{body}', en: '{body}' },
  },
  'org.dual_control.refuse': {
    title: { zh: '特权账号 {target} 的{act}已拒绝', en: 'Privileged account {target}, {act}: refused' },
    body: { zh: '{body}', en: '{body}' },
  },
  'org.dual_control.withdraw': {
    title: { zh: '特权账号 {target} 的{act}已撤回', en: 'Privileged account {target}, {act}: withdrawn' },
    body: { zh: '{body}', en: '{body}' },
  },
  'org.dual_control.expire': {
    title: { zh: '特权账号 {target} 的{act}已过期', en: 'Privileged account {target}, {act}: expired' },
    body: { zh: '{body}', en: '{body}' },
  },
  'org.dual_control.execute': {
    title: { zh: '特权账号 {target} 的{act}已执行', en: 'Privileged account {target}, {act}: carried out' },
    body: { zh: '{body}', en: '{body}' },
  },
  'org.account_act': {
    title: {
      zh: '管理员对您的账号 {username} 执行了{act}',
      en: 'An administrator made a {act} on your account {username}',
    },
    body: {
      zh: '账号 {username}：{act}。如非本人知悉，请联系安全审计员。',
      en: '{act} of {username}. If you did not expect it, tell the security auditor.',
    },
  },
  'org.break_glass': {
    title: {
      zh: '服务器控制台对账号 {username} 执行了{act}（应急操作）',
      en: 'Server console {act} of account {username} (break-glass)',
    },
    body: {
      zh: '服务器控制台（govshare user）对账号 {username} 执行了{act}',
      en: 'govshare user (console) {act} of {username}',
    },
  },
});

/** Lines org's notices compose their bodies from. */
export const OrgTexts = defineTexts({
  requestedBy: { zh: '申请人：{name}（{role}）', en: 'Requested by: {name} ({role})' },
  decidedBy: { zh: '审批人：{name}', en: 'Decided by: {name}' },
  detail: { zh: '内容：{payload}', en: 'Detail: {payload}' },
  request: { zh: '请求：{id}', en: 'Request: {id}' },
});

export type OrgNoticeKind = keyof typeof OrgNotices.definitions;
