import { definePolicies } from '../../org/index.js';

/**
 * Who sees quality scores: a department its own resources', the authority its jurisdiction's,
 * operators and auditors all (R111: scores feed the evaluation). A resource's administrators and
 * operators may ask for a full rescan.
 */
export const ScoreActions = definePolicies({
  'quality.score.read': {
    dept_user: 'department',
    resource_admin: 'department',
    authority: 'jurisdiction',
    operator: 'all',
    auditor: 'all',
  },
  'quality.score.scan': { resource_admin: 'department', operator: 'all' },
});
