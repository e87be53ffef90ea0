import { definePolicies, EVERY_ROLE } from '../../org/index.js';

/**
 * Who may see and keep the registry of authoritative sources (一数一源, R76–R79): everyone signed
 * in reads it. Skeleton laid for issue 16: its part extends it.
 */
export const SourceActions = definePolicies({
  'quality.source.read': EVERY_ROLE,
});
