import { defineErrors } from '../../platform/errors/index.js';

export const AgreementErrors = defineErrors('sharing', {
  AGREEMENT_NOT_FOUND: { status: 404, zh: '共享协议不存在：{id}', en: 'Sharing agreement not found: {id}' },
  AGREEMENT_NOT_AVAILABLE: {
    status: 409,
    zh: '本辖区政策未规定协议共享：{text}',
    en: 'Agreement sharing is not provided for in this jurisdiction: {text}',
  },
  AGREEMENT_INVALID_STATE: {
    status: 409,
    zh: '共享协议当前状态为“{status}”，不能{action}',
    en: 'The agreement is {statusEn}; it cannot be {actionEn}',
  },
});
