import { definePolicies } from '../../org/index.js';

/**
 * Who may do what with verification and correction requests (校核纠错, R80–R84). A consumer
 * department files against a resource it holds a grant for; the provider's resource
 * administrators answer; the competent authority routes and watches them; auditors read.
 * Skeleton laid for issue 16: its part extends it.
 */
export const CorrectionActions = definePolicies({
  'quality.correction.read': {
    dept_user: 'department',
    resource_admin: 'department',
    authority: 'jurisdiction',
    auditor: 'all',
  },
});
