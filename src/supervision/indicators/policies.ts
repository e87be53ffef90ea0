import { definePolicies } from '../../org/index.js';

/** Who reads and who recomputes the supervision indicators (issue 17). */
export const IndicatorActions = definePolicies({
  /** The authority over its jurisdiction; operator and auditor everywhere; a department its own. */
  'supervision.indicator.read': {
    authority: 'jurisdiction',
    operator: 'all',
    auditor: 'all',
    resource_admin: 'department',
    dept_user: 'department',
  },
  /**
   * Recomputing a day recomputes it for every department (the figures of one jurisdiction sum its
   * subtree's): it discloses nothing and replaces derived figures only, so any authority may ask
   * it; it is audited.
   */
  'supervision.indicator.compute': { operator: 'all', authority: 'all' },
});
