import { definePolicies } from '../../org/index.js';

/**
 * Who may do what with violation cases (issue 17; R114, N20, N25). The competent authority over the
 * respondent's jurisdiction opens, orders, accepts, rejects, dismisses and publishes circulars (809
 * 第三十九条至第四十一条: 由同级政务数据共享主管部门责令改正); the respondent department's resource
 * administrators (the authority's own people where the authority is the respondent, 第四十一条)
 * report the rectification; the operator and the auditor read.
 */
export const ViolationActions = definePolicies({
  'supervision.violation.read': {
    authority: 'jurisdiction',
    resource_admin: 'department',
    operator: 'all',
    auditor: 'all',
  },
  'supervision.violation.handle': { authority: 'jurisdiction' },
  'supervision.violation.rectify': { resource_admin: 'department', authority: 'department' },
  /** A published circular: every signed-in user of the jurisdiction it was published in (N20). */
  'supervision.circular.read': {
    operator: 'all',
    auditor: 'all',
    security_admin: 'jurisdiction',
    authority: 'jurisdiction',
    resource_admin: 'jurisdiction',
    dept_user: 'jurisdiction',
  },
});
