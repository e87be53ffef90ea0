import type { Widen } from '../widen.ts';

/** 简体中文 messages of the public seal verification page (R108), under `sealVerify.`; English twins in seal-verify.en.ts. */
export const sealVerifyZhCN = {
  title: '电子签章记录核验',
  subtitle:
    '核验文书类、证照类共享信息所加盖的电子印章（无需登录）。粘贴或上传签章记录（联机查询结果中的 sealed 项、批量下载 NDJSON 中的一行，或 {document, seal}），即可判断记录是否由登记的部门印章签署且未被改动。',
  input: '签章记录（JSON）',
  inputPlaceholder: '{"document": {"resource": "…", "key": "…", "values": {…}}, "seal": {…}}',
  upload: '上传文件',
  verify: '核验',
  clear: '清空',
  unreadable: '无法识别：请粘贴 JSON 格式的签章记录（含 document 与 seal）',
  valid: '签章有效',
  invalid: '签章无效',
  sealName: '印章名称',
  department: '签章部门',
  signedAt: '签章时间',
  algorithm: '算法',
  keyId: '密钥标识',
  sealStatus: '印章状态',
  statuses: { active: '在用', retired: '已轮换停用', revoked: '已注销' },
  retiredNote: '该印章已于 {{at}} 轮换停用；停用前所签记录仍然有效。',
  revokedNote: '该印章已于 {{at}} 注销（原因：{{reason}}）；注销前所签记录仍然有效。',
  sealImage: '电子印章印模',
  record: '记录内容',
  resource: '信息资源代码',
  key: '记录键值',
  item: '信息项',
  value: '值',
  print: '打印核验件',
  copyTitle: '电子签章记录核验件',
  copyNumber: '核验时间：{{at}}',
  result: '核验结果',
  qr: '扫码核验',
  qrNote: '扫描二维码可在本平台重新核验本记录',
  imageNote: '印模仅供识读，记录真实性以电子签名核验结果为准。',
} as const;

export type SealVerifyMessages = Widen<typeof sealVerifyZhCN>;
