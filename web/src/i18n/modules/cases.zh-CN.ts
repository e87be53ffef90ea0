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
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type CasesMessages = Widen<typeof casesZhCN>;
