import { defineErrors } from '../../platform/errors/index.js';
import { caseErrors } from '../errors.js';

/** N14 (政务数据共享条例第二十五条第一款): a change of use needs the provider's consent. */
export const UseChangeErrors = defineErrors('sharing', {
  ...caseErrors('USE_CHANGE', { zh: '用途变更申请', en: 'use-change request' }),
  USE_CHANGE_EMPTY: {
    status: 422,
    zh: '请至少填写一项：其他用途、扩大后的使用范围或第三方',
    en: 'Name at least one of: another purpose, the wider use, a third party',
  },
  USE_CHANGE_ALREADY_COVERED: {
    status: 409,
    zh: '共享授权已涵盖用途“{purpose}”，无需申请',
    en: 'The grant already covers the purpose {purpose}',
  },
  USE_CHANGE_GRANT_ENDED: {
    status: 409,
    zh: '共享授权已{status}，不能申请变更用途',
    en: 'The grant is {statusEn}; no change of use can be asked for',
  },
  USE_CHANGE_PENDING: {
    status: 409,
    zh: '该共享授权已有待提供部门决定的用途变更申请（{number}）',
    en: 'The grant already has a use-change request awaiting the provider ({number})',
  },
});
