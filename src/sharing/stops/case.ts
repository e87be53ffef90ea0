import { defineCase, WITHDRAWN, withdrawal } from '../../platform/cases/index.js';
import type { Actor } from '../../platform/context/index.js';
import { partyRole } from '../cases.js';
import { SharingActions } from '../policies.js';
import { canReadCase } from '../store.js';
import type { SharingStopTable, StopStatus } from './schema.js';

/**
 * 停止提供 (R11) as a case: the provider files it (at once `filed`, or `pending_approval` where
 * the profile needs the government's approval, recorded by the authority) and may withdraw it
 * before it takes effect; the sweep makes it `effective` on its date.
 */
export const StopCase = defineCase<
  Actor,
  SharingStopTable,
  StopStatus,
  'withdraw' | 'approve' | 'reject',
  string
>({
  type: 'stop',
  auditPrefix: 'sharing.stop',
  table: 'sharing_stop',
  touch: 'updated_at',
  errors: { notFound: 'STOP_NOT_FOUND', invalidState: 'STOP_INVALID_STATE' },
  statuses: {
    pending_approval: { zh: '待批准', en: 'awaiting approval' },
    filed: { zh: '已备案', en: 'filed' },
    effective: { zh: '已生效', en: 'effective' },
    rejected: { zh: '未获批准', en: 'rejected' },
    withdrawn: WITHDRAWN,
  },
  roles: {
    provider: partyRole('provider', SharingActions['sharing.stop.file']),
    authority: partyRole('provider', SharingActions['sharing.stop.approve']),
  },
  actions: {
    withdraw: withdrawal('provider', ['pending_approval', 'filed']),
    approve: {
      by: 'authority',
      from: ['pending_approval'],
      to: 'filed',
      label: { zh: '批准', en: 'approved' },
    },
    reject: {
      by: 'authority',
      from: ['pending_approval'],
      to: 'rejected',
      label: { zh: '不予批准', en: 'rejected' },
    },
  },
  canRead: canReadCase,
});
