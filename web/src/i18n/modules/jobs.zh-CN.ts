import type { Widen } from '../widen.ts';

/** 简体中文 messages of the background jobs page, under the `jobs.` key; English twins in jobs.en.ts. */
export const jobsMenuZhCN = {
  jobs: '后台任务',
} as const;

export const jobsZhCN = {
  title: '后台任务',
  subtitle:
    '审计日志归档、审计链签名、期限巡检、通知投递、订阅推送与前置机离线检测等后台任务的运行情况。集群任务在多个节点中每周期只由一个节点运行；失败的任务按退避间隔自动重试。',
  name: '任务',
  schedule: '运行周期',
  every: '每 {{value}}',
  dailyAt: '每日 {{time}}（北京时间）',
  scope: '范围',
  scopeCluster: '集群（单节点运行）',
  scopeNode: '每个节点',
  lastRun: '上次运行',
  outcome: '结果',
  success: '成功',
  failure: '失败',
  running: '运行中',
  neverRun: '未运行',
  failures: '连续失败 {{count}} 次',
  nextRun: '下次运行',
  lastError: '最近错误',
  lastSuccess: '上次成功：{{at}}',
  runningOn: '运行节点：{{node}}',
  seconds: '{{count}} 秒',
  minutes: '{{count}} 分钟',
  hours: '{{count}} 小时',
  empty: '暂无后台任务',
} as const;

export type JobsMessages = Widen<typeof jobsZhCN>;
export type JobsMenuMessages = Widen<typeof jobsMenuZhCN>;
