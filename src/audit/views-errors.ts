import { defineErrors } from '../platform/errors/index.js';

/** Errors of the auditor views (search, reports, export, chain status, exchange status). */
export const AuditViewErrors = defineErrors('audit-views', {
  AUDIT_TRACE_ENTRY_NOT_FOUND: {
    status: 404,
    zh: '审计记录不存在或不在您的查看范围内：{seq}',
    en: 'Audit entry not found or outside what you may read: {seq}',
  },
  AUDIT_TIME_RANGE_INVALID: {
    status: 400,
    zh: '时间范围无效：起始时间须早于结束时间',
    en: 'Invalid time range: the start must be before the end',
  },
  AUDIT_VERIFY_IN_PROGRESS: {
    status: 409,
    zh: '审计链校验正在进行中，请稍后查看结果',
    en: 'A verification of the audit chain is already running; check its result shortly',
  },
});
