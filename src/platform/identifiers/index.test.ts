import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import {
  maskResidentId,
  requireIdentifier,
  validateOrganizationCode,
  validateResidentId,
  validateSocialCreditCode,
} from './index.js';

const DIGITS = '0123456789';
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Every code obtained by replacing exactly one character of `code` with another from `alphabet`. */
function singleSubstitutions(code: string, alphabet: (position: number) => string): string[] {
  const out: string[] = [];
  for (let i = 0; i < code.length; i++) {
    for (const ch of alphabet(i)) if (ch !== code[i]) out.push(code.slice(0, i) + ch + code.slice(i + 1));
  }
  return out;
}

describe('resident ID number, GB 11643 (R75)', () => {
  it.each(['11010519491231002X', '440524188001010014'])('accepts the standard example %s', (id) => {
    expect(validateResidentId(id)).toEqual({ valid: true, normalized: id });
  });

  it('accepts a lowercase x and normalizes it', () => {
    expect(validateResidentId(' 11010519491231002x ')).toEqual({
      valid: true,
      normalized: '11010519491231002X',
    });
  });

  it('rejects the published invalid example on its check character', () => {
    expect(validateResidentId('110105194912310021')).toMatchObject({ valid: false, reason: 'checksum' });
  });

  it.each(['11010519491231002X', '440524188001010014'])(
    'catches every single-character change of %s',
    (id) => {
      const variants = singleSubstitutions(id, (i) => (i === 17 ? `${DIGITS}X` : DIGITS));
      expect(variants.length).toBe(17 * 9 + 10);
      for (const variant of variants) expect(validateResidentId(variant).valid, variant).toBe(false);
    },
  );

  it.each([
    ['1101051949123100', 'length'],
    ['11010519491231002XX', 'length'],
    ['11010519491231A02X', 'charset'],
    ['1101051949123100X2', 'charset'],
  ])('rejects %s (%s)', (id, reason) => {
    expect(validateResidentId(id)).toMatchObject({ valid: false, reason });
  });

  it('rejects an impossible or future birth date even with a matching check character', () => {
    // Recompute the check character so that only the birth date is wrong.
    const withCheck = (body: string) =>
      ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']
        .map((c) => body + c)
        .find((id) => validateResidentId(id, { today: new Date('2999-01-01') }).reason !== 'checksum') ?? '';
    expect(validateResidentId(withCheck('11010519490230002'))).toMatchObject({ reason: 'birthdate' });
    expect(validateResidentId(withCheck('11010519491331002'))).toMatchObject({ reason: 'birthdate' });
    const future = withCheck('11010520300101002');
    expect(validateResidentId(future, { today: new Date('2026-01-01') })).toMatchObject({
      reason: 'birthdate',
    });
    expect(validateResidentId(future, { today: new Date('2031-01-01') }).valid).toBe(true);
  });

  it('rejects a region prefix outside the province codes', () => {
    expect(validateResidentId('00010519491231002X')).toMatchObject({ valid: false, reason: 'region' });
    expect(validateResidentId('99010519491231002X')).toMatchObject({ valid: false, reason: 'region' });
  });

  it('masks all but the region and the last four characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
    expect(maskResidentId('11010519491231002x')).toBe('110105********002X');
  });
});

describe('organization code, GB 11714 (R75)', () => {
  it.each(['M000100Y4', 'D2143569X'])(
    'accepts the standard example %s with or without the hyphen',
    (code) => {
      expect(validateOrganizationCode(code)).toEqual({ valid: true, normalized: code });
      const hyphenated = `${code.slice(0, 8)}-${code.slice(8)}`;
      expect(validateOrganizationCode(hyphenated)).toEqual({ valid: true, normalized: code });
      expect(validateOrganizationCode(hyphenated.toLowerCase())).toEqual({ valid: true, normalized: code });
    },
  );

  it.each(['M000100Y4', 'D2143569X'])('catches every digit-for-digit change of %s', (code) => {
    const isDigit = (i: number) => DIGITS.includes(code[i] ?? '');
    const variants = singleSubstitutions(code, (i) => (i === 8 ? `${DIGITS}X` : isDigit(i) ? DIGITS : ''));
    expect(variants.length).toBeGreaterThan(50);
    for (const variant of variants) expect(validateOrganizationCode(variant).valid, variant).toBe(false);
  });

  it('cannot catch a character eleven values away (a limit of MOD 11 over 36 symbols)', () => {
    // 0 (value 0) → B (11) and D (13) → 2: the weighted sum moves by a multiple of 11. Kept as a
    // test so that nobody relies on the organization code alone to catch typing errors.
    expect(validateOrganizationCode('MB00100Y4').valid).toBe(true);
    expect(validateOrganizationCode('22143569X').valid).toBe(true);
  });

  it.each([
    ['D2143569', 'length'],
    ['D2143569-XX', 'length'],
    ['D2143569_X', 'length'],
    ['D214356*X', 'charset'],
    ['D2143569Y', 'charset'],
    ['D2143569-1', 'checksum'],
  ])('rejects %s (%s)', (code, reason) => {
    expect(validateOrganizationCode(code)).toMatchObject({ valid: false, reason });
  });
});

describe('unified social credit code, GB 32100 (R75)', () => {
  it.each(['91350100M000100Y43', '91440300708461136T'])('accepts the standard example %s', (code) => {
    expect(validateSocialCreditCode(code)).toEqual({ valid: true, normalized: code });
    expect(validateSocialCreditCode(code.toLowerCase())).toEqual({ valid: true, normalized: code });
  });

  it('rejects the published invalid example on its check character', () => {
    expect(validateSocialCreditCode('91110108082846172X')).toMatchObject({
      valid: false,
      reason: 'checksum',
    });
  });

  it.each(['91350100M000100Y43', '91440300708461136T'])(
    'catches every single-character change of %s',
    (code) => {
      const variants = singleSubstitutions(code, () => USCC_ALPHABET);
      expect(variants.length).toBe(18 * 30);
      for (const variant of variants) expect(validateSocialCreditCode(variant).valid, variant).toBe(false);
    },
  );

  it.each(['I', 'O', 'Z', 'S', 'V'])('refuses the forbidden letter %s', (letter) => {
    expect(validateSocialCreditCode(`9135010${letter}M000100Y43`)).toMatchObject({
      valid: false,
      reason: 'charset',
    });
    expect(validateSocialCreditCode(`91350100M000100Y4${letter}`)).toMatchObject({
      valid: false,
      reason: 'charset',
    });
  });

  it.each(['91350100M000100Y4', '91350100M000100Y433'])('rejects the wrong length %s', (code) => {
    expect(validateSocialCreditCode(code)).toMatchObject({ valid: false, reason: 'length' });
  });

  it('warns, without rejecting, when the embedded organization code fails its own check', () => {
    // Break the organization code's check character (position 17), then find the one GB 32100
    // check character that makes the whole code valid again.
    const body = '91350100M000100Y5';
    expect(validateOrganizationCode(body.slice(8)).valid).toBe(false);
    const candidates = [...USCC_ALPHABET]
      .map((c) => body + c)
      .filter((c) => validateSocialCreditCode(c).valid);
    expect(candidates).toHaveLength(1);
    const result = validateSocialCreditCode(candidates[0] ?? '');
    expect(result).toMatchObject({ valid: true, normalized: candidates[0] });
    expect(result.warnings).toEqual(['organization_code_checksum']);
  });
});

describe('requireIdentifier', () => {
  it('returns the normalized identifier', () => {
    expect(requireIdentifier('organization_code', 'd2143569-x')).toBe('D2143569X');
  });

  it('throws IDENTIFIER_INVALID naming the field, with the resident ID number masked', () => {
    let caught: unknown;
    try {
      requireIdentifier('resident_id', '110105194912310021', '/body/idNumber');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('IDENTIFIER_INVALID');
    expect(error.field).toBe('/body/idNumber');
    expect(error.localized('zh-CN')).toBe('公民身份号码无效（checksum）：110105********0021');
    expect(error.localized('zh-CN')).not.toContain('19491231');
  });
});
