import { type CaseRole, defineCase, WITHDRAWN, withdrawal } from '../../platform/cases/index.js';
import type { Actor } from '../../platform/context/index.js';
import { authorityRole, ownPartyRole } from '../cases.js';
import { SharingActions } from '../policies.js';
import type { Parties } from '../store.js';
import {
  type ComplaintAction,
  type ComplaintStatus,
  MISUSE_FINDING,
  type SharingComplaintTable,
} from './schema.js';
import { canReadComplaint, parties } from './store.js';

/** A party role over the complaint's two departments: the complainant stands where the consumer does. */
const onParties = (role: CaseRole<Actor, Parties>): CaseRole<Actor, SharingComplaintTable> => ({
  permission: role.permission,
  holds: (actor, row) => role.holds(actor, parties(row)),
});

/**
 * The provider that found a requester's misuse itself (N17, 809 第二十七条第二款 "主管部门或者提供部门"):
 * its resource administrators, who manage its grants, open the finding and review the
 * rectification, as the authority does.
 */
const finder = (): CaseRole<Actor, SharingComplaintTable> => {
  const provider = ownPartyRole('consumer', SharingActions['sharing.grant.manage']);
  return {
    permission: provider.permission,
    holds: (actor, row) =>
      row.kind === MISUSE_FINDING && row.found_by === 'provider' && provider.holds(actor, parties(row)),
  };
};

/**
 * 投诉 (R118) as a case: the complainant withdraws it until it is answered; the authority over
 * both departments investigates and answers in writing; while it is investigated the authority
 * and either department record findings and statements.
 *
 * A misuse finding (N17) is the same case opened by the authority or the provider without a
 * complainant, straight into `rectifying`: the grants are suspended as it opens, and from there
 * it runs the same rectification steps (report, accept, reject, terminate, the sweep).
 */
export const ComplaintCase = defineCase<
  Actor,
  SharingComplaintTable,
  ComplaintStatus,
  ComplaintAction,
  'authority' | 'complainant' | 'respondent' | 'finder'
>({
  type: 'complaint',
  auditPrefix: 'sharing.complaint',
  table: 'sharing_complaint',
  touch: 'updated_at',
  // Filing a complaint draws its number itself (TS-年份-序号); a misuse finding opens through the kernel.
  numberPrefix: 'TS',
  opening: {
    action: 'find_misuse',
    by: ['authority', 'finder'],
    label: {
      zh: '认定违规使用，暂停授权并责令限期整改',
      en: 'found misuse; grants suspended, rectification ordered',
    },
  },
  errors: { notFound: 'COMPLAINT_NOT_FOUND', invalidState: 'COMPLAINT_INVALID_STATE' },
  statuses: {
    received: { zh: '已受理', en: 'received' },
    investigating: { zh: '调查中', en: 'under investigation' },
    answered: { zh: '已答复', en: 'answered' },
    withdrawn: WITHDRAWN,
    rectifying: { zh: '已暂停授权，限期整改中', en: 'suspended, rectification ordered' },
    rectification_reported: { zh: '已报告整改，待核查', en: 'rectification reported, under review' },
    rectified: { zh: '整改到位，已恢复授权', en: 'rectified, grants resumed' },
    terminated: { zh: '整改不到位，已终止共享', en: 'not rectified, sharing terminated' },
  },
  deadlines: [
    {
      label: { zh: '整改期限', en: 'rectification due' },
      // The authority sets the date (限期整改); 809 sets no number, so no profile field sets it.
      profileFields: [],
      runsIn: ['rectifying', 'rectification_reported'],
    },
  ],
  roles: {
    authority: onParties(authorityRole(SharingActions['sharing.complaint.handle'])),
    complainant: onParties(ownPartyRole('consumer', SharingActions['sharing.complaint.file'])),
    respondent: onParties(ownPartyRole('provider', SharingActions['sharing.complaint.file'])),
    finder: finder(),
  },
  actions: {
    withdraw: withdrawal('complainant', ['received', 'investigating']),
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
    // With a rectification order (N17) an answer suspending grants goes on to `rectifying`.
    answer: {
      by: 'authority',
      from: ['investigating'],
      to: ['answered', 'rectifying'],
      label: { zh: '书面答复', en: 'answered' },
    },
    report_rectification: {
      by: 'respondent',
      from: ['rectifying'],
      to: 'rectification_reported',
      label: { zh: '报告整改情况', en: 'reported rectification' },
    },
    accept_rectification: {
      by: ['authority', 'finder'],
      from: ['rectification_reported'],
      to: 'rectified',
      label: { zh: '确认整改到位', en: 'accepted as rectified' },
    },
    // Before the date the department may report again; after it, not rectified means terminated.
    reject_rectification: {
      by: ['authority', 'finder'],
      from: ['rectification_reported'],
      to: ['rectifying', 'terminated'],
      label: { zh: '认定整改不到位', en: 'found not rectified' },
    },
    // 809 第二十七条第二款 "对拒不整改或者整改不到位的，可以终止共享": the authority may end it at once.
    terminate: {
      by: ['authority', 'finder'],
      from: ['rectifying', 'rectification_reported'],
      to: 'terminated',
      label: { zh: '终止共享', en: 'terminated' },
    },
  },
  canRead: canReadComplaint,
});
