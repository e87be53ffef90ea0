import { definePolicies } from '../org/index.js';

/**
 * Who reads a data snapshot (R107): the department that queried (its users and resource
 * administrators), the competent authority over its jurisdiction, and the platform's auditor.
 * Anyone else is told it does not exist (404). Verifying one by id and digest needs no sign-in.
 */
export const SnapshotActions = definePolicies({
  'snapshot.read': {
    dept_user: 'department',
    resource_admin: 'department',
    authority: 'jurisdiction',
    auditor: 'all',
  },
});
