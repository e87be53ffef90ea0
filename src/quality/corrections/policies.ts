import { definePolicies } from '../../org/index.js';

/**
 * Who may do what with verification and correction requests (校核纠错, R80–R84). A consumer
 * department files against a resource it holds a grant for; the provider's resource
 * administrators answer; the competent authority routes (checks, answers a technical cause itself,
 * forwards to the provider, refers a conflict case's discrepancy) and watches them; auditors read.
 */
export const CorrectionActions = definePolicies({
  'quality.correction.read': {
    dept_user: 'department',
    resource_admin: 'department',
    authority: 'jurisdiction',
    auditor: 'all',
  },
  'quality.correction.file': {
    dept_user: 'department',
    resource_admin: 'department',
  },
  'quality.correction.answer': {
    resource_admin: 'department',
  },
  'quality.correction.route': {
    authority: 'jurisdiction',
  },
});
