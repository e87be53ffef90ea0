import { defineNotices, defineTexts, type Label, type NoticeText } from '../platform/messages/index.js';

/**
 * A notice whose body is `{body}`: text a user wrote (a reason, a decision) or lines composed
 * with `lines()`, shown as written in both languages.
 */
export const withBody = (title: Label): NoticeText => ({ title, body: { zh: '{body}', en: '{body}' } });

/**
 * What the sharing module's notices say, in zh-CN and en: each key is the notice's kind. `{body}`
 * stands for text a user wrote (a reason, a comment) or lines composed with `lines()`; it appears
 * as written in both languages.
 */
export const SharingNotices = defineNotices({
  'application.received': {
    title: { zh: '收到共享申请 {number}：{entry}', en: 'Sharing application {number} received: {entry}' },
    body: { zh: '请于 {due} 前答复', en: 'Reply by {due}' },
  },
  'application.received_no_period': withBody({
    zh: '收到共享申请 {number}：{entry}',
    en: 'Sharing application {number} received: {entry}',
  }),
  'application.due_soon': {
    title: {
      zh: '共享申请 {number} 将于 {due} 到期，请及时答复',
      en: 'Sharing application {number} is due on {due}; please reply',
    },
    body: { zh: '期限依据：{article}', en: 'Period set by: {article}' },
  },
  'application.overdue': {
    title: {
      zh: '共享申请 {number} 已逾期未答复（截止 {due}）',
      en: 'Sharing application {number} is overdue (due {due})',
    },
    body: { zh: '{entry}（{code}）；期限依据：{article}', en: '{entry} ({code}); period set by: {article}' },
  },
  'application.withdrawn': withBody({
    zh: '共享申请 {number} 已被申请部门撤回',
    en: 'Sharing application {number} was withdrawn',
  }),
  'application.approved': withBody({
    zh: '共享申请 {number} 已同意：{entry}',
    en: 'Sharing application {number} approved: {entry}',
  }),
  'application.partially_approved': withBody({
    zh: '共享申请 {number} 已部分同意：{entry}',
    en: 'Sharing application {number} partly approved: {entry}',
  }),
  'application.refused': {
    title: { zh: '共享申请 {number} 不予共享：{entry}', en: 'Sharing application {number} refused: {entry}' },
    body: {
      zh: '{reason}\n因履行职责确需使用的，可{next}（{article}）',
      en: '{reason}\nIf your duties need it, {nextEn} ({article})',
    },
  },
  'application.returned': {
    title: {
      zh: '共享申请 {number} 退回补正：{entry}',
      en: 'Sharing application {number} returned for completion: {entry}',
    },
    body: {
      zh: '请一次性补正以下事项后重新提交：\n{body}',
      en: 'Complete all of the following and resubmit:\n{body}',
    },
  },
  'application.resubmitted': withBody({
    zh: '共享申请 {number} 已补正并重新提交：{entry}',
    en: 'Sharing application {number} completed and resubmitted: {entry}',
  }),
  'application.endorsement_requested': {
    title: {
      zh: '共享申请 {number} 待本部门负责人同意：{entry}',
      en: "Sharing application {number} awaits the head's consent: {entry}",
    },
    body: {
      zh: '经本部门政务数据共享工作机构负责人同意后方可送提供部门（条例第二十条第二款）\n{body}',
      en: "It goes to the provider once the head of the department's sharing office consents (Art.20 ¶2)\n{body}",
    },
  },
  'application.not_endorsed': withBody({
    zh: '共享申请 {number} 本部门负责人不同意：{entry}',
    en: 'Sharing application {number} not endorsed by the head: {entry}',
  }),
  'application.answer_review': {
    title: {
      zh: '共享申请 {number} 的答复待本部门负责人同意：{entry}',
      en: "The answer to sharing application {number} awaits the head's consent: {entry}",
    },
    body: {
      zh: '经本部门政务数据共享工作机构负责人同意后作出答复（条例第二十条第三款），答复期限至 {due}\n{body}',
      en: "The answer is given once the head of the department's sharing office consents (Art.20 ¶3); reply due {due}\n{body}",
    },
  },
  'application.answer_sent_back': withBody({
    zh: '共享申请 {number} 的答复拟稿已被负责人退回：{entry}',
    en: 'The draft answer to sharing application {number} was sent back by the head: {entry}',
  }),
  'grant.change': withBody({ zh: '共享授权已{change}：{entry}', en: 'Grant {changeEn}: {entry}' }),
  'catalog.reduction': withBody({
    zh: '您使用的信息资源将减少共享：{entry}（{code}）',
    en: 'A resource you use will share less: {entry} ({code})',
  }),
  'grant.supply_overdue': {
    title: {
      zh: '共享数据逾期未提供：{entry}（供给期限 {due}）',
      en: 'Shared data not supplied in time: {entry} (due {due})',
    },
    body: { zh: '{code}；期限依据：{article}', en: '{code}; period set by: {article}' },
  },
  'grant.ended_by_stop': withBody({
    zh: '共享授权已终止（停止提供）：{entry}',
    en: 'Grant ended (resource stopped): {entry}',
  }),
  'stop.filed': withBody({
    zh: '停止提供备案 {number}：{entry}（{date} 起）',
    en: 'Stop filed {number}: {entry} (from {date})',
  }),
  'stop.approval_requested': withBody({
    zh: '停止提供待批准 {number}：{entry}（{date} 起）',
    en: 'Stop awaiting approval {number}: {entry} (from {date})',
  }),
  'stop.rejected': withBody({ zh: '停止提供 {number} 未获批准', en: 'Stop {number} was not approved' }),
  'stop.withdrawn': withBody({
    zh: '信息资源继续提供：{entry}（停止提供 {number} 已撤回）',
    en: 'Resource continues: {entry} (stop {number} withdrawn)',
  }),
  'stop.announced': {
    title: {
      zh: '信息资源将于 {date} 停止提供：{entry}（{code}）',
      en: 'A resource you use stops on {date}: {entry} ({code})',
    },
    body: { zh: '理由：{reason}', en: 'Reason: {reason}' },
  },
  'extension.requested': {
    title: {
      zh: '延期答复待同意：共享申请 {number}（{entry}）申请延长 {days} 个工作日',
      en: 'Reply extension to approve: application {number} ({entry}), {days} working days',
    },
    body: { zh: '{reason}\n{article}', en: '{reason}\n{article}' },
  },
  'extension.approved': {
    title: {
      zh: '共享申请 {number} 答复期限延长 {days} 个工作日，至 {due}',
      en: 'Application {number}: reply period extended by {days} working days, to {due}',
    },
    body: { zh: '{reason}\n{article}', en: '{reason}\n{article}' },
  },
  'extension.refused': withBody({
    zh: '延期答复 {number} 未获同意：共享申请 {application} 仍须于 {due} 前答复',
    en: 'Reply extension {number} refused: application {application} is still due on {due}',
  }),
  'agreement.proposed': {
    title: {
      zh: '收到共享协议 {number}，请签署：{entry}',
      en: 'Sharing agreement {number} proposed: {entry}',
    },
    body: { zh: '{items}；{frequency}；{from} — {until}', en: '{items}; {frequency}; {from} — {until}' },
  },
  'agreement.withdrawn': withBody({
    zh: '共享协议 {number}已被撤回：{entry}',
    en: 'Sharing agreement {number} was withdrawn: {entry}',
  }),
  'agreement.signed': withBody({
    zh: '共享协议 {number}已由提供部门签署，待主管部门备案：{entry}',
    en: 'Sharing agreement {number} was signed and awaits filing: {entry}',
  }),
  'agreement.filing_requested': withBody({
    zh: '共享协议 {number}已签署，请予备案：{entry}',
    en: 'Sharing agreement {number} was signed; please file it: {entry}',
  }),
  'agreement.declined': withBody({
    zh: '共享协议 {number}提供部门拒绝签署：{entry}',
    en: 'Sharing agreement {number} was declined by the provider: {entry}',
  }),
  'agreement.filed': withBody({
    zh: '共享协议 {number}已备案，自即日起生效：{entry}',
    en: 'Sharing agreement {number} was filed and is in effect: {entry}',
  }),
  'agreement.filing_refused': withBody({
    zh: '共享协议 {number}不予备案：{entry}',
    en: 'Sharing agreement {number} was refused filing: {entry}',
  }),
  'use_change.requested': withBody({
    zh: '用途变更待同意：{entry}（{asked}）',
    en: 'Use change to consent to: {entry} ({asked})',
  }),
  /** The consumer's copy of `use_change.requested`: it is sent with that kind. */
  'use_change.requested_by_you': withBody({
    zh: '已申请变更用途：{entry}（{asked}），待提供部门同意',
    en: 'Use change requested: {entry} ({asked}), awaiting the provider',
  }),
  'use_change.approved': withBody({
    zh: '提供部门已同意用途变更 {number}：{entry}（{asked}）',
    en: 'Use change {number} consented: {entry} ({asked})',
  }),
  'use_change.refused': withBody({
    zh: '提供部门不同意用途变更 {number}：{entry}，仍只能按原授权用途使用',
    en: 'Use change {number} refused: {entry} stays limited to its granted use',
  }),
  'use_change.withdrawn': withBody({
    zh: '用途变更申请 {number} 已撤回：{entry}',
    en: 'Use change {number} withdrawn: {entry}',
  }),
  'disposal.required': withBody({
    zh: '请于 {due} 前按要求处置共享数据并报送处置记录：{entry}（{ground}）',
    en: 'Dispose of the shared data and file the record by {due}: {entry} ({ground})',
  }),
  'disposal.filed': withBody({
    zh: '已报送处置记录 {number}：{entry}{late}',
    en: 'Disposal record {number} filed: {entry}{late}',
  }),
  'disposal.overdue': withBody({
    zh: '处置记录逾期未报送：{number} {entry}（期限 {due}）',
    en: 'Disposal record overdue: {number} {entry} (due {due})',
  }),
});

/** Lines the sharing notices compose their bodies from. */
export const SharingTexts = defineTexts({
  approvedItems: { zh: '同意的信息项：{items}', en: 'Approved items: {items}' },
  refusedItems: { zh: '未同意：{items}', en: 'Not approved: {items}' },
  replyAfresh: {
    zh: '答复期限自重新提交之日起重新计算，请于 {due} 前答复',
    en: 'The reply period runs afresh from the resubmission: reply by {due}',
  },
  reason: { zh: '理由：{reason}', en: 'Reason: {reason}' },
  applicant: { zh: '申请人：{name}', en: 'Applicant: {name}' },
  scenario: { zh: '使用场景：{scenario}', en: 'Use scenario: {scenario}' },
  headWithoutAccount: {
    zh: '负责人{head}无平台账号：请取得其书面意见后代为登记，并填写书面意见文号',
    en: 'The head {head} has no account: obtain the written consent and record it with its reference',
  },
  draftApprove: { zh: '拟同意的信息项：{items}', en: 'Drafted: approve the items {items}' },
  draftRefuse: { zh: '拟不予共享，理由：{reason}', en: 'Drafted: refuse, because {reason}' },
  draftedBy: { zh: '拟稿人：{name}', en: 'Drafted by: {name}' },
  headOpinion: { zh: '负责人意见：{opinion}', en: "The head's opinion: {opinion}" },
  recordedForHead: {
    zh: '{officer}代为登记负责人{head}的书面意见（文号：{reference}）',
    en: '{officer} recorded the written word of the head {head} (reference {reference})',
  },
  useChangeArticle: {
    zh: '《政务数据共享条例》第二十五条第一款：确需扩大使用范围、用于其他目的或者提供给第三方的，应当经政务数据提供部门同意',
    en: 'Regulation on government data sharing, Art. 25 ¶1: widening the use, using the data for another purpose or giving it to a third party needs the consent of the providing department',
  },
  disposalArticle: {
    zh: '《政务数据共享条例》第二十七条第一款：共享目的已实现、无法实现或者为实现共享目的不再必要的，应当按照政务数据提供部门的要求妥善处置（条例未规定处置期限，期限由提供部门确定）',
    en: 'Regulation on government data sharing, Art. 27 ¶1: once the purpose is achieved, cannot be achieved or no longer needs the data, the data is disposed of as the providing department requires (the regulation sets no period; the provider sets it)',
  },
  filedLate: { zh: '（逾期报送）', en: ' (late)' },
  disposalRecord: {
    zh: '处置内容：{what}；处置方式：{how}；处置日期：{on}；处置人：{by}',
    en: 'Disposed of: {what}; how: {how}; on: {on}; by: {by}',
  },
  ground_grant_ended: { zh: '共享授权已终止', en: 'the grant has ended' },
  ground_purpose_achieved: { zh: '共享目的已实现', en: 'the purpose is achieved' },
  ground_purpose_unachievable: { zh: '共享目的无法实现', en: 'the purpose cannot be achieved' },
  ground_no_longer_necessary: { zh: '为实现共享目的不再必要', en: 'no longer necessary for the purpose' },
});

export type SharingNoticeKind = keyof typeof SharingNotices.definitions;
