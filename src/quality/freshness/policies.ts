import { definePolicies } from '../../org/index.js';

/**
 * Who may see freshness (时效, R16, R68–R73): a department its own resources, the authority its
 * jurisdiction's, operators and auditors all. Only the authority restricts a late department's
 * new applications, within its jurisdiction (R71, Feicheng Art.21), and lifts the restriction.
 */
export const FreshnessActions = definePolicies({
  'quality.freshness.read': {
    dept_user: 'department',
    resource_admin: 'department',
    authority: 'jurisdiction',
    operator: 'all',
    auditor: 'all',
  },
  'quality.freshness.restrict': { authority: 'jurisdiction' },
});
