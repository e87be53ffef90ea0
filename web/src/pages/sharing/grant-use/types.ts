import type { Purpose } from '../../../api/sharing.ts';

export type { UseConsent } from '../../../../../src/sharing/use-changes/schema.ts';
export type { UseChange } from '../../../../../src/sharing/use-changes/service.ts';
export type { Disposal } from '../../../../../src/sharing/use-records/disposals.ts';
export type { UseRecordList } from '../../../../../src/sharing/use-records/records.ts';
export type { DisposalGround } from '../../../../../src/sharing/use-records/schema.ts';

export interface UseChanges {
  items: import('../../../../../src/sharing/use-changes/service.ts').UseChange[];
  consents: import('../../../../../src/sharing/use-changes/schema.ts').UseConsent[];
  purposes: Purpose[];
}
