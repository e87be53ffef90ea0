import { definePolicies } from '../org/index.js';

/**
 * Who may do what in the exchange. The provider's resource administrators host their resources,
 * load data and register services (R52: the department keeps administering its hosted data;
 * platform staff get no write access, R63). A consumer department's users and systems (API
 * clients act as department users, R91) read, each read further checked against a grant.
 * Operators, auditors and the authority watch exchange health and the nodes (R55).
 */
export const ExchangeActions = definePolicies({
  'exchange.host.manage': { resource_admin: 'department' },
  /**
   * Writing a hosted resource's records (batches, uploads): its administrators, and its own
   * systems, which sign in as API clients acting as department users (R91) — front-end nodes.
   */
  'exchange.data.write': { resource_admin: 'department', dept_user: 'department' },
  'exchange.host.read': {
    resource_admin: 'department',
    dept_user: 'department',
    authority: 'jurisdiction',
    operator: 'all',
    auditor: 'all',
  },
  'exchange.read': { dept_user: 'department', resource_admin: 'department' },
  'exchange.subscription.manage': { dept_user: 'department', resource_admin: 'department' },
  'exchange.monitor': {
    operator: 'all',
    auditor: 'all',
    authority: 'jurisdiction',
    resource_admin: 'department',
  },
  /** A department's front-end exchange node (前置机) reports its heartbeat as an API client. */
  'exchange.node.report': { dept_user: 'department', resource_admin: 'department' },
});
