import type { AuditMessages } from './audit.zh-CN.ts';

/** English messages of the audit pages. */
export const auditEn: AuditMessages = {};
