import type { Executor } from '../platform/db/index.js';
import { defineErrors } from '../platform/errors/index.js';

/** A restriction of a department's new applications, as sharing needs to name it in a refusal. */
export interface RestrictionInfo {
  id: string;
  /** When it was imposed (ISO instant). */
  since: string;
  /** The article that allows it (Feicheng Art.21), or null. */
  article: string | null;
  reason: string;
}

/**
 * R71: the authority may restrict the platform entitlements of a department that does not
 * update its data in time (data quality keeps them; the composition root binds this port to it).
 */
export interface ApplicationRestrictions {
  restricted(departmentId: string, executor: Executor): Promise<RestrictionInfo | undefined>;
}

export const RestrictionErrors = defineErrors('sharing', {
  SHARING_DEPARTMENT_RESTRICTED: {
    status: 403,
    zh: '本部门因未按共享目录规定的时限更新数据，自 {since} 起被主管部门限制提出新的共享申请（{article}）：{reason}',
    en: 'Your department may not file new applications since {since}: the authority restricted it because its data is late ({article}): {reason}',
  },
});

/** Throws SHARING_DEPARTMENT_RESTRICTED while the department's new applications are restricted (R71). */
export async function refuseRestricted(
  restrictions: ApplicationRestrictions | undefined,
  departmentId: string,
  executor: Executor,
): Promise<void> {
  const restriction = await restrictions?.restricted(departmentId, executor);
  if (restriction)
    throw RestrictionErrors.error('SHARING_DEPARTMENT_RESTRICTED', {
      since: restriction.since.slice(0, 10),
      article: restriction.article ?? '—',
      reason: restriction.reason,
    });
}
