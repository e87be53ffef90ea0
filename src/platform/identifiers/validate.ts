/**
 * Check-character validation of the identifiers that key natural and legal persons (R75):
 * resident ID number (GB 11643), unified social credit code (GB 32100) and organization code
 * (GB 11714). Pure functions without imports, so that the portal checks a key exactly as the
 * server does before it sends it. Validators never throw: they return a result.
 */
export type IdentifierKind = 'resident_id' | 'social_credit_code' | 'organization_code';

export type IdentifierReason = 'length' | 'charset' | 'checksum' | 'birthdate' | 'region';

export interface IdentifierResult {
  valid: boolean;
  reason?: IdentifierReason;
  /** Findings that do not make the identifier invalid (e.g. an embedded organization code's check). */
  warnings?: string[];
  /** The canonical form (upper case, no separators); present when valid. */
  normalized?: string;
}

const invalid = (reason: IdentifierReason): IdentifierResult => ({ valid: false, reason });

// GB 11643 / ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11.
const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_CHECK = '10X98765432';
// Only the province part of the region prefix is checked: it has been stable since 1997
// (50 Chongqing), whereas city and county codes change every year (GB/T 2260). 81–83 are the
// Hong Kong, Macao and Taiwan residence-permit prefixes.
const PROVINCE_CODES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(
    ' ',
  ),
);

/**
 * Validates an 18-character resident ID number (GB 11643): region prefix shape, birth date and
 * the MOD 11-2 check character. A lowercase `x` is accepted and normalized to `X`.
 *
 * @example validateResidentId('11010519491231002x') // { valid: true, normalized: '11010519491231002X' }
 */
export function validateResidentId(input: string, options: { today?: Date } = {}): IdentifierResult {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return invalid('length');
  if (!/^\d{17}[\dX]$/.test(value)) return invalid('charset');
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return invalid('region');
  if (!isValidBirthDate(value.slice(6, 14), options.today ?? new Date())) return invalid('birthdate');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * (RESIDENT_WEIGHTS[i] ?? 0);
  if (RESIDENT_CHECK[sum % 11] !== value[17]) return invalid('checksum');
  return { valid: true, normalized: value };
}

/**
 * Completes the first 17 digits of a resident ID number with their MOD 11-2 check character (for
 * demo and generated data; input is never completed, only validated).
 *
 * @example completeResidentId('11010519491231002') // '11010519491231002X'
 */
export function completeResidentId(body: string): string {
  if (!/^\d{17}$/.test(body)) throw new Error(`17 digits expected, got ${body}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (RESIDENT_WEIGHTS[i] ?? 0);
  return `${body}${RESIDENT_CHECK[sum % 11]}`;
}

function isValidBirthDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1800) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return false;
  return date.getTime() <= today.getTime();
}

/**
 * Masks a resident ID number for display: keeps the region (6) and the last 4 characters.
 *
 * @example maskResidentId('11010519491231002X') // '110105********002X'
 */
export function maskResidentId(value: string): string {
  const v = value.trim().toUpperCase();
  if (v.length <= 10) return '*'.repeat(v.length);
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function orgCharValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  return ch.charCodeAt(0) - 55; // A=10 … Z=35
}

function orgCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(body[i] ?? '0') * (ORG_WEIGHTS[i] ?? 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * Validates a 9-character organization code (GB 11714), written `XXXXXXXX-C` or `XXXXXXXXC`.
 *
 * @example validateOrganizationCode('D2143569-x') // { valid: true, normalized: 'D2143569X' }
 */
export function validateOrganizationCode(input: string): IdentifierResult {
  let value = input.trim().toUpperCase();
  if (value.length === 10 && value[8] === '-') value = value.slice(0, 8) + value.slice(9);
  if (value.length !== 9) return invalid('length');
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(value)) return invalid('charset');
  if (orgCheckChar(value) !== value[8]) return invalid('checksum');
  return { valid: true, normalized: value };
}

// GB 32100 omits I, O, Z, S and V so that they are never confused with 1, 0, 2, 5 and U.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Validates an 18-character unified social credit code (GB 32100). Characters 9–17 are the
 * entity's organization code: when its own check fails the code stays valid with a warning,
 * because codes issued that way exist and the GB 32100 check character is authoritative.
 *
 * @example validateSocialCreditCode('91350100M000100Y43') // { valid: true, normalized: '91350100M000100Y43' }
 */
export function validateSocialCreditCode(input: string): IdentifierResult {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return invalid('length');
  for (const ch of value) if (!USCC_ALPHABET.includes(ch)) return invalid('charset');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(value[i] ?? '') * (USCC_WEIGHTS[i] ?? 0);
  const check = (31 - (sum % 31)) % 31;
  if (USCC_ALPHABET[check] !== value[17]) return invalid('checksum');
  const embedded = validateOrganizationCode(value.slice(8, 17));
  return embedded.valid
    ? { valid: true, normalized: value }
    : { valid: true, normalized: value, warnings: [`organization_code_${embedded.reason ?? 'invalid'}`] };
}

const VALIDATORS: Record<IdentifierKind, (value: string) => IdentifierResult> = {
  resident_id: (v) => validateResidentId(v),
  social_credit_code: validateSocialCreditCode,
  organization_code: validateOrganizationCode,
};

/** Validates an identifier of the given kind. */
export function validateIdentifier(kind: IdentifierKind, value: string): IdentifierResult {
  return VALIDATORS[kind](value);
}

/** A reason worded for a user, in zh-CN and en (an error param or a portal message). */
export const IDENTIFIER_REASON_TEXT: Record<IdentifierReason, { zh: string; en: string }> = {
  length: { zh: '位数不对', en: 'wrong length' },
  charset: { zh: '含有不允许的字符', en: 'contains characters not allowed' },
  checksum: { zh: '校验位错误', en: 'wrong check character' },
  birthdate: { zh: '出生日期无效', en: 'invalid birth date' },
  region: { zh: '地区码无效', en: 'invalid region code' },
};

/** What each kind is called, in zh-CN and en. */
export const IDENTIFIER_LABELS: Record<IdentifierKind, { zh: string; en: string }> = {
  resident_id: { zh: '公民身份号码', en: 'resident ID number' },
  social_credit_code: { zh: '统一社会信用代码', en: 'unified social credit code' },
  organization_code: { zh: '组织机构代码', en: 'organization code' },
};
