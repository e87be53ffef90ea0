import { defineErrors } from '../../platform/errors/index.js';

/** Errors of notice delivery (e-mail and webhook channels). */
export const DeliveryErrors = defineErrors('sharing', {
  CHANNEL_NOT_FOUND: { status: 404, zh: '通知渠道不存在：{id}', en: 'Notice channel not found: {id}' },
  CHANNEL_TARGET_INVALID: {
    status: 422,
    zh: '通知渠道地址无效：{reason}',
    en: 'Invalid channel address: {reason}',
  },
  CHANNEL_EMAIL_DISABLED: {
    status: 409,
    zh: '本实例未配置邮件服务器（GOVSHARE_SMTP_URL），不能添加邮件渠道',
    en: 'This instance has no SMTP server (GOVSHARE_SMTP_URL); e-mail channels cannot be added',
  },
});
