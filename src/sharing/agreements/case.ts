import { type CaseRole, defineCase, WITHDRAWN, withdrawal } from '../../platform/cases/index.js';
import type { Actor } from '../../platform/context/index.js';
import { partyRole } from '../cases.js';
import { SharingActions } from '../policies.js';
import { canReadCase } from '../store.js';
import type { AgreementStatus, SharingAgreementTable } from './schema.js';

export type AgreementAction = 'withdraw' | 'sign' | 'decline' | 'file' | 'refuse_filing';

/**
 * The provider's side signs or declines, but never the consumer's own department: an
 * administrator over both must not sign an agreement its own department proposed.
 */
const signer: CaseRole<Actor, SharingAgreementTable> = {
  permission: SharingActions['sharing.agreement.sign'],
  holds: (actor, row) =>
    actor.departmentId !== row.consumer_department_id &&
    partyRole<SharingAgreementTable>('provider', SharingActions['sharing.agreement.sign']).holds(actor, row),
};

/**
 * 共享协议 (R35) as a case: the consumer proposes it and may withdraw it until it is filed, the
 * provider signs or declines it, the authority over the provider files it (备案, when it takes
 * effect with its grant) or refuses filing.
 */
export const AgreementCase = defineCase<
  Actor,
  SharingAgreementTable,
  AgreementStatus,
  AgreementAction,
  'consumer' | 'provider' | 'authority'
>({
  type: 'agreement',
  auditPrefix: 'sharing.agreement',
  table: 'sharing_agreement',
  touch: 'updated_at',
  errors: { notFound: 'AGREEMENT_NOT_FOUND', invalidState: 'AGREEMENT_INVALID_STATE' },
  statuses: {
    proposed: { zh: '待签署', en: 'proposed' },
    signed: { zh: '已签署待备案', en: 'signed, awaiting filing' },
    filed: { zh: '已备案生效', en: 'filed and in effect' },
    declined: { zh: '提供部门拒绝签署', en: 'declined' },
    filing_refused: { zh: '不予备案', en: 'filing refused' },
    withdrawn: WITHDRAWN,
  },
  roles: {
    consumer: partyRole('consumer', SharingActions['sharing.agreement.propose']),
    provider: signer,
    authority: partyRole('provider', SharingActions['sharing.agreement.file']),
  },
  actions: {
    withdraw: withdrawal('consumer', ['proposed', 'signed']),
    sign: { by: 'provider', from: ['proposed'], to: 'signed', label: { zh: '签署', en: 'signed' } },
    decline: {
      by: 'provider',
      from: ['proposed'],
      to: 'declined',
      label: { zh: '拒绝签署', en: 'declined' },
    },
    file: { by: 'authority', from: ['signed'], to: 'filed', label: { zh: '备案', en: 'filed' } },
    refuse_filing: {
      by: 'authority',
      from: ['signed'],
      to: 'filing_refused',
      label: { zh: '不予备案', en: 'refused filing' },
    },
  },
  canRead: canReadCase,
});
