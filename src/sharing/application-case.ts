import { isAllowed } from '../org/index.js';
import { type CaseRole, defineCase, WITHDRAWN, withdrawal } from '../platform/cases/index.js';
import type { Actor } from '../platform/context/index.js';
import { partyRole } from './cases.js';
import type { ApplicationStatus } from './model.js';
import { SharingActions } from './policies.js';
import type { SharingApplicationTable } from './schema.js';
import { canReadApplication } from './store.js';

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
 * 809 第二十条 (N09): the consent of one party's sharing-office head. The role is held by the
 * party's own accounts; which of them is the head (or, for a head without an account, the
 * officer recording the head's written consent) is the roster's answer, read in the step
 * (`head-approval.ts`), since a role here only sees the actor and the case.
 */
const headOf = (side: 'consumer' | 'provider'): CaseRole<Actor, SharingApplicationTable> => ({
  permission: 'sharing.head.consent',
  holds: (actor, row) =>
    actor.departmentId === row[`${side}_department_id`] &&
    isAllowed(actor, SharingActions['sharing.case.read'], {
      departmentId: row[`${side}_department_id`],
      jurisdictionPath: row[`${side}_jurisdiction_path`],
    }),
});

/**
 * 依申请共享 (R31–R33, R40) as a case: the consumer submits it; where the profile asks for it (809
 * 第二十条第二款) it waits for the consumer head's consent (endorsing), then goes on (granted at
 * once where the profile says so). The consumer may withdraw it before the answer; the provider
 * approves all or some of its items (a grant for exactly those) or refuses it with a reason; where
 * the profile asks for it (第二十条第三款) an answer drafted by a resource administrator waits for the
 * provider head's consent (answer_review), who confirms it or sends it back. The provider may
 * return it once for completion (补正, 809 Art.21, N11) and the consumer resubmits it completed.
 */
/** Where the reply period runs: pending, and while an answer awaits the provider's head (N09). */
export const REPLY_RUNS_IN = ['pending', 'answer_review'] as const satisfies readonly ApplicationStatus[];

export const ApplicationCase = defineCase<
  Actor,
  SharingApplicationTable,
  ApplicationStatus,
  | 'withdraw'
  | 'endorse'
  | 'decline'
  | 'approve'
  | 'refuse'
  | 'draft_answer'
  | 'confirm_answer'
  | 'send_back_answer'
  | 'return'
  | 'resubmit',
  string
>({
  type: 'application',
  auditPrefix: 'sharing',
  table: 'sharing_application',
  touch: 'updated_at',
  errors: { notFound: 'SHARING_APPLICATION_NOT_FOUND', invalidState: 'SHARING_INVALID_STATE' },
  opening: { action: 'submit', by: 'consumer', label: { zh: '提交申请', en: 'submitted' } },
  statuses: {
    endorsing: { zh: '待本部门负责人同意', en: "awaiting the head's consent" },
    not_endorsed: { zh: '本部门负责人不同意', en: 'not endorsed by the head' },
    pending: { zh: '待答复', en: 'pending' },
    answer_review: { zh: '答复待负责人同意', en: "answer awaiting the head's consent" },
    returned: { zh: '退回补正', en: 'returned for completion' },
    approved: { zh: '已同意', en: 'approved' },
    partially_approved: { zh: '部分同意', en: 'partially approved' },
    refused: { zh: '不予共享', en: 'refused' },
    withdrawn: WITHDRAWN,
  },
  // 809 第二十一条第一款: 1 working day where every item is unconditional, else 10, counted from
  // receipt by the provider (after the requesting head's consent); an approved extension moves it
  // (第二十一条第一款 但书); a return for completion stops it (N11). The head's review of the answer
  // (第二十条第三款) is within the period, not beside it.
  deadlines: [
    {
      label: { zh: '答复期限', en: 'Reply due' },
      profileFields: ['deadlines.replyUnconditional', 'deadlines.reply', 'deadlines.replyExtension'],
      runsIn: REPLY_RUNS_IN,
    },
  ],
  roles: {
    consumer: partyRole('consumer', SharingActions['sharing.apply']),
    provider: decider,
    consumerHead: headOf('consumer'),
    providerHead: headOf('provider'),
  },
  actions: {
    withdraw: withdrawal('consumer', ['endorsing', 'pending', 'answer_review', 'returned']),
    endorse: {
      by: 'consumerHead',
      from: ['endorsing'],
      to: ['pending', 'approved'],
      label: { zh: '本部门负责人同意', en: 'endorsed by the head' },
    },
    decline: {
      by: 'consumerHead',
      from: ['endorsing'],
      to: 'not_endorsed',
      label: { zh: '本部门负责人不同意', en: 'not endorsed by the head' },
    },
    approve: {
      by: 'provider',
      from: ['pending'],
      to: ['approved', 'partially_approved'],
      label: { zh: '同意', en: 'approved' },
    },
    refuse: { by: 'provider', from: ['pending'], to: 'refused', label: { zh: '不予共享', en: 'refused' } },
    // Reached through approve and refuse by a resource administrator who is not the head.
    draft_answer: {
      by: 'provider',
      from: ['pending'],
      to: 'answer_review',
      label: { zh: '拟定答复（待负责人同意）', en: "answer drafted for the head's consent" },
    },
    confirm_answer: {
      by: 'providerHead',
      from: ['answer_review'],
      to: ['approved', 'partially_approved', 'refused'],
      label: { zh: '负责人同意答复', en: 'answer consented to by the head' },
    },
    send_back_answer: {
      by: 'providerHead',
      from: ['answer_review'],
      to: 'pending',
      label: { zh: '负责人退回答复拟稿', en: 'draft answer sent back by the head' },
    },
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
  canRead: canReadApplication,
});
