/** `GET /api/v1/security/accounts` as the account security page reads it (src/org/routes/security.ts). */
import type { QueryOf, ResponseOf } from '../../api/contract.ts';

export type AccountSecurityList = ResponseOf<'/security/accounts'>;
export type AccountSecurity = AccountSecurityList['items'][number];
export type Concern = AccountSecurity['concerns'][number];
export type AccountSort = NonNullable<QueryOf<'/security/accounts'>['sort']>;

export const CONCERNS = [
  'locked',
  'failedSignIns',
  'totpMissing',
  'noRole',
  'disabled',
] as const satisfies readonly Concern[];
