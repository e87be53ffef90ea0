import { useApi } from '../../lib/use-api.ts';
import { useMe } from '../../session/index.tsx';

/**
 * How the reader stands towards the consents of 809 第二十条 in their own department, as its
 * recorded office (部门 → 共享工作机构) says: `head` consents in person; `officer` records the
 * written consent of a head who has no account, with its reference (文号); `none` does neither.
 * The server decides who may act; this only chooses the right words and inputs.
 */
export type HeadRole = 'head' | 'officer' | 'none';

export function useHeadRole(): { role: HeadRole; loaded: boolean } {
  const me = useMe();
  const office = useApi(`/departments/${me.department.id}/office`);
  const roster = office.data?.roster;
  const role: HeadRole = !roster
    ? 'none'
    : roster.head.userId === me.id
      ? 'head'
      : roster.head.userId === null && roster.officer.userId === me.id
        ? 'officer'
        : 'none';
  return { role, loaded: !office.loading };
}
