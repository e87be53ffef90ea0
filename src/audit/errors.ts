import { defineErrors } from '../platform/errors/index.js';

export const AuditErrors = defineErrors('audit', {
  AUDIT_WRITE_FAILED: {
    status: 503,
    zh: '审计记录未能写入，操作未执行：{reason}',
    en: 'The audit entry could not be written, so the action was not carried out: {reason}',
  },
  AUDIT_TRAIL_CLOSED: {
    status: 503,
    zh: '审计链已关闭，不再接受记录',
    en: 'The audit trail is closed and accepts no more entries',
  },
  AUDIT_CHECKPOINT_NOT_FOUND: {
    status: 404,
    zh: '不存在序号为 {seq} 的审计检查点',
    en: 'No audit checkpoint at sequence number {seq}',
  },
  AUDIT_RETENTION_INVALID: {
    status: 400,
    zh: '审计日志保存期限设置无效：{reason}',
    en: 'Invalid audit log retention setting: {reason}',
  },
  AUDIT_KEY_INVALID: {
    status: 400,
    zh: '审计签名公钥无效：{reason}',
    en: 'Invalid audit signing public key: {reason}',
  },
  AUDIT_ANCHOR_INVALID: {
    status: 400,
    zh: '无法读取导出的检查点 {path}：{reason}',
    en: 'Cannot read the exported checkpoint {path}: {reason}',
  },
});
