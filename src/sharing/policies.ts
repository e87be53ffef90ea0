import { definePolicies } from '../org/authz/index.js';

/**
 * Who may do what in the sharing workflow. A consumer department's users apply for themselves
 * (R31); only the provider's resource administrators answer (R127), never on their own
 * department's application; the parties, the competent authority of either party's
 * jurisdiction and the auditor read a case; grants are managed by the provider's resource
 * administrators and the authority.
 */
export const SharingActions = definePolicies({
  'sharing.apply': { dept_user: 'department', resource_admin: 'department' },
  'sharing.decide': { resource_admin: 'department' },
  'sharing.case.read': {
    dept_user: 'department',
    resource_admin: 'department',
    authority: 'jurisdiction',
    auditor: 'all',
  },
  'sharing.grant.manage': { resource_admin: 'department', authority: 'jurisdiction' },
  /** A department system testing its own access before it calls the exchange. */
  'sharing.grant.check': { dept_user: 'department', resource_admin: 'department' },
  'sharing.notice.read': {
    operator: 'self',
    security_admin: 'self',
    auditor: 'self',
    authority: 'self',
    resource_admin: 'self',
    dept_user: 'self',
  },
});
