import type { Widen } from '../widen.ts';

/** 简体中文 messages of the account security page (账号安全), under the `security.` key; English twins in security.en.ts. */
export const securityMenuZhCN = {
  accountSecurity: '账号安全',
} as const;

export const securityZhCN = {
  title: '账号安全',
  subtitle:
    '需要安全管理员关注的账号：因连续登录失败被锁定、近期登录失败、角色要求动态口令却未设置、未分配任何角色，或已停用。查看本页会记入审计日志。',
  summary: {
    locked: '已锁定',
    failedSignIns: '近{{days}}日登录失败',
    totpMissing: '未设置动态口令',
    noRole: '未分配角色',
  },
  concern: {
    any: '全部需关注',
    locked: '已锁定',
    failedSignIns: '登录失败',
    totpMissing: '未设置动态口令',
    noRole: '未分配角色',
    disabled: '已停用',
  },
  concernFilter: '筛选',
  daysFilter: '统计范围',
  days: '近{{count}}日',
  searchPlaceholder: '按用户名或姓名搜索',
  allDepartments: '全部部门',
  column: {
    account: '账号',
    department: '部门',
    roles: '角色',
    concerns: '需关注',
    lockedUntil: '锁定至',
    failedSignIns: '登录失败',
    totp: '动态口令',
    lastLogin: '最近登录',
  },
  lockedAfter: '连续失败 {{count}} 次后锁定',
  failureRun: '当前连续失败 {{count}} 次',
  failures: '{{count}} 次',
  lastFailure: '最近 {{at}}',
  from: '来源 {{address}}',
  noAddress: '来源未记录',
  totpRequired: '角色要求',
  totpOn: '已绑定',
  totpOff: '未绑定',
  totpNotRequired: '不要求',
  privileged: '特权账号',
  unlock: '解锁',
  unlockPrivileged: '申请解锁',
  unlocked: '已解锁',
  policy: '锁定策略：连续登录失败 {{maxFailures}} 次锁定 {{lockMinutes}} 分钟；特权账号的解锁须经双人审批。',
  empty: '没有需要关注的账号',
  noRoleTag: '未分配角色',
} as const;

export type SecurityMessages = Widen<typeof securityZhCN>;
export type SecurityMenuMessages = Widen<typeof securityMenuZhCN>;
