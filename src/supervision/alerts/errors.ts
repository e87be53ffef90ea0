import { defineErrors } from '../../platform/errors/index.js';

/** Errors of the access-trail alerts (issue 17, R65). */
export const AlertErrors = defineErrors('supervision', {
  ALERT_NOT_FOUND: { status: 404, zh: '安全告警不存在：{id}', en: 'Security alert not found: {id}' },
  ALERT_ALREADY_ACKNOWLEDGED: {
    status: 409,
    zh: '该安全告警已由{by}于 {at} 确认',
    en: 'The security alert was acknowledged by {by} at {at}',
  },
  ALERT_NOT_SUSPENDED: {
    status: 409,
    zh: '该安全告警未暂停任何 API 客户端，或暂停已解除',
    en: 'The security alert suspended no API client, or the suspension was lifted already',
  },
  ALERT_SETTINGS_INVALID: {
    status: 400,
    zh: '告警设置 {name} 须为 {min} 至 {max} 之间的整数',
    en: 'Alert setting {name} must be a whole number from {min} to {max}',
  },
  ALERT_WORKING_HOURS_INVALID: {
    status: 400,
    zh: '工作时间的开始（{start} 时）须早于结束（{end} 时）',
    en: 'Working hours must start ({start}:00) before they end ({end}:00)',
  },
});
