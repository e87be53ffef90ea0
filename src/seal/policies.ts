import { definePolicies } from '../org/index.js';

/**
 * Who manages and reads department electronic seals (issue 19; R106). The platform operator issues,
 * rotates and revokes them (平台管理单位 keeps the instance's keys); the competent authority reads
 * those of its jurisdiction. Verifying a sealed document needs no sign-in at all.
 */
export const SealActions = definePolicies({
  'seal.manage': { operator: 'all' },
  'seal.read': { operator: 'all', authority: 'jurisdiction', auditor: 'all' },
});
