import { definePolicies } from '../../org/index.js';

/**
 * Who reads and runs evaluations and department reports (issue 17; R111, R112, R117). Departments
 * read their own line of a published evaluation (every line of a public one: see the service);
 * the auditor reads everything and changes nothing (R117).
 */
export const EvaluationActions = definePolicies({
  'supervision.evaluation.read': {
    authority: 'jurisdiction',
    operator: 'all',
    auditor: 'all',
    resource_admin: 'department',
    dept_user: 'department',
  },
  'supervision.evaluation.manage': { authority: 'jurisdiction' },
  'supervision.report.read': {
    authority: 'jurisdiction',
    operator: 'all',
    auditor: 'all',
    resource_admin: 'department',
    dept_user: 'department',
  },
  'supervision.report.fill': { resource_admin: 'department' },
  'supervision.report.review': { authority: 'jurisdiction' },
  /** R116: a department's sharing compliance report for an IT project, issued by it or its authority. */
  'supervision.compliance.issue': { authority: 'jurisdiction', resource_admin: 'department' },
  'supervision.compliance.read': {
    authority: 'jurisdiction',
    operator: 'all',
    auditor: 'all',
    resource_admin: 'department',
    dept_user: 'department',
  },
});
