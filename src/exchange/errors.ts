import { defineErrors } from '../platform/errors/index.js';

/**
 * Errors every part of the exchange shares: a resource not hosted, and what a reader must state
 * with every read. Each part (hosting, gateway, services, subscriptions, nodes) adds its own
 * `EXCHANGE_*` codes in its folder's `errors.ts`; the `GRANT_*` refusals come from sharing.
 */
export const ExchangeErrors = defineErrors('exchange', {
  EXCHANGE_NOT_HOSTED: {
    status: 404,
    zh: '信息资源 {entryId} 未在平台集中存放数据',
    en: 'Resource {entryId} has no data hosted on the platform',
  },
  EXCHANGE_RESOURCE_SUSPENDED: {
    status: 409,
    zh: '信息资源 {code} 的托管数据已暂停提供',
    en: 'The hosted data of resource {code} is suspended',
  },
  EXCHANGE_PURPOSE_REQUIRED: {
    status: 400,
    zh: '请求须在请求头 X-Govshare-Purpose 中说明使用用途（{allowed}）',
    en: 'A read must state its purpose in the X-Govshare-Purpose header ({allowed})',
  },
  EXCHANGE_PURPOSE_INVALID: {
    status: 400,
    zh: '使用用途“{purpose}”无效，应为：{allowed}',
    en: 'Purpose "{purpose}" is not one of: {allowed}',
  },
  EXCHANGE_CASE_NUMBER_INVALID: {
    status: 400,
    zh: '办件编号（X-Govshare-Case-Number）须为 1–64 个可见字符',
    en: 'The case number (X-Govshare-Case-Number) must be 1–64 visible characters',
  },
  EXCHANGE_ITEM_UNKNOWN: {
    status: 422,
    zh: '信息项“{item}”不在该资源的托管数据中',
    en: 'Information item "{item}" is not in the hosted data of the resource',
  },
  EXCHANGE_RATE_LIMITED: {
    status: 429,
    zh: '访问过于频繁（{scope}每分钟上限 {max} 次），请 {retryAfter} 秒后再试',
    en: 'Too many reads ({scopeEn} limit {max} a minute); retry in {retryAfter} s',
  },
});
