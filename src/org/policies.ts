import { definePolicies, EVERY_ROLE } from './authz/index.js';

/**
 * Who may do what in the org module. Separation of duties (三员分立): the operator administers
 * the system (structure, accounts; it may list and revoke API clients but not mint or rotate one),
 * the security administrator holds role grants, unlocks and password resets, the auditor only reads.
 */
export const OrgActions = definePolicies({
  'jurisdiction.read': EVERY_ROLE,
  'jurisdiction.manage': { operator: 'all' },
  'department.read': EVERY_ROLE,
  'department.manage': { operator: 'all' },
  /**
   * A department's sharing office, head and officer (N01, R126, R128): kept by the department's
   * own resource administrators, or by the operator to whom they are reported. Not the security
   * administrator nor the auditor (三员分立).
   */
  'department.office.manage': { operator: 'all', resource_admin: 'department' },
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
  // A separate act from the password reset (issue 12): a reset password alone never passes the second factor.
  'user.resetTotp': { security_admin: 'all' },
  'apiClient.read': { operator: 'all', security_admin: 'all', auditor: 'all', resource_admin: 'department' },
  /**
   * Creating and rotating a client hands out its secret, and with it the department's granted
   * data: only the department's own resource administrators do it, never platform staff.
   */
  'apiClient.manage': { resource_admin: 'department' },
  /** Revoking only takes access away: platform staff may also do it, in an emergency (audited). */
  'apiClient.revoke': { operator: 'all', security_admin: 'all', resource_admin: 'department' },
  'audit.read': { auditor: 'all', authority: 'jurisdiction' },
  // Dual control (双人审批) of acts on the three administrators' accounts; who may decide one is
  // narrowed further by the request itself (never the requester's role, never the target).
  'dualControl.read': { operator: 'all', security_admin: 'all', auditor: 'all' },
  'dualControl.decide': { operator: 'all', security_admin: 'all', auditor: 'all' },
});
