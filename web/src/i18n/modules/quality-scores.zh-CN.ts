import type { Widen } from '../widen.ts';

/** 简体中文 messages of the 质量评分 page, under the `qualityScores.` key; English twins in quality-scores.en.ts. */
export const qualityScoresZhCN = {
  title: '质量评分',
  subtitle:
    '按托管资源的变更日志持续计算：完整性（非空值占比）、有效性（身份证号码校验位、日期范围等规则的通过率）、与数源部门数据的一致性；评分为已计量各维度的平均值，未计量的维度不计入。',
  departments: '各部门评分',
  departmentsHint: '按记录数加权的部门评分，低分在前',
  resources: '资源评分',
  resource: '资源',
  provider: '提供部门',
  rows: '记录数',
  score: '评分',
  completeness: '完整性',
  validity: '有效性',
  agreement: '一致性',
  uniqueness: '主键唯一性',
  uniquenessEnforced:
    '每个主键只存一条记录：主键值经校验后入库，全角字符按半角、首尾空格去除，大小写保留；文件中与前面一行主键相同的行被拒收并列入拒收文件',
  notMeasured: '未计量',
  agreementPending: '尚未与数源部门数据比对',
  checkedAt: '最近计算',
  scannedAt: '最近全量检查',
  items: '各信息项',
  item: '信息项',
  empty: '空值',
  invalid: '不合规',
  rule: '有效性规则',
  noRule: '仅检查完整性',
  history: '评分趋势',
  rescan: '重新全量检查',
  rescanned: '已重新检查',
  empty_list: '暂无评分：托管资源有数据后，评分任务会在几分钟内算出',
  detail: '评分详情',
  resourceLabel: '数据质量评分',
} as const;

export type QualityScoresMessages = Widen<typeof qualityScoresZhCN>;
