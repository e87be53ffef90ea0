import type { AuditTrail } from '../audit/index.js';
import type { RequestContext } from '../platform/context/index.js';
import type { Executor } from '../platform/db/index.js';
import type { GrantService, NewGrant } from './grants.js';
import type { AccessMethod, GrantOrigin, Purpose } from './model.js';
import type { Parties } from './store.js';

/** What a case that can end in a grant (application, agreement, dispute) holds of the sharing asked for. */
export interface GrantTerms extends Parties {
  id: string;
  entry_id: string;
  entry_code: string;
  entry_name: string;
  items: string;
  purpose: Purpose;
  methods: string;
  valid_from: string;
  valid_until: string;
}

/**
 * Creates the grant a case decides, on the case's own terms (for `items`: those asked for unless
 * the decision narrowed them), and its audit entry as a decision, in the deciding transaction.
 * `detail` is what the audit entry names beside the origin (the case, the items).
 */
export async function createCaseGrant(
  deps: { grants: GrantService; audit: AuditTrail },
  trx: Executor,
  ctx: RequestContext,
  by: { id: string | null; name: string },
  grant: {
    row: GrantTerms;
    origin: GrantOrigin;
    items?: string[];
    clearItems?: string[];
    detail: Record<string, unknown>;
  },
): Promise<string> {
  const { row, origin } = grant;
  const input: NewGrant = {
    consumer: { departmentId: row.consumer_department_id, jurisdictionPath: row.consumer_jurisdiction_path },
    provider: { departmentId: row.provider_department_id, jurisdictionPath: row.provider_jurisdiction_path },
    entry: { id: row.entry_id, code: row.entry_code, name: row.entry_name },
    items: grant.items ?? (JSON.parse(row.items) as string[]),
    ...(grant.clearItems ? { clearItems: grant.clearItems } : {}),
    purpose: row.purpose,
    methods: JSON.parse(row.methods) as AccessMethod[],
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    origin,
    originId: row.id,
  };
  const grantId = await deps.grants.create(trx, input, by);
  await deps.audit.record(trx, ctx, {
    action: 'sharing.grant.create',
    targetType: 'sharing_grant',
    targetId: grantId,
    category: 'decision',
    detail: { origin, ...grant.detail },
  });
  return grantId;
}
