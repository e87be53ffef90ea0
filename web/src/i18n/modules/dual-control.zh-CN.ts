import type { Widen } from '../widen.ts';

/** 简体中文 messages of dual control (双人审批), under the `dualControl.` key; English twins in dual-control.en.ts. */
export const dualControlMenuZhCN = {
  dualControl: '双人审批',
} as const;

export const dualControlZhCN = {
  title: '双人审批',
  subtitle:
    '对特权账号（系统管理员、安全管理员、安全审计员，以及可查阅审计记录的账号，如主管部门）的重置密码、重置动态口令、角色变更、启用/停用、解锁和修改电子邮箱/电话，以及授予上述特权角色，须由另一类管理员批准后才执行（三员分立）。请求 24 小时内未处理即过期。',
  submitted: '涉及特权账号或特权角色，已提交双人审批，待另一类管理员批准后执行',
  savedAndSubmitted:
    '姓名已保存；电子邮箱/电话或状态的变更涉及特权账号，已提交双人审批，待另一类管理员批准后执行',
  statusFilter: '状态',
  all: '全部',
  action: {
    reset_password: '重置密码',
    reset_totp: '重置动态口令',
    set_roles: '变更角色',
    set_status: '启用/停用',
    set_contact: '修改电子邮箱/电话',
    unlock: '解除锁定',
  },
  status: {
    pending: '待审批',
    approved: '已批准待领取',
    executed: '已执行',
    refused: '已拒绝',
    withdrawn: '已撤回',
    expired: '已过期',
  },
  field: {
    action: '操作',
    target: '账号',
    detail: '内容',
    requestedBy: '申请人',
    requestedAt: '申请时间',
    expiresAt: '截止时间',
    decidedBy: '审批人',
    status: '状态',
  },
  toStatus: { active: '启用', disabled: '停用' },
  contact: { email: '电子邮箱', phone: '电话', cleared: '（清空）' },
  approve: '批准',
  refuse: '拒绝',
  withdraw: '撤回',
  collect: '领取一次性密码',
  approveConfirm: '批准后将立即执行该操作（密码重置由申请人领取一次性密码时执行）。确定批准？',
  refuseConfirm: '确定拒绝该请求？',
  approved: '已批准',
  refused: '已拒绝',
  withdrawn: '已撤回',
  empty: '暂无请求',
  resetTotp: '重置动态口令',
  resetTotpConfirm:
    '重置后该用户下次登录须重新绑定动态口令。重置密码不会清除动态口令，二者须分别操作。确定重置？',
  resetTotpDone: '已重置动态口令',
  passwordWarning:
    '此一次性密码只显示这一次。该账号的动态口令保持不变：持有此密码者仍须通过账号本人的动态口令验证。',
} as const;

export type DualControlMessages = Widen<typeof dualControlZhCN>;
export type DualControlMenuMessages = Widen<typeof dualControlMenuZhCN>;
