import { defineErrors } from '../platform/errors/index.js';

/** Errors of department electronic seals (issue 19; R106–R108). */
export const SealErrors = defineErrors('seal', {
  SEAL_DEPARTMENT_NOT_FOUND: {
    status: 404,
    zh: '未找到部门：{id}',
    en: 'Department not found: {id}',
  },
  SEAL_NOT_FOUND: {
    status: 404,
    zh: '未找到电子印章：{keyId}',
    en: 'Electronic seal not found: {keyId}',
  },
  SEAL_NAME_INVALID: {
    status: 400,
    zh: '印章名称须为 1 至 {max} 个字符，且不含控制字符',
    en: 'A seal name is 1 to {max} characters without control characters',
  },
  SEAL_VALIDITY_INVALID: {
    status: 400,
    zh: '印章有效期无效：起始 {from} 须早于截止 {to}，且截止晚于现在',
    en: 'Invalid seal validity: from {from} must be before to {to}, and to in the future',
  },
  SEAL_ACTIVE_EXISTS: {
    status: 409,
    zh: '部门已有在用电子印章 {keyId}：请轮换或先注销',
    en: 'The department already has an active seal {keyId}: rotate it or revoke it first',
  },
  SEAL_NOT_ACTIVE: {
    status: 409,
    zh: '电子印章 {keyId} 当前状态为“{status}”，不能执行此操作',
    en: 'Seal {keyId} is {status}: this step is not possible',
  },
  SEAL_NO_ACTIVE_SEAL: {
    status: 409,
    zh: '部门 {departmentId} 没有在有效期内的在用电子印章',
    en: 'Department {departmentId} has no active seal within its validity',
  },
  SEAL_DOCUMENT_INVALID: {
    status: 400,
    zh: '待签章文档须为 JSON 对象，其中文本不含 NUL 或孤立代理字符，数值为有限数',
    en: 'A document to seal is a JSON object whose text has no NUL or lone surrogate and whose numbers are finite',
  },
});
