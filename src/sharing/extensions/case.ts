import { defineCase } from '../../platform/cases/index.js';
import type { Actor } from '../../platform/context/index.js';
import { ownPartyRole, partyRole } from '../cases.js';
import { SharingActions } from '../policies.js';
import { canReadCase } from '../store.js';
import type { ExtensionStatus, SharingReplyExtensionTable } from './schema.js';

/**
 * 延期答复 (政务数据共享条例第二十一条第一款) as a case: the provider's resource administrator asks
 * the competent authority over the provider to extend an application's reply period, once, with a
 * reason; the authority approves (the application's deadline moves, the requester is told) or
 * refuses with a reason.
 */
export const ExtensionCase = defineCase<
  Actor,
  SharingReplyExtensionTable,
  ExtensionStatus,
  'approve' | 'refuse',
  'provider' | 'authority'
>({
  type: 'extension',
  auditPrefix: 'sharing.extension',
  table: 'sharing_reply_extension',
  touch: 'updated_at',
  numberPrefix: 'YQ',
  opening: { action: 'request', by: 'provider', label: { zh: '申请延期答复', en: 'requested' } },
  errors: { notFound: 'EXTENSION_NOT_FOUND', invalidState: 'EXTENSION_INVALID_STATE' },
  statuses: {
    requested: { zh: '待主管部门同意', en: 'awaiting the authority' },
    approved: { zh: '已同意延期', en: 'approved' },
    refused: { zh: '不同意延期', en: 'refused' },
  },
  roles: {
    provider: ownPartyRole('provider', SharingActions['sharing.extension.request']),
    authority: partyRole('provider', SharingActions['sharing.extension.decide']),
  },
  actions: {
    approve: {
      by: 'authority',
      from: ['requested'],
      to: 'approved',
      label: { zh: '同意延期', en: 'approved' },
    },
    refuse: {
      by: 'authority',
      from: ['requested'],
      to: 'refused',
      label: { zh: '不同意延期', en: 'refused' },
    },
  },
  canRead: canReadCase,
});
