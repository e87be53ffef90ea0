import { defineErrors } from '../../platform/errors/index.js';

/** The errors of violation cases and circulars (issue 17; R114, N20, N25). */
export const ViolationErrors = defineErrors('supervision', {
  VIOLATION_NOT_FOUND: {
    status: 404,
    zh: '违规事项不存在：{id}',
    en: 'Violation case not found: {id}',
  },
  VIOLATION_INVALID_STATE: {
    status: 409,
    zh: '违规事项当前状态为“{status}”，不能{action}',
    en: 'The violation case is {statusEn}; it cannot be {actionEn}',
  },
  VIOLATION_CATEGORY_UNKNOWN: {
    status: 422,
    zh: '违规情形“{code}”不在本平台适用的政策配置中',
    en: 'Kind of violation "{code}" is not in the profile this platform runs under',
  },
  VIOLATION_RESPONDENT_UNKNOWN: {
    status: 422,
    zh: '被责令部门不存在，或不在您的辖区内：{id}',
    en: 'The department is unknown or outside your jurisdiction: {id}',
  },
  VIOLATION_OWN_DEPARTMENT: {
    status: 422,
    zh: '主管部门不能对本部门立案；由本级人民政府或上级主管部门办理（政务数据共享条例第四十一条）',
    en: 'An authority does not open a case against itself: the government or the authority above does (Art.41)',
  },
  VIOLATION_TEXT_REQUIRED: {
    status: 422,
    zh: '须填写{what}',
    en: 'A {whatEn} is required',
  },
  VIOLATION_NO_PERIOD: {
    status: 409,
    zh: '政策配置未规定整改期限：请在整改通知中确定整改期限（工作日）',
    en: 'The profile sets no rectification period: give the period (working days) with the order',
  },
  VIOLATION_ATTACHMENT_REFUSED: {
    status: 422,
    zh: '附件“{name}”不能接收：仅限 PDF、PNG、JPEG、TXT、CSV，每个不超过 {mb} MB，每件最多 {count} 个',
    en: 'Attachment "{name}" refused: PDF, PNG, JPEG, TXT or CSV only, each at most {mb} MB, at most {count} per case',
  },
  VIOLATION_ATTACHMENT_NOT_FOUND: {
    status: 404,
    zh: '附件不存在：{id}',
    en: 'Attachment not found: {id}',
  },
  CIRCULAR_NOT_FOUND: {
    status: 404,
    zh: '通报不存在：{id}',
    en: 'Circular not found: {id}',
  },
});
