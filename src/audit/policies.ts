import { definePolicies } from '../org/index.js';

/**
 * Who may use the auditor views. The trace itself (`audit.read`, defined with the org actions)
 * is for auditors and, within their jurisdiction, the competent authority; a department sees
 * the access report about its own resources and reads (R88, R117). Operators watch exchange
 * activity and metrics (R55, R102) without reading the trace.
 */
export const AuditViewActions = definePolicies({
  'audit.departmentReport': { auditor: 'all', authority: 'jurisdiction', resource_admin: 'department' },
  'audit.personReport': { auditor: 'all', authority: 'jurisdiction' },
  'audit.chainStatus': { auditor: 'all', authority: 'all', operator: 'all' },
  'audit.verify': { auditor: 'all' },
  'audit.exchangeStatus': { operator: 'all', auditor: 'all', authority: 'jurisdiction' },
  'metrics.read': { operator: 'all', auditor: 'all' },
});
