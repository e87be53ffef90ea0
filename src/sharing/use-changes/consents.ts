import type { Purpose } from '../model.js';
import type { SharingGrantTable } from '../schema.js';
import type { GrantConsentColumns, UseConsent } from './schema.js';

/** The provider's consents a grant records (N14); none on a grant made before them. */
export function grantConsents(row: SharingGrantTable): UseConsent[] {
  const raw = (row as Partial<GrantConsentColumns>).use_consents;
  return raw ? (JSON.parse(raw) as UseConsent[]) : [];
}

/**
 * The purposes a grant covers: its own, and those the provider consented to afterwards (809
 * 第二十五条第一款: "确需……用于其他目的……的，应当经政务数据提供部门同意"). A read stating any
 * other purpose stays refused.
 */
export function coveredPurposes(row: SharingGrantTable): Purpose[] {
  const purposes = new Set<Purpose>([row.purpose]);
  for (const consent of grantConsents(row)) for (const p of consent.purposes) purposes.add(p);
  return [...purposes];
}
