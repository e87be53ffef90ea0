import { CASE_ATTACHMENT } from '../../platform/cases/index.js';
import { defineErrors } from '../../platform/errors/index.js';
import { ATTACHMENT_COUNT } from './schemas.js';

const MB = CASE_ATTACHMENT.bytes / (1024 * 1024);

/** The errors of verification and correction requests (校核纠错, R80–R84). */
export const CorrectionErrors = defineErrors('quality', {
  CORRECTION_NOT_FOUND: {
    status: 404,
    zh: '校核申请不存在：{id}',
    en: 'Verification request not found: {id}',
  },
  CORRECTION_INVALID_STATE: {
    status: 409,
    zh: '校核申请当前状态为“{status}”，不能{action}',
    en: 'The verification request is {statusEn}; it cannot be {actionEn}',
  },
  CORRECTION_NOT_HOSTED: {
    status: 422,
    zh: '信息资源 {entryId} 未在平台集中存放数据，不能对其提出校核申请',
    en: 'Resource {entryId} has no data hosted on the platform: no verification request can be filed against it',
  },
  CORRECTION_NO_GRANT: {
    status: 403,
    zh: '本部门未获得该信息资源的有效共享授权，不能提出校核申请（{reason}）',
    en: 'Your department holds no valid grant on this resource, so it cannot file a verification request ({reason})',
  },
  CORRECTION_OWN_RESOURCE: {
    status: 422,
    zh: '提供部门不能对本部门的信息资源提出校核申请，请直接更正数据',
    en: 'A provider does not file a verification request against its own resource: correct the data directly',
  },
  CORRECTION_RECORDS_REQUIRED: {
    status: 422,
    zh: '按记录提出校核申请时须列出至少一条记录；对整个资源提出时不列记录',
    en: 'A request on records names at least one record; a request on the whole resource names none',
  },
  CORRECTION_KEY_INVALID: {
    status: 422,
    zh: '第 {index} 条记录的键值无效：{detail}',
    en: 'The key of record {index} is not valid: {detail}',
  },
  CORRECTION_ITEM_UNKNOWN: {
    status: 422,
    zh: '信息项“{item}”不在该资源中，或不在本部门的共享授权范围内',
    en: 'Information item "{item}" is not in the resource or not in your department’s grant',
  },
  CORRECTION_ATTACHMENT_REFUSED: {
    status: 422,
    zh: '附件“{name}”不能接收：仅限 PDF、PNG、JPEG、TXT、CSV，每个不超过 {mb} MB，最多 {count} 个',
    en: 'Attachment "{name}" refused: PDF, PNG, JPEG, TXT or CSV only, each at most {mb} MB, at most {count} files',
  },
  CORRECTION_ATTACHMENT_NOT_FOUND: {
    status: 404,
    zh: '附件不存在：{id}',
    en: 'Attachment not found: {id}',
  },
  CORRECTION_REASON_REQUIRED: {
    status: 422,
    zh: '须说明{what}',
    en: 'A {whatEn} is required',
  },
  CORRECTION_BUSY: {
    status: 409,
    zh: '校核申请 {number} 正在由他人更正，请稍后刷新',
    en: 'Verification request {number} is being corrected by someone else; refresh in a moment',
  },
  CORRECTION_REPLY_NOT_READY: {
    status: 409,
    zh: '校核申请 {number} 尚未办结，尚无书面答复',
    en: 'Verification request {number} is not closed yet: there is no reply',
  },
});

/** The attachment limits as the refusal names them. */
export const attachmentLimits = { mb: MB, count: ATTACHMENT_COUNT };
