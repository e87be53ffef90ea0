import type { DualControlMenuMessages, DualControlMessages } from './dual-control.zh-CN.ts';

export const dualControlMenuEn: DualControlMenuMessages = {
  dualControl: 'Dual control',
};

export const dualControlEn: DualControlMessages = {
  title: 'Dual control',
  subtitle:
    'Password and TOTP resets, role changes, enabling/disabling, unlocking and e-mail/phone changes of privileged accounts (operator, security administrator, auditor, and accounts that read the audit trail, such as the competent authority), and granting such a role, take effect only once an administrator of another kind approves (separation of duties). Requests expire after 24 hours.',
  submitted: 'A privileged account or role: the act waits for approval by another kind of administrator',
  savedAndSubmitted:
    'Name saved; the e-mail/phone or status change of a privileged account waits for approval by another kind of administrator',
  statusFilter: 'Status',
  all: 'All',
  action: {
    reset_password: 'Password reset',
    reset_totp: 'TOTP reset',
    set_roles: 'Role change',
    set_status: 'Enable/disable',
    set_contact: 'E-mail/phone change',
    unlock: 'Unlock',
  },
  status: {
    pending: 'Pending',
    approved: 'Approved, to collect',
    executed: 'Carried out',
    refused: 'Refused',
    withdrawn: 'Withdrawn',
    expired: 'Expired',
  },
  field: {
    action: 'Act',
    target: 'Account',
    detail: 'Detail',
    requestedBy: 'Requested by',
    requestedAt: 'Requested at',
    expiresAt: 'Deadline',
    decidedBy: 'Decided by',
    status: 'Status',
  },
  toStatus: { active: 'enable', disabled: 'disable' },
  contact: { email: 'E-mail', phone: 'Phone', cleared: '(cleared)' },
  approve: 'Approve',
  refuse: 'Refuse',
  withdraw: 'Withdraw',
  collect: 'Collect one-time password',
  approveConfirm:
    'Approving carries the act out at once (a password reset is carried out when the requester collects its one-time password). Approve?',
  refuseConfirm: 'Refuse this request?',
  approved: 'Approved',
  refused: 'Refused',
  withdrawn: 'Withdrawn',
  empty: 'No requests',
  resetTotp: 'Reset TOTP',
  resetTotpConfirm:
    'The user will enrol a new authenticator at the next sign-in. A password reset does not clear TOTP; the two are separate acts. Reset?',
  resetTotpDone: 'TOTP reset',
  passwordWarning:
    'This one-time password is shown only once. The account keeps its TOTP: whoever holds this password still needs the owner’s verification code.',
};
