import { describeWalk } from './support/walk.ts';

/** The three administrators' walk: the instance's operator, security and audit pages. */
describeWalk('every page for the three administrators, on an office screen and a phone', [
  'sysadmin',
  'secadmin',
  'auditadmin',
]);
