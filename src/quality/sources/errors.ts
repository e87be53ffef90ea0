import { defineErrors } from '../../platform/errors/index.js';

/** Errors of one data, one source (一数一源, R76–R79). */
export const SourceErrors = defineErrors('quality', {
  SOURCE_NOT_FOUND: {
    status: 404,
    zh: '数源登记不存在',
    en: 'Source designation not found',
  },
  SOURCE_ALREADY_DESIGNATED: {
    status: 409,
    zh: '数据项“{item}”在本辖区已由{department}作为数源部门（{entry}），须先终止该登记',
    en: 'Data item "{item}" already has a source in this jurisdiction: {department} ({entry}); end that designation first',
  },
  SOURCE_ITEM_NOT_IN_RESOURCE: {
    status: 422,
    zh: '信息资源 {code} 不含数据项“{item}”',
    en: 'Resource {code} has no data item "{item}"',
  },
  SOURCE_RESOURCE_NOT_PUBLISHED: {
    status: 422,
    zh: '数源资源须为已发布的目录（{code}）',
    en: 'A source resource must be a published catalog entry ({code})',
  },
  SOURCE_NOT_PROVIDER: {
    status: 422,
    zh: '信息资源 {code} 不是该部门提供的',
    en: 'Resource {code} is not provided by that department',
  },
  SOURCE_ALREADY_ENDED: {
    status: 409,
    zh: '该数源登记已终止',
    en: 'The designation has already ended',
  },
  SOURCE_TEXT_REQUIRED: {
    status: 422,
    zh: '请填写{what}',
    en: 'Please fill in {what}',
  },
  SOURCE_DUPLICATE_NOT_FOUND: {
    status: 404,
    zh: '重复采集事项不存在',
    en: 'Duplicate collection flag not found',
  },
  SOURCE_DUPLICATE_INVALID_STATE: {
    status: 409,
    zh: '重复采集事项当前为“{status}”，不能{action}',
    en: 'The duplicate collection flag is {statusEn}: it cannot be {actionEn}',
  },
  SOURCE_CONFLICT_NOT_FOUND: {
    status: 404,
    zh: '数据冲突事项不存在',
    en: 'Data conflict not found',
  },
  SOURCE_CONFLICT_INVALID_STATE: {
    status: 409,
    zh: '数据冲突事项当前为“{status}”，不能{action}',
    en: 'The data conflict is {statusEn}: it cannot be {actionEn}',
  },
  SOURCE_REFERRAL_UNAVAILABLE: {
    status: 503,
    zh: '校核申请服务尚未启用，无法转办',
    en: 'Verification requests are not available: the conflict cannot be referred',
  },
});
