import { defineErrors } from '../../platform/errors/index.js';
import { caseErrors } from '../errors.js';

export const AgreementErrors = defineErrors('sharing', {
  ...caseErrors('AGREEMENT', { zh: '共享协议', en: 'agreement', enNotFound: 'Sharing agreement' }),
  AGREEMENT_NOT_AVAILABLE: {
    status: 409,
    zh: '本辖区政策未规定协议共享：{text}',
    en: 'Agreement sharing is not provided for in this jurisdiction: {text}',
  },
});
