import { definePolicies, EVERY_ROLE } from '../../org/index.js';

/**
 * Who may see and keep the registry of authoritative sources (一数一源, R76–R79): everyone signed
 * in reads the registry; the competent authority designates sources and decides duplicate flags
 * and conflicts in its jurisdiction. Flags and conflicts name a department's resources and carry
 * personal values: only the departments concerned (their resource administrators) and the
 * authority read them.
 */
export const SourceActions = definePolicies({
  'quality.source.read': EVERY_ROLE,
  'quality.source.manage': { authority: 'jurisdiction' },
  'quality.source.case.read': { authority: 'jurisdiction', resource_admin: 'department' },
});
