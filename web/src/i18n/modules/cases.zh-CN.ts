import type { Widen } from '../widen.ts';

/** 简体中文 messages of the case kernel's page (any declared case type), under `cases.`; English in cases.en.ts. */
export const casesZhCN = {
  back: '返回',
  summary: '事项内容',
  timeline: '办理过程',
  status: '状态',
  number: '编号',
  deadline: '办理期限',
  final: '已办结',
  stepDone: '已办理',
  required: '请填写{{field}}',
  unknownType: '未知的办件类型：{{type}}',
  rules: '适用政策配置',
  rulesOther: '开办时的配置，与现行配置不同',
  escalation: {
    head: '已报送负责人 {{name}}',
    officer: '负责人未开通平台账号，已转共享工作专人 {{name}}',
    unreachable: '负责人{{head}}未开通平台账号，也无共享工作专人，未能送达',
    due: '期限：{{date}}',
  },
  rulesUnrecorded: '开办早于记录，按现行配置办理',
} as const;

export type CasesMessages = Widen<typeof casesZhCN>;
