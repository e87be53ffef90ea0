import { ROLES, type Role } from '../platform/context/index.js';

// The roles themselves are the kernel's (every actor carries them); their labels and rules are org's.
export { ROLES, type Role } from '../platform/context/index.js';

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  operator: { zh: '系统管理员（平台管理单位）', en: 'Platform operator (system administrator)' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '安全审计员', en: 'Auditor' },
  authority: { zh: '主管部门', en: 'Competent authority' },
  resource_admin: { zh: '信息资源管理员', en: 'Resource administrator' },
  dept_user: { zh: '部门用户', en: 'Department user' },
};

/** Roles that must be held alone: an account holding one of them holds no other role. */
export const SEPARATED_ROLES: readonly Role[] = ['operator', 'security_admin', 'auditor'];

/** Roles whose holders must sign in with a second factor (TOTP). */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['operator', 'security_admin', 'auditor', 'authority'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Why a set of roles cannot be held together, or undefined when it can. */
export function roleConflict(roles: readonly Role[]): string | undefined {
  const separated = roles.filter((r) => SEPARATED_ROLES.includes(r));
  if (separated.length > 0 && roles.length > 1) {
    return `${separated[0]} 须单独持有（三员分立） / ${separated[0]} must be held alone (separation of duties)`;
  }
  return undefined;
}
