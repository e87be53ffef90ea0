import { definePolicies } from '../../org/index.js';

/**
 * Who sees and handles the alerts on the access trail (issue 17, R65, R89). Departments do not:
 * an alert is about one of their own people or systems, and goes to those who supervise them.
 */
export const AlertActions = definePolicies({
  /** The security administrator, the operator and the auditor everywhere; the authority over its jurisdiction. */
  'supervision.alert.read': {
    security_admin: 'all',
    operator: 'all',
    auditor: 'all',
    authority: 'jurisdiction',
  },
  /** Acknowledging says "seen and handled": the security administrator, the operator, the authority. */
  'supervision.alert.acknowledge': { security_admin: 'all', operator: 'all', authority: 'jurisdiction' },
  /** The one-click lift of an automatic suspension. */
  'supervision.alert.lift': { security_admin: 'all', operator: 'all' },
  /** Thresholds and automatic suspension: the operator enables it (and the security administrator). */
  'supervision.alert.configure': { operator: 'all', security_admin: 'all' },
});
