import { definePolicies } from './authz/index.js';

/**
 * Who may do what in the org module. Separation of duties (三员分立): the operator administers
 * the system (structure, accounts, clients), the security administrator holds role grants,
 * unlocks and password resets, the auditor only reads.
 */
export const OrgActions = definePolicies({
  'jurisdiction.read': {
    operator: 'all',
    security_admin: 'all',
    auditor: 'all',
    authority: 'all',
    resource_admin: 'all',
    dept_user: 'all',
  },
  'jurisdiction.manage': { operator: 'all' },
  'department.read': {
    operator: 'all',
    security_admin: 'all',
    auditor: 'all',
    authority: 'all',
    resource_admin: 'all',
    dept_user: 'all',
  },
  'department.manage': { operator: 'all' },
  'user.read': {
    operator: 'all',
    security_admin: 'all',
    auditor: 'all',
    authority: 'jurisdiction',
    resource_admin: 'department',
    dept_user: 'self',
  },
  'user.manage': { operator: 'all' },
  'user.grantRole': { security_admin: 'all' },
  'user.unlock': { security_admin: 'all' },
  'user.resetPassword': { security_admin: 'all' },
  'apiClient.read': { operator: 'all', security_admin: 'all', auditor: 'all', resource_admin: 'department' },
  'apiClient.manage': { operator: 'all', resource_admin: 'department' },
  'apiClient.revoke': { operator: 'all', security_admin: 'all', resource_admin: 'department' },
  'audit.read': { auditor: 'all', authority: 'jurisdiction' },
});
