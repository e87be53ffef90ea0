import type { Widen } from '../widen.ts';

/** 简体中文 messages of the data snapshot pages (R107), under the `snapshots.` key; English twins in snapshots.en.ts. */
export const snapshotsMenuZhCN = {
  snapshots: '数据快照',
} as const;

export const snapshotsZhCN = {
  title: '数据快照',
  subtitle:
    '以文书类、证照类信息作为办事依据或执法参考查询时，平台同步生成的数据快照（电子凭证），固化查询当时的数据状态并由平台签名（《广州市政府信息共享管理规定》第二十三条第二款）。',
  caseNumber: '办理事项或案件编号',
  casePlaceholder: '输入编号查找，如 GZ-ZF-2026-0001',
  search: '查找',
  takenAt: '生成时间',
  resource: '信息资源',
  kind: '类型',
  document: '文书类',
  licence: '证照类',
  requester: '查询人',
  department: '查询部门',
  purpose: '用途',
  records: '记录数',
  open: '查看凭证',
  madeNote: '本次查询的是文书类或证照类信息，平台已同步生成数据快照（电子凭证）。',
  empty: '暂无数据快照',
  voucherTitle: '数据快照电子凭证',
  voucherSubtitle: '政务信息资源共享交换平台 · 数据快照（电子凭证）',
  print: '打印',
  back: '返回列表',
  snapshotId: '快照编号',
  grantId: '授权编号',
  items: '信息项',
  masked: '脱敏项',
  recordKey: '记录键',
  digest: '内容摘要',
  signature: '平台签名',
  algorithm: '签名算法',
  keyId: '平台密钥标识',
  verification: '签名核验',
  valid: '签名有效',
  invalid: '签名无效',
  qrHint: '扫码核验本凭证',
  verifyTitle: '数据快照核验',
  verifySubtitle: '核验平台签发的数据快照（电子凭证）是否真实、未被改动；无需登录。',
  verifyId: '快照编号',
  verifyDigest: '内容摘要',
  verifyButton: '核验',
  notFound: '数据快照不存在或无权查看',
} as const;

export type SnapshotsMessages = Widen<typeof snapshotsZhCN>;
export type SnapshotsMenuMessages = Widen<typeof snapshotsMenuZhCN>;
