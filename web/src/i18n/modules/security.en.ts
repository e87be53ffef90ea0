import type { SecurityMenuMessages, SecurityMessages } from './security.zh-CN.ts';

/** English messages of the account security page; every key mirrors security.zh-CN.ts. */
export const securityMenuEn: SecurityMenuMessages = {
  accountSecurity: 'Account security',
};

export const securityEn: SecurityMessages = {
  title: 'Account security',
  subtitle:
    'Accounts the security administrator should look at: locked after failed sign-ins, failing to sign in lately, without the TOTP their roles require, without any role, or disabled. Viewing this page is recorded in the audit trail.',
  summary: {
    locked: 'Locked',
    failedSignIns: 'Failed sign-ins, last {{days}} days',
    totpMissing: 'TOTP not set up',
    noRole: 'No role',
  },
  concern: {
    any: 'All needing attention',
    locked: 'Locked',
    failedSignIns: 'Failed sign-ins',
    totpMissing: 'TOTP not set up',
    noRole: 'No role',
    disabled: 'Disabled',
  },
  concernFilter: 'Show',
  daysFilter: 'Period',
  days: 'Last {{count}} days',
  searchPlaceholder: 'Search by username or name',
  allDepartments: 'All departments',
  column: {
    account: 'Account',
    department: 'Department',
    roles: 'Roles',
    concerns: 'Attention',
    lockedUntil: 'Locked until',
    failedSignIns: 'Failed sign-ins',
    totp: 'TOTP',
    lastLogin: 'Last sign-in',
  },
  lockedAfter: 'Locked after {{count}} failures in a row',
  failureRun: '{{count}} failures in a row now',
  failures: '{{count}}',
  lastFailure: 'last {{at}}',
  from: 'from {{address}}',
  noAddress: 'address not recorded',
  totpRequired: 'Required by role',
  totpOn: 'Bound',
  totpOff: 'Not bound',
  totpNotRequired: 'Not required',
  privileged: 'Privileged',
  unlock: 'Unlock',
  unlockPrivileged: 'Request unlock',
  unlocked: 'Unlocked',
  policy:
    'Lock policy: {{maxFailures}} failed sign-ins in a row lock an account for {{lockMinutes}} minutes; unlocking a privileged account needs a second administrator.',
  empty: 'No account needs attention',
  noRoleTag: 'No role',
};
