import { defineErrors } from '../errors/index.js';
import { IDENTIFIER_LABELS, type IdentifierKind, maskResidentId, validateIdentifier } from './validate.js';

/**
 * Identifiers of natural and legal persons (R75): the validators (`./validate.ts`, shared with the
 * portal) and `requireIdentifier`, which entry points use to throw `IDENTIFIER_INVALID`.
 */
export * from './validate.js';

export const IdentifierErrors = defineErrors('identifiers', {
  IDENTIFIER_INVALID: {
    status: 400,
    zh: '{label}无效（{reason}）：{value}',
    en: 'Invalid {labelEn} ({reason}): {value}',
  },
});

/**
 * Validates and returns the normalized identifier, or throws `IDENTIFIER_INVALID` naming the
 * field. A resident ID number appears masked in the error message.
 *
 * @example const id = requireIdentifier('resident_id', body.idNumber, '/body/idNumber')
 */
export function requireIdentifier(kind: IdentifierKind, value: string, field?: string): string {
  const result = validateIdentifier(kind, value);
  if (result.valid && result.normalized) return result.normalized;
  throw IdentifierErrors.error('IDENTIFIER_INVALID', {
    ...(field ? { field } : {}),
    label: IDENTIFIER_LABELS[kind].zh,
    labelEn: IDENTIFIER_LABELS[kind].en,
    reason: result.reason ?? 'unknown',
    value: kind === 'resident_id' ? maskResidentId(value) : value,
  });
}
