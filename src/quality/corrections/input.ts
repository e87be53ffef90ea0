import {
  canonicalKey,
  encodeValue,
  type HostedColumn,
  type HostedResource,
  keyColumns,
} from '../../exchange/index.js';
import { type CheckedAttachment, checkAttachment } from '../../platform/cases/index.js';
import type { RecordKeyKind } from '../../platform/context/index.js';
import type { DialectName } from '../../platform/db/index.js';
import { attachmentLimits, CorrectionErrors } from './errors.js';
import { ATTACHMENT_COUNT, type AttachmentInput, type RecordClaim } from './schemas.js';

/** A claimed record as stored: the key as given, its canonical key, the items, what is wrong. */
export interface StoredClaim {
  key: Record<string, string>;
  canonical: string;
  items: string[];
  problem: string;
  proposed: Record<string, string> | null;
}

/** A text a request cannot do without, trimmed; CORRECTION_REASON_REQUIRED naming what is missing. */
export function required(text: string | undefined, what: { zh: string; en: string }, field: string): string {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '')
    throw CorrectionErrors.error('CORRECTION_REASON_REQUIRED', { what: what.zh, whatEn: what.en, field });
  return trimmed;
}

/**
 * The claimed records checked against the resource: each key given for every key item and valid
 * as the key query takes it (the canonical key is what reads mark); each item concerned an active
 * item the filer may see (`visible`: the grant's items, or all for the referring authority).
 */
export function checkClaims(
  resource: HostedResource,
  claims: readonly RecordClaim[],
  visible: ReadonlySet<string> | 'all',
  dialect: DialectName,
): StoredClaim[] {
  const keys = keyColumns(resource.columns);
  const active = new Set(resource.columns.filter((c) => c.active).map((c) => c.item));
  return claims.map((claim, index) => {
    const values = keys.map((column) => encodeKey(column, claim.key[column.item], index + 1, dialect));
    for (const name of Object.keys(claim.key))
      if (!keys.some((c) => c.item === name))
        throw CorrectionErrors.error('CORRECTION_KEY_INVALID', {
          index: index + 1,
          detail: name,
          field: `/records/${index}/key`,
        });
    const items = [...new Set(claim.items.map((i) => i.trim()))];
    for (const item of [...items, ...Object.keys(claim.proposed ?? {})])
      if (!active.has(item) || (visible !== 'all' && !visible.has(item)))
        throw CorrectionErrors.error('CORRECTION_ITEM_UNKNOWN', { item, field: `/records/${index}/items` });
    return {
      key: Object.fromEntries(keys.map((c) => [c.item, String(claim.key[c.item]).trim()])),
      canonical: canonicalKey(values),
      items,
      problem: required(claim.problem, { zh: '问题', en: 'problem' }, `/records/${index}/problem`),
      proposed: claim.proposed && Object.keys(claim.proposed).length > 0 ? { ...claim.proposed } : null,
    };
  });
}

function encodeKey(column: HostedColumn, raw: string | undefined, index: number, dialect: DialectName) {
  const encoded = encodeValue(column, raw, dialect);
  if (!encoded.ok || encoded.value === null)
    throw CorrectionErrors.error('CORRECTION_KEY_INVALID', {
      index,
      detail: `${column.item}: ${encoded.ok ? 'required' : encoded.problem}`,
      field: `/records/${index - 1}/key`,
    });
  return encoded.value;
}

/** The audit trail's kind of the resource's record keys (as the exchange's read entries name them). */
export function recordKeyKind(resource: HostedResource): RecordKeyKind {
  const keys = keyColumns(resource.columns);
  return keys.length === 1 ? (keys[0]?.keyKind ?? 'other') : 'other';
}

/** Attachments decoded and checked: count, size, media type, well-formed base64. */
export function checkAttachments(inputs: readonly AttachmentInput[]): CheckedAttachment[] {
  const refuse = (name: string) =>
    CorrectionErrors.error('CORRECTION_ATTACHMENT_REFUSED', {
      name: name.slice(0, 100),
      ...attachmentLimits,
      field: '/attachments',
    });
  if (inputs.length > ATTACHMENT_COUNT) throw refuse(inputs[ATTACHMENT_COUNT]?.name ?? '');
  return inputs.map((input) => {
    const name = required(input.name, { zh: '附件名称', en: 'file name' }, '/attachments');
    const checked = checkAttachment(input);
    if (!checked) throw refuse(name);
    return checked;
  });
}

/** The items whose values differ between two reads of the same records (a deleted record: all). */
export function changedItems(
  before: {
    columns: readonly { item: string; isKey: boolean }[];
    records: { key: string; values: unknown[] }[];
  },
  after: {
    columns: readonly { item: string; isKey: boolean }[];
    records: { key: string; values: unknown[] }[];
  },
): string[] {
  const columns = after.columns.length > 0 ? after.columns : before.columns;
  const now = new Map(after.records.map((r) => [r.key, r.values]));
  const was = new Map(before.records.map((r) => [r.key, r.values]));
  const changed = new Set<string>();
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const a = was.get(key);
    const b = now.get(key);
    columns.forEach((c, i) => {
      if (c.isKey && a && b) return;
      if (JSON.stringify(a?.[i] ?? null) !== JSON.stringify(b?.[i] ?? null)) changed.add(c.item);
    });
  }
  return columns.map((c) => c.item).filter((i) => changed.has(i));
}
