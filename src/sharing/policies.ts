import { definePolicies } from '../org/index.js';

/**
 * Who may do what in the sharing workflow. A consumer department's users apply for themselves
 * (R31); only the provider's resource administrators answer (R127), never on their own
 * department's application; the parties, the competent authority of either party's
 * jurisdiction and the auditor read a case; grants are managed by the provider's resource
 * administrators and the authority.
 */
export const SharingActions = definePolicies({
  'sharing.apply': { dept_user: 'department', resource_admin: 'department' },
  'sharing.decide': { resource_admin: 'department' },
  'sharing.case.read': {
    dept_user: 'department',
    resource_admin: 'department',
    authority: 'jurisdiction',
    auditor: 'all',
  },
  'sharing.grant.manage': { resource_admin: 'department', authority: 'jurisdiction' },
  /** A department system testing its own access before it calls the exchange. */
  'sharing.grant.check': { dept_user: 'department', resource_admin: 'department' },
  /** R35: the consumer proposes an agreement, the provider signs it, the authority files it (备案). */
  'sharing.agreement.propose': { dept_user: 'department', resource_admin: 'department' },
  'sharing.agreement.sign': { resource_admin: 'department' },
  'sharing.agreement.file': { authority: 'jurisdiction' },
  /** R11: a provider stops providing a resource with a reason, filed with the authority in advance. */
  'sharing.stop.file': { resource_admin: 'department' },
  'sharing.stop.approve': { authority: 'jurisdiction' },
  /** 809 第二十一条第一款: the provider asks once to extend a reply period; the authority over it decides. */
  'sharing.extension.request': { resource_admin: 'department' },
  'sharing.extension.decide': { authority: 'jurisdiction' },
  /**
   * N14 (809 第二十五条第一款): the requesting department asks to widen the use, use the data for
   * another purpose or pass it to a third party; the provider consents or refuses.
   */
  'sharing.use_change.request': { dept_user: 'department', resource_admin: 'department' },
  'sharing.use_change.decide': { resource_admin: 'department' },
  /**
   * N21 (809 第二十九条第二款): the requesting department records its use; the records are read by
   * it, by the provider and by the competent authority ("可以查阅"), and by nobody else.
   */
  'sharing.use_record.write': { dept_user: 'department', resource_admin: 'department' },
  'sharing.use_record.read': {
    dept_user: 'department',
    resource_admin: 'department',
    authority: 'jurisdiction',
  },
  /** N16 (809 第二十七条第一款): the provider requires disposal by a date; the requester files its record. */
  'sharing.disposal.require': { resource_admin: 'department' },
  'sharing.disposal.file': { dept_user: 'department', resource_admin: 'department' },
  /** Where a department's notices are also delivered: e-mail addresses and webhooks. */
  'sharing.channel.manage': { resource_admin: 'department', authority: 'department', operator: 'all' },
  /** R38: the competent authority coordinates a dispute; its decision is binding. */
  'sharing.coordinate': { authority: 'jurisdiction' },
  /** R34: the authority decides (or records the government's decision on) an out-of-catalog demand. */
  'sharing.demand.decide': { authority: 'jurisdiction' },
  /** R118: any department complains to the authority, which investigates and answers in writing. */
  'sharing.complaint.file': { dept_user: 'department', resource_admin: 'department' },
  'sharing.complaint.handle': { authority: 'jurisdiction' },
  'sharing.notice.read': {
    operator: 'self',
    security_admin: 'self',
    auditor: 'self',
    authority: 'self',
    resource_admin: 'self',
    dept_user: 'self',
  },
});
