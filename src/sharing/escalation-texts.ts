import { defineNotices, defineTexts } from '../platform/messages/index.js';

/**
 * What an overdue escalation says (N01/R128, N12): the notice to the responsible department's
 * sharing-office head (负责人), or to its officer where the head has no account. `{item}` names the
 * overdue item (from `EscalationTexts`), `{via}` says who it reaches and why.
 */
export const EscalationNotices = defineNotices({
  'overdue.escalated': {
    title: {
      zh: '超期提醒（报共享工作机构负责人）：{item}',
      en: 'Overdue, escalated to the head of the sharing office: {item}',
    },
    body: {
      zh: '{item} 已超过期限 {due}，请督促办理。\n期限依据：{article}\n{via}',
      en: '{item} has passed its due date {due}; please see that it is done.\nPeriod set by: {article}\n{via}',
    },
  },
});

/** The overdue items as an escalation names them, and who it reached. */
export const EscalationTexts = defineTexts({
  application: {
    zh: '共享申请 {number}（{entry}）答复',
    en: 'reply to sharing application {number} ({entry})',
  },
  supply: { zh: '共享数据提供（{entry}，{code}）', en: 'supply of shared data ({entry}, {code})' },
  disposal: { zh: '数据处置记录 {number}（{entry}）', en: 'disposal record {number} ({entry})' },
  rectification: {
    zh: '限期整改 {number}（第二十七条第二款）',
    en: 'rectification {number} (Art.27 ¶2)',
  },
  dispute: { zh: '{stage} {number}（{name}）', en: '{stage} {number} ({name})' },
  toHead: {
    zh: '本提醒报送{department}共享工作机构负责人{name}（{title}）。',
    en: 'Sent to {name} ({title}), head of the sharing office of {department}.',
  },
  toOfficer: {
    zh: '{department}共享工作机构负责人{head}未开通平台账号，本提醒转共享工作专人{name}，请报负责人。',
    en: '{head}, head of the sharing office of {department}, has no account on the platform; sent to the sharing officer {name} to pass on.',
  },
  noDue: { zh: '（未设定）', en: '(none set)' },
});
