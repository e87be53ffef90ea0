// The platform's own list of roles (code, not an API answer): the fallback names every one.
import { ROLES } from '../../../src/platform/context/index.ts';
import type { Role, RoleInfo } from '../api/types.ts';
import { ROLE_LABELS } from './roles.tsx';
import { useApi } from './use-api.ts';

/** The built-in list: every role with its separation of duties and second factor, without permissions. */
const SEPARATED: readonly Role[] = ['operator', 'security_admin', 'auditor'];
const SECOND_FACTOR: readonly Role[] = [...SEPARATED, 'authority'];

const FALLBACK: RoleInfo[] = ROLES.map((role) => ({
  role,
  label: ROLE_LABELS[role],
  separated: SEPARATED.includes(role),
  requiresTotp: SECOND_FACTOR.includes(role),
  permissions: [],
}));

/** The roles the platform defines, from the API; the built-in list while loading or when not readable. */
export function useRoles(): { roles: RoleInfo[]; loading: boolean; fromApi: boolean } {
  const list = useApi('/roles');
  return { roles: list.data?.items ?? FALLBACK, loading: list.loading, fromApi: !!list.data };
}
