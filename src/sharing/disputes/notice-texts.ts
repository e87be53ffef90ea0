import { defineNotices, defineTexts } from '../../platform/messages/index.js';
import { withBody } from '../notice-texts.js';

/**
 * What the notices of negotiation / coordination cases and out-of-catalog demands say, in zh-CN
 * and en: each key is the notice's kind. `{body}` is text a user wrote (a reason, a decision) or
 * lines composed with `lines()`; it appears as written in both languages.
 */
export const DisputeNotices = defineNotices({
  'dispute.negotiation_opened': withBody({
    zh: '收到协商请求 {number}：{entry}',
    en: 'Negotiation {number} opened: {entry}',
  }),
  'dispute.coordination_requested': withBody({
    zh: '提请协调 {number}：{entry}',
    en: 'Coordination {number} requested: {entry}',
  }),
  'dispute.agreed': withBody({
    zh: '协商 {number} 达成，已授权：{entry}',
    en: 'Negotiation {number} agreed; access granted: {entry}',
  }),
  'dispute.negotiation_failed': withBody({
    zh: '协商 {number} 未果：{entry}',
    en: 'Negotiation {number} failed: {entry}',
  }),
  'dispute.granted': withBody({
    zh: '协调决定共享 {number}：{entry}',
    en: 'Coordination {number} decided to share: {entry}',
  }),
  'dispute.closed': withBody({
    zh: '协调决定不予共享 {number}：{entry}',
    en: 'Coordination {number} decided not to share: {entry}',
  }),
  'dispute.referred': withBody({
    zh: '协商协调案件 {number} 协调未达成一致，已报{government}决定：{entry}',
    en: 'Case {number} referred to {government} for decision: {entry}',
  }),
  'dispute.government_granted': withBody({
    zh: '{decidedBy}决定共享（{reference}）：{number} {entry}',
    en: '{decidedBy} decided to share ({reference}): {number} {entry}',
  }),
  'dispute.government_closed': withBody({
    zh: '{decidedBy}决定不予共享（{reference}）：{number} {entry}',
    en: '{decidedBy} decided not to share ({reference}): {number} {entry}',
  }),
  'dispute.withdrawn': withBody({
    zh: '协商协调案件 {number} 已被使用部门撤回',
    en: 'Case {number} was withdrawn by the consumer',
  }),
  'dispute.due_soon': withBody({
    zh: '{stage} {number} 将于 {due} 到期：{name}',
    en: '{stage} {number} is due on {due}: {name}',
  }),
  'dispute.overdue': withBody({
    zh: '{stage} {number} 已逾期（截止 {due}）：{name}',
    en: '{stage} {number} is overdue (due {due}): {name}',
  }),
  'demand.received': withBody({
    zh: '收到目录外共享需求 {number}：{title}',
    en: 'Out-of-catalog demand {number}: {title}',
  }),
  'demand.share_decided': withBody({
    zh: '目录外需求 {number} 决定共享：{title}',
    en: 'Demand {number} to be shared: {title}',
  }),
  'demand.refused': withBody({
    zh: '目录外需求 {number} 决定不予共享：{title}',
    en: 'Demand {number} not shared: {title}',
  }),
  'demand.supplied': withBody({
    zh: '目录外需求 {number} 已编目提供并授权：{entry}（{code}）',
    en: 'Demand {number} cataloged, supplied and granted: {entry} ({code})',
  }),
  'demand.withdrawn': withBody({ zh: '目录外需求 {number} 已被撤回', en: 'Demand {number} was withdrawn' }),
  'demand.due_soon': withBody({
    zh: '{stage} {number} 将于 {due} 到期：{name}',
    en: '{stage} {number} is due on {due}: {name}',
  }),
  'demand.overdue': withBody({
    zh: '{stage} {number} 已逾期（截止 {due}）：{name}',
    en: '{stage} {number} is overdue (due {due}): {name}',
  }),
});

/** Lines the dispute and demand notices compose their bodies from. */
export const DisputeTexts = defineTexts({
  items: { zh: '信息项：{items}', en: 'Items: {items}' },
  dueWithArticle: { zh: '期限：{due}（{article}）', en: 'Due: {due} ({article})' },
  coordinationDue: { zh: '协调期限：{due}', en: 'Coordinate by: {due}' },
  replyBy: { zh: '请于 {due} 前答复', en: 'Reply by {due}' },
  decisionReference: { zh: '决定文号：{reference}', en: 'Decision document: {reference}' },
  /** Why a negotiation ended when the consumer escalated after its period: the case's `failure_reason`. */
  negotiationLapsed: { zh: '协商期满未果', en: 'Negotiation lapsed' },
  supplyBy: { zh: '请于 {due} 前编目并提供（{article}）', en: 'Catalog and supply by {due} ({article})' },
  governmentDecision: {
    zh: '政务数据共享条例 第二十八条第二款：经政务数据共享主管部门协调处理仍未达成一致意见的，报政务数据共享主管部门的本级人民政府决定。条例未规定期限。',
    en: "Regulation on government data sharing, Art. 28 ¶2: a case the data-sharing authority's coordination leaves without agreement goes to the people's government at the authority's level for decision. The regulation sets no period.",
  },
});

export type DisputeNoticeKind = keyof typeof DisputeNotices.definitions;
