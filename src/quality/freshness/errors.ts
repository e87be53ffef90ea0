import { defineErrors } from '../../platform/errors/index.js';

/** Errors of freshness (时效, R68–R71). */
export const FreshnessErrors = defineErrors('quality', {
  FRESHNESS_NOT_MONITORED: {
    status: 404,
    zh: '该信息资源不在时效监测范围内（未发布，或平台未汇聚、未接入服务）',
    en: 'The resource is not monitored for freshness (not published, hosted or served)',
  },
  FRESHNESS_RESTRICTION_NOT_FOUND: {
    status: 404,
    zh: '限制记录不存在',
    en: 'Restriction not found',
  },
  FRESHNESS_RESTRICTION_NOT_ALLOWED: {
    status: 409,
    zh: '本地政策未规定可对未按时更新数据的部门限制其权益（{text}）',
    en: 'The policy in force does not allow restricting departments whose data is late ({text})',
  },
  FRESHNESS_DEPARTMENT_NOT_LATE: {
    status: 409,
    zh: '{department}当前没有超过更新时限的信息资源，不能限制其权益',
    en: '{department} has no late resource: it cannot be restricted',
  },
  FRESHNESS_ALREADY_RESTRICTED: {
    status: 409,
    zh: '{department}已被限制（自 {since}），须先解除',
    en: '{department} is already restricted (since {since})',
  },
  FRESHNESS_RESTRICTION_NOT_ACTIVE: {
    status: 409,
    zh: '该限制已解除',
    en: 'The restriction has already been lifted',
  },
});
