import { definePolicies, EVERY_ROLE } from '../../org/index.js';

/** Who reads which part of the home page (issue 17). */
export const HomeActions = definePolicies({
  /** Everyone signed in reads their own home page: its to-do lists only what each module lets them see. */
  'home.read': EVERY_ROLE,
  /** Statistics over the reader's scope: its department, the authority's jurisdiction, or everything. */
  'home.statistics.read': {
    operator: 'all',
    auditor: 'all',
    authority: 'jurisdiction',
    resource_admin: 'department',
    dept_user: 'department',
  },
  /** The department ranking: for those who supervise departments (809 第二十九条; R111). */
  'home.ranking.read': { operator: 'all', auditor: 'all', authority: 'jurisdiction' },
});
