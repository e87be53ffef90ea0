import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types.ts';
import { isEnglish } from '../i18n/index.ts';

/** Role names as people say them; mirrors ROLE_LABELS in src/org/roles.ts for readers without roles access. */
export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  operator: { zh: '系统管理员', en: 'Operator' },
  security_admin: { zh: '安全管理员', en: 'Security admin' },
  auditor: { zh: '安全审计员', en: 'Auditor' },
  authority: { zh: '主管部门', en: 'Competent authority' },
  resource_admin: { zh: '信息资源管理员', en: 'Resource admin' },
  dept_user: { zh: '部门用户', en: 'Department user' },
};

const ROLE_COLORS: Record<string, string> = {
  operator: 'geekblue',
  security_admin: 'purple',
  auditor: 'gold',
  authority: 'cyan',
  resource_admin: 'blue',
  dept_user: 'default',
};

export function useRoleLabel(): (role: string) => string {
  const { i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  // A role the portal does not know (added to the server later) is shown by its name.
  const labels: Partial<Record<string, { zh: string; en: string }>> = ROLE_LABELS;
  return (role) => {
    const label = labels[role];
    return label ? (en ? label.en : label.zh) : role;
  };
}

export function RoleTag({ role }: { role: string }) {
  const label = useRoleLabel();
  return (
    <Tag color={ROLE_COLORS[role] ?? 'default'} data-role={role} style={{ marginInlineEnd: 4 }}>
      {label(role)}
    </Tag>
  );
}

export function RoleTags({ roles }: { roles: string[] }) {
  return (
    <>
      {roles.map((role) => (
        <RoleTag key={role} role={role} />
      ))}
    </>
  );
}
