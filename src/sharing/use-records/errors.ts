import { defineErrors } from '../../platform/errors/index.js';
import { caseErrors } from '../errors.js';

/** N21 use records (第二十九条第二款) and N16 disposal (第二十七条第一款). */
export const UseRecordErrors = defineErrors('sharing', {
  USE_RECORDS_NOT_FOUND: {
    status: 404,
    zh: '未找到该共享授权的使用记录：{id}',
    en: 'No use records found for grant {id}',
  },
  ...caseErrors('DISPOSAL', { zh: '处置事项', en: 'disposal' }),
  DISPOSAL_GRANT_NOT_ENDED: {
    status: 409,
    zh: '共享授权尚未终止（当前：{status}），须说明共享目的已实现、无法实现或不再必要',
    en: 'The grant has not ended ({statusEn}); state that its purpose is achieved, unachievable or no longer necessary',
  },
  DISPOSAL_ALREADY_REQUIRED: {
    status: 409,
    zh: '该共享授权已要求处置（{number}）',
    en: 'Disposal was already required for this grant ({number})',
  },
  DISPOSAL_DUE_DATE_PAST: {
    status: 422,
    zh: '处置期限 {dueDate} 早于今天（{today}）',
    en: 'The disposal due date {dueDate} is before today ({today})',
  },
  DISPOSAL_DATE_IN_FUTURE: {
    status: 422,
    zh: '处置日期 {date} 晚于今天（{today}），须在处置完成后填报',
    en: 'The disposal date {date} is after today ({today}); file the record once disposal is done',
  },
});
