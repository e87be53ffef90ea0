import type { RecordKeyKind } from '../platform/context/index.js';
import type { AuditTrail } from './trail.js';

/** The records a question names: the resource (catalog entry) and its record keys as reads name them. */
export interface RecordReadersQuestion {
  resourceId: string;
  keys: readonly { kind: RecordKeyKind; value: string }[];
  /** Only reads up to this moment (ISO timestamp) count: a read in the same millisecond may have had the old value. */
  before: string;
}

/** How many keyed digests one query asks for: the IN list stays well under every driver's limit. */
const CHUNK = 500;

/**
 * The departments whose successful reads of `resourceId` returned any of the named records before
 * `before` (inclusive) (R84: who must hear of a correction). Read from the access entries by the keyed digests
 * of their record keys (`audit_subject`), so a resident ID number is never compared in clear.
 *
 * @example await departmentsThatRead(audit, { resourceId: entryId, keys: [{ kind: 'resident_id', value: id }], before: at })
 */
export async function departmentsThatRead(
  audit: AuditTrail,
  question: RecordReadersQuestion,
): Promise<string[]> {
  const { db } = audit.internals;
  const digests = [...new Set(question.keys.map((k) => audit.subjectDigest(k.kind, k.value)))];
  const found = new Set<string>();
  for (let i = 0; i < digests.length; i += CHUNK) {
    const rows = await db
      .selectFrom('audit_subject')
      .innerJoin('audit_entry', (join) =>
        join
          .onRef('audit_entry.seq', '=', 'audit_subject.seq')
          .onRef('audit_entry.month', '=', 'audit_subject.month'),
      )
      .select('audit_entry.department_id')
      .distinct()
      .where('audit_subject.key_digest', 'in', digests.slice(i, i + CHUNK))
      .where('audit_entry.category', '=', 'access')
      .where('audit_entry.outcome', '=', 'success')
      .where('audit_entry.resource_id', '=', question.resourceId)
      .where('audit_entry.at', '<=', question.before)
      .where('audit_entry.department_id', 'is not', null)
      .execute();
    for (const row of rows) if (row.department_id) found.add(row.department_id);
  }
  return [...found].sort();
}
