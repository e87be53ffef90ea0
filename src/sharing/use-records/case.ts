import { defineCase } from '../../platform/cases/index.js';
import type { Actor } from '../../platform/context/index.js';
import { ownPartyRole } from '../cases.js';
import { SharingActions } from '../policies.js';
import { canReadUseRecords } from './access.js';
import type { DisposalStatus, SharingDisposalTable } from './schema.js';

/**
 * 处置 (N16, 政务数据共享条例第二十七条第一款): "政务数据需求部门通过共享获取的政务数据，共享目的已实现、
 * 无法实现或者为实现共享目的不再必要的，应当按照政务数据提供部门的要求妥善处置。" The provider's resource
 * administrator requires disposal of a grant's data with its requirement and a date; the
 * requesting department files its record (what, how, when, who). The regulation sets no period
 * for disposal: the date is the provider's requirement, not a statutory period.
 */
export const DisposalCase = defineCase<
  Actor,
  SharingDisposalTable,
  DisposalStatus,
  'file',
  'consumer' | 'provider'
>({
  type: 'disposal',
  auditPrefix: 'sharing.disposal',
  table: 'sharing_disposal',
  touch: 'updated_at',
  numberPrefix: 'CZ',
  opening: { action: 'require', by: 'provider', label: { zh: '要求处置', en: 'required' } },
  errors: { notFound: 'DISPOSAL_NOT_FOUND', invalidState: 'DISPOSAL_INVALID_STATE' },
  statuses: {
    awaiting_record: { zh: '待报送处置记录', en: 'awaiting the disposal record' },
    filed: { zh: '已报送处置记录', en: 'record filed' },
  },
  roles: {
    consumer: ownPartyRole('consumer', SharingActions['sharing.disposal.file']),
    provider: ownPartyRole('provider', SharingActions['sharing.disposal.require']),
  },
  actions: {
    file: {
      by: 'consumer',
      from: ['awaiting_record'],
      to: 'filed',
      label: { zh: '报送处置记录', en: 'filed' },
    },
  },
  canRead: canReadUseRecords,
});
