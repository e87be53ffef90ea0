import { type CaseRole, defineCase } from '../../platform/cases/index.js';
import type { Actor } from '../../platform/context/index.js';
import { authorityRole, ownPartyRole } from '../cases.js';
import { SharingActions } from '../policies.js';
import type { Parties } from '../store.js';
import type { ComplaintAction, ComplaintStatus, SharingComplaintTable } from './schema.js';
import { canReadComplaint, parties } from './store.js';

/** A party role over the complaint's two departments: the complainant stands where the consumer does. */
const onParties = (role: CaseRole<Actor, Parties>): CaseRole<Actor, SharingComplaintTable> => ({
  permission: role.permission,
  holds: (actor, row) => role.holds(actor, parties(row)),
});

/**
 * 投诉 (R118) as a case: the complainant withdraws it until it is answered; the authority over
 * both departments investigates and answers in writing; while it is investigated the authority
 * and either department record findings and statements.
 */
export const ComplaintCase = defineCase<
  Actor,
  SharingComplaintTable,
  ComplaintStatus,
  ComplaintAction,
  'authority' | 'complainant' | 'respondent'
>({
  type: 'complaint',
  auditPrefix: 'sharing.complaint',
  table: 'sharing_complaint',
  touch: 'updated_at',
  errors: { notFound: 'COMPLAINT_NOT_FOUND', invalidState: 'COMPLAINT_INVALID_STATE' },
  statuses: {
    received: { zh: '已受理', en: 'received' },
    investigating: { zh: '调查中', en: 'under investigation' },
    answered: { zh: '已答复', en: 'answered' },
    withdrawn: { zh: '已撤回', en: 'withdrawn' },
  },
  roles: {
    authority: onParties(authorityRole(SharingActions['sharing.complaint.handle'])),
    complainant: onParties(ownPartyRole('consumer', SharingActions['sharing.complaint.file'])),
    respondent: onParties(ownPartyRole('provider', SharingActions['sharing.complaint.file'])),
  },
  actions: {
    withdraw: {
      by: 'complainant',
      from: ['received', 'investigating'],
      to: 'withdrawn',
      label: { zh: '撤回', en: 'withdrawn' },
    },
    investigate: {
      by: 'authority',
      from: ['received'],
      to: 'investigating',
      label: { zh: '开始调查', en: 'investigated' },
    },
    note: {
      by: ['authority', 'complainant', 'respondent'],
      from: ['investigating'],
      label: { zh: '记录调查情况', en: 'noted' },
    },
    answer: {
      by: 'authority',
      from: ['investigating'],
      to: 'answered',
      label: { zh: '书面答复', en: 'answered' },
    },
  },
  canRead: canReadComplaint,
});
