import { defineErrors } from '../../platform/errors/index.js';
import { caseErrors } from '../errors.js';

export const ComplaintErrors = defineErrors('sharing', {
  ...caseErrors('COMPLAINT', { zh: '投诉', en: 'complaint' }),
  COMPLAINT_NOT_AVAILABLE: {
    status: 409,
    zh: '本辖区政策未规定向主管部门投诉：{text}',
    en: 'Complaints to the authority are not provided for in this jurisdiction: {text}',
  },

  COMPLAINT_RESPONDENT_INVALID: {
    status: 422,
    zh: '被投诉部门无效：{reason}',
    en: 'Invalid department complained about: {reason}',
  },
  COMPLAINT_SUBJECT_INVALID: {
    status: 422,
    zh: '投诉所涉事项无效：{reason}',
    en: 'Invalid case complained about: {reason}',
  },
  COMPLAINT_REPLY_REQUIRED: {
    status: 422,
    zh: '须书面答复投诉',
    en: 'A complaint is answered in writing: the reply is required',
  },
  COMPLAINT_SUSPENSION_NOT_ALLOWED: {
    status: 422,
    zh: '只有成立的滥用类投诉可以暂停授权',
    en: 'Only an upheld misuse complaint can suspend grants',
  },
  COMPLAINT_GRANT_INVALID: {
    status: 422,
    zh: '授权 {id} 不是被投诉部门持有的有效授权',
    en: 'Grant {id} is not a live grant held by the department complained about',
  },
  // N17, 809 第二十七条第二款: "暂停其政务数据共享权限，并督促限期整改".
  COMPLAINT_RECTIFICATION_INVALID: {
    status: 422,
    zh: '整改要求无效（《政务数据共享条例》第二十七条第二款“暂停其政务数据共享权限，并督促限期整改”）：{reason}',
    en: 'Invalid rectification order (809 Art.27 ¶2: suspend and order rectification by a date): {reason}',
  },
  COMPLAINT_RECTIFICATION_OVERDUE: {
    status: 409,
    zh: '整改期限 {dueDate} 已过，不能再报告整改（《政务数据共享条例》第二十七条第二款“对拒不整改或者整改不到位的，可以终止共享”）',
    en: 'The rectification was due on {dueDate}; it can no longer be reported (809 Art.27 ¶2)',
  },
});
