import type { ResponseOf } from '../../../api/contract.ts';

export type UseChanges = ResponseOf<'/sharing/use-changes'>;
export type Disposal = ResponseOf<'/sharing/disposals'>['items'][number];
export type DisposalGround = Disposal['ground'];
