import { isAllowed } from '../org/index.js';
import { type CaseRole, defineCase } from '../platform/cases/index.js';
import type { Actor } from '../platform/context/index.js';
import { partyRole } from './cases.js';
import type { ApplicationStatus } from './model.js';
import { SharingActions } from './policies.js';
import type { SharingApplicationTable } from './schema.js';
import { canReadCase } from './store.js';

/**
 * The provider answers (R32), but never the applying department itself, even where its office
 * could decide for the provider's department too (SHARING_SELF_DECISION).
 */
const decider: CaseRole<Actor, SharingApplicationTable> = {
  permission: SharingActions['sharing.decide'],
  holds: (actor, row) =>
    actor.departmentId !== row.consumer_department_id &&
    isAllowed(actor, SharingActions['sharing.decide'], {
      departmentId: row.provider_department_id,
      jurisdictionPath: row.provider_jurisdiction_path,
    }),
};

/**
 * 依申请共享 (R31–R33, R40) as a case: the consumer submits it (granted at once where the profile
 * says so) and may withdraw it while pending or returned; the provider approves all or some of its
 * items (a grant for exactly those) or refuses it with a reason, or returns it once for completion
 * (补正, 809 Art.21, N11) and the consumer resubmits it completed.
 */
export const ApplicationCase = defineCase<
  Actor,
  SharingApplicationTable,
  ApplicationStatus,
  'withdraw' | 'approve' | 'refuse' | 'return' | 'resubmit',
  string
>({
  type: 'application',
  auditPrefix: 'sharing',
  table: 'sharing_application',
  touch: 'updated_at',
  errors: { notFound: 'SHARING_APPLICATION_NOT_FOUND', invalidState: 'SHARING_INVALID_STATE' },
  opening: { action: 'submit', by: 'consumer', label: { zh: '提交申请', en: 'submitted' } },
  statuses: {
    pending: { zh: '待答复', en: 'pending' },
    returned: { zh: '退回补正', en: 'returned for completion' },
    approved: { zh: '已同意', en: 'approved' },
    partially_approved: { zh: '部分同意', en: 'partially approved' },
    refused: { zh: '不予共享', en: 'refused' },
    withdrawn: { zh: '已撤回', en: 'withdrawn' },
  },
  // 809 第二十一条第一款: 1 working day where every item is unconditional, else 10; an approved
  // extension moves it (第二十一条第一款 但书); a return for completion stops it (N11).
  deadlines: [
    {
      label: { zh: '答复期限', en: 'Reply due' },
      profileFields: ['deadlines.replyUnconditional', 'deadlines.reply', 'deadlines.replyExtension'],
      runsIn: ['pending'],
    },
  ],
  roles: {
    consumer: partyRole('consumer', SharingActions['sharing.apply']),
    provider: decider,
  },
  actions: {
    withdraw: {
      by: 'consumer',
      from: ['pending', 'returned'],
      to: 'withdrawn',
      label: { zh: '撤回', en: 'withdrawn' },
    },
    approve: {
      by: 'provider',
      from: ['pending'],
      to: ['approved', 'partially_approved'],
      label: { zh: '同意', en: 'approved' },
    },
    refuse: { by: 'provider', from: ['pending'], to: 'refused', label: { zh: '不予共享', en: 'refused' } },
    return: {
      by: 'provider',
      from: ['pending'],
      to: 'returned',
      label: { zh: '退回补正', en: 'returned for completion' },
    },
    resubmit: {
      by: 'consumer',
      from: ['returned'],
      to: 'pending',
      label: { zh: '补正后重新提交', en: 'completed and resubmitted' },
    },
  },
  canRead: canReadCase,
});
