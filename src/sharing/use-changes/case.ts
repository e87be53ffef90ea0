import { defineCase, WITHDRAWN, withdrawal } from '../../platform/cases/index.js';
import type { Actor } from '../../platform/context/index.js';
import { ownPartyRole } from '../cases.js';
import { SharingActions } from '../policies.js';
import { canReadCase } from '../store.js';
import type { SharingUseChangeTable, UseChangeStatus } from './schema.js';

/**
 * 用途变更 (N14, 政务数据共享条例第二十五条第一款): "政府部门通过共享获得政务数据的，不得擅自扩大使用范围
 * 以及用于或者变相用于其他目的，不得擅自将获得的政务数据提供给第三方。确需扩大使用范围、用于其他目的或者
 * 提供给第三方的，应当经政务数据提供部门同意。" The requesting department asks on a grant; the
 * provider's resource administrator consents (recorded on the grant) or refuses with a reason.
 * The regulation sets no period for the provider's answer, so the case carries no deadline.
 */
export const UseChangeCase = defineCase<
  Actor,
  SharingUseChangeTable,
  UseChangeStatus,
  'approve' | 'refuse' | 'withdraw',
  'consumer' | 'provider'
>({
  type: 'use_change',
  auditPrefix: 'sharing.use_change',
  table: 'sharing_use_change',
  touch: 'updated_at',
  numberPrefix: 'YT',
  opening: { action: 'request', by: 'consumer', label: { zh: '申请变更用途', en: 'requested' } },
  errors: { notFound: 'USE_CHANGE_NOT_FOUND', invalidState: 'USE_CHANGE_INVALID_STATE' },
  statuses: {
    requested: { zh: '待提供部门同意', en: 'awaiting the provider' },
    approved: { zh: '提供部门已同意', en: 'consented' },
    refused: { zh: '提供部门不同意', en: 'refused' },
    withdrawn: WITHDRAWN,
  },
  roles: {
    consumer: ownPartyRole('consumer', SharingActions['sharing.use_change.request']),
    provider: ownPartyRole('provider', SharingActions['sharing.use_change.decide']),
  },
  actions: {
    approve: { by: 'provider', from: ['requested'], to: 'approved', label: { zh: '同意', en: 'consented' } },
    refuse: { by: 'provider', from: ['requested'], to: 'refused', label: { zh: '不同意', en: 'refused' } },
    withdraw: withdrawal('consumer', ['requested']),
  },
  canRead: canReadCase,
});
