import { defineErrors } from '../../platform/errors/index.js';

/** Errors of subscriptions (订阅) and change pushes. */
export const SubscriptionErrors = defineErrors('exchange', {
  EXCHANGE_SUBSCRIPTION_NOT_FOUND: {
    status: 404,
    zh: '订阅不存在：{id}',
    en: 'Subscription not found: {id}',
  },
  EXCHANGE_SUBSCRIPTION_URL_INVALID: {
    status: 422,
    zh: '订阅的接收地址无效：{reason}',
    en: 'Invalid subscription URL: {reason}',
  },
  EXCHANGE_SUBSCRIPTION_FROM_SEQ_INVALID: {
    status: 422,
    zh: '起始序号 {fromSeq} 超出该资源变更日志的最新序号 {lastSeq}',
    en: 'Start sequence {fromSeq} is past the last sequence {lastSeq} of the change log',
  },
  EXCHANGE_SUBSCRIPTION_NOT_RETRYABLE: {
    status: 409,
    zh: '订阅当前状态为“{status}”，只有进入死信或已暂停的推送订阅可以重试',
    en: 'The subscription is {status}; only a dead-lettered or paused push subscription can be retried',
  },
});
