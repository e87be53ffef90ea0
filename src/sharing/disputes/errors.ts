import { defineErrors } from '../../platform/errors/index.js';
import { caseErrors } from '../errors.js';

/** Errors of negotiation, coordination and out-of-catalog demands (module `sharing`). */
export const DisputeErrors = defineErrors('sharing', {
  ...caseErrors('DISPUTE', {
    zh: '协商协调案件',
    en: 'case',
    enNotFound: 'Negotiation / coordination case',
  }),
  DISPUTE_STEP_NOT_IN_PROFILE: {
    status: 409,
    zh: '本辖区规则未设{step}环节：{text}（{article}）',
    en: 'The jurisdiction has no {stepEn} step: {text} ({article})',
  },
  DISPUTE_APPLICATION_NOT_REFUSED: {
    status: 409,
    zh: '只有不予共享的申请才能提出协商或协调（当前状态：{status}）',
    en: 'Only a refused application can be disputed (status: {status})',
  },
  DISPUTE_ALREADY_OPEN: {
    status: 409,
    zh: '该事项已有未办结的协商协调案件 {number}',
    en: 'An unfinished case {number} already covers this need',
  },
  DISPUTE_ENTRY_SHAREABLE: {
    status: 409,
    zh: '所需信息项均可共享，请直接申请，无需协商',
    en: 'Every item asked for is shareable: apply for it instead',
  },
  DISPUTE_NEGOTIATION_PENDING: {
    status: 409,
    zh: '协商尚未结束（期限至 {dueDate}）；协商未果或期满后方可提请协调',
    en: 'The negotiation is still under way (until {dueDate}); coordination follows a failed or lapsed negotiation',
  },
  DISPUTE_ITEMS_INVALID: {
    status: 422,
    zh: '决定共享的信息项须为所需信息项之一：{item}',
    en: 'Items shared must be among the items asked for: {item}',
  },
  DISPUTE_DECISION_REQUIRED: {
    status: 422,
    zh: '协调决定须写明决定内容及理由',
    en: 'A coordination decision must state its content and reasons',
  },
  // N19, 809 第二十八条第二款: "经政务数据共享主管部门协调处理仍未达成一致意见的，报政务数据共享主管部门的本级人民政府决定".
  DISPUTE_GOVERNMENT_DECISION_INVALID: {
    status: 422,
    zh: '人民政府决定的记录不完整（《政务数据共享条例》第二十八条第二款“报政务数据共享主管部门的本级人民政府决定”）：{reason}',
    en: "Incomplete record of the government's decision (809 Art.28 ¶2): {reason}",
  },
  ...caseErrors('DEMAND', { zh: '目录外需求', en: 'demand', enNotFound: 'Out-of-catalog demand' }),
  DEMAND_REFERENCE_REQUIRED: {
    status: 422,
    zh: '须填写人民政府决定的文号（{article}）',
    en: "The government decision's document number is required ({article})",
  },
  DEMAND_ENTRY_INVALID: {
    status: 422,
    zh: '所提供的目录须为本部门已发布的信息资源：{reason}',
    en: "The supplied entry must be a published resource of the provider's own: {reason}",
  },
});
