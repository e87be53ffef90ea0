import { defineErrors } from '../../platform/errors/index.js';
import { caseErrors } from '../errors.js';

/** 延期答复 (政务数据共享条例第二十一条第一款): the provider asks once, the authority decides. */
export const ExtensionErrors = defineErrors('sharing', {
  ...caseErrors('EXTENSION', { zh: '延期答复事项', en: 'reply extension' }),
  EXTENSION_NOT_PROVIDED: {
    status: 422,
    zh: '本实例的政策配置未规定可延长的答复期限，不能申请延期答复（{text}）',
    en: 'The profile sets no extension of the reply period, so none can be requested ({text})',
  },
  EXTENSION_TOO_LONG: {
    status: 422,
    zh: '延长的期限最长不得超过 {max} 个工作日（{article}）',
    en: 'An extension is at most {max} working days ({article})',
  },
  EXTENSION_ALREADY_REQUESTED: {
    status: 409,
    zh: '该申请已申请过延期答复（{number}，{status}），答复期限只能延长一次',
    en: 'This application already had a reply extension requested ({number}, {statusEn}); the period is extended once only',
  },
  EXTENSION_APPLICATION_NOT_PENDING: {
    status: 409,
    zh: '共享申请 {number} 不在待答复状态，不能延长答复期限',
    en: 'Application {number} is not awaiting a reply; its reply period cannot be extended',
  },
  EXTENSION_TOO_LATE: {
    status: 422,
    zh: '答复期限已于 {dueDate} 届满，须在期限届满前申请延期',
    en: 'The reply period ended on {dueDate}; an extension must be requested before it ends',
  },
  EXTENSION_NO_DEADLINE: {
    status: 422,
    zh: '共享申请 {number} 没有答复期限，无可延长',
    en: 'Application {number} has no reply deadline to extend',
  },
});
