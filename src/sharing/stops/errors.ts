import { defineErrors } from '../../platform/errors/index.js';
import { caseErrors } from '../errors.js';

export const StopErrors = defineErrors('sharing', {
  ...caseErrors('STOP', { zh: '停止提供事项', en: 'stop' }),
  STOP_NOT_PROVIDER: {
    status: 403,
    zh: '只有资源的提供部门可以停止提供',
    en: 'Only the providing department can stop providing a resource',
  },
  STOP_NOT_IN_ADVANCE: {
    status: 422,
    zh: '停止提供须提前备案：生效日须晚于今天（{today}）',
    en: 'A stop must be filed in advance: it takes effect after today ({today})',
  },
  STOP_ALREADY_PENDING: {
    status: 409,
    zh: '该资源已有待生效的停止提供事项：{number}',
    en: 'The resource already has a stop pending: {number}',
  },
  SHARING_RESOURCE_STOPPED: {
    status: 409,
    zh: '信息资源 {code} 已于 {effectiveDate} 停止提供（{number}），不再受理申请、协议或授权',
    en: 'Resource {code} stopped on {effectiveDate} ({number}): no new applications, agreements or grants',
  },
});
