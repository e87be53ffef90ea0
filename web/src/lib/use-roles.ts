import type { Items, RoleInfo } from '../api/types.ts';
import { ROLE_LABELS } from './roles.tsx';
import { useApi } from './use-api.ts';

const FALLBACK: RoleInfo[] = Object.entries(ROLE_LABELS).map(([role, label]) => ({
  role,
  label,
  separated: ['operator', 'security_admin', 'auditor'].includes(role),
  requiresTotp: ['operator', 'security_admin', 'auditor', 'authority'].includes(role),
  permissions: [],
}));

/** The roles the platform defines, from the API; the built-in list while loading or when not readable. */
export function useRoles(): { roles: RoleInfo[]; loading: boolean; fromApi: boolean } {
  const list = useApi<Items<RoleInfo>>('/roles');
  return { roles: list.data?.items ?? FALLBACK, loading: list.loading, fromApi: !!list.data };
}
