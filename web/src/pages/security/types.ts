/** `GET /api/v1/security/accounts` as the account security page reads it (src/org/routes/security.ts). */

export const CONCERNS = ['locked', 'failedSignIns', 'totpMissing', 'noRole', 'disabled'] as const;
export type Concern = (typeof CONCERNS)[number];

export type AccountSort =
  | 'username'
  | 'department'
  | 'lockedUntil'
  | 'failedSignIns'
  | 'lastFailedAt'
  | 'lastLoginAt'
  | 'createdAt';

export interface AccountSecurity {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  departmentName: string;
  roles: string[];
  status: 'active' | 'disabled';
  privileged: boolean;
  locked: boolean;
  lockedUntil: string | null;
  lockedAfterFailures: number | null;
  failureRun: number;
  failedSignIns: { count: number; lastAt: string | null; lastAddress: string | null };
  totpRequired: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  concerns: Concern[];
}

export interface AccountSecurityList {
  items: AccountSecurity[];
  total: number;
  summary: Record<Concern, number>;
  days: number;
  policy: { maxFailures: number; lockMinutes: number };
}
