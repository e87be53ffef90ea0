import type { HostedColumn, ItemValue } from '../../exchange/index.js';
import { type IdentifierKind, validateIdentifier } from '../../platform/identifiers/index.js';
import { codeListOf, inCodeList, isDivisionCode } from './code-lists.js';

/**
 * The quality rules of one information item, derived from what the catalog says of it: every item
 * is checked for completeness (an empty value); an item with a validity rule is also checked for
 * it. Rules come from the item's type and key kind, and from its name where the national catalog
 * names an identifier, a date of birth or an item of a national code list (公民身份号码,
 * 统一社会信用代码, 出生日期, 性别, 民族, 行政区划代码). The write path has
 * already refused values of the wrong type, so validity here is what a type cannot say.
 */
export interface ItemRule {
  item: string;
  column: string;
  /** The rule a value must pass, in words for the score page (null: the item has no validity rule). */
  validity: { zh: string; en: string } | null;
  invalid(value: Exclude<ItemValue, null>): boolean;
}

const IDENTIFIER_NAMES: readonly [RegExp, IdentifierKind][] = [
  [/公民身份号码|身份证(号|件号)/, 'resident_id'],
  [/统一社会信用代码/, 'social_credit_code'],
  [/组织机构代码/, 'organization_code'],
];
const BIRTH = /出生|生日/;
const DIVISION = /行政区划代码|区划代码/;
const EARLIEST = '1900-01-01';

/** The identifier an item holds: its key kind, else what its name says it is. */
export function identifierOf(column: Pick<HostedColumn, 'item' | 'keyKind'>): IdentifierKind | undefined {
  if (column.keyKind && column.keyKind !== 'other') return column.keyKind;
  return IDENTIFIER_NAMES.find(([pattern]) => pattern.test(column.item))?.[1];
}

/**
 * The rule of one item. `today` is the date in China (YYYY-MM-DD): a date of birth after it, or any
 * date before 1900, is not a plausible value.
 */
export function ruleOf(
  column: Pick<HostedColumn, 'item' | 'column' | 'keyKind' | 'dataType'>,
  today: string,
): ItemRule {
  const identifier = identifierOf(column);
  if (identifier && (column.dataType === 'C' || column.dataType === 'N'))
    return {
      item: column.item,
      column: column.column,
      validity: { zh: '校验位须正确', en: 'check character must be right' },
      invalid: (value) => !validateIdentifier(identifier, String(value)).valid,
    };
  const list = codeListOf(column.item);
  if (list && (column.dataType === 'C' || column.dataType === 'N'))
    return {
      item: column.item,
      column: column.column,
      validity: { zh: `须为 ${list.standard} 的代码或名称`, en: `a code or name of ${list.standard}` },
      invalid: (value) => !inCodeList(list, String(value)),
    };
  if (DIVISION.test(column.item) && (column.dataType === 'C' || column.dataType === 'N'))
    return {
      item: column.item,
      column: column.column,
      validity: { zh: '须为 GB/T 2260 行政区划代码（6 位）', en: 'a GB/T 2260 division code (6 digits)' },
      invalid: (value) => !isDivisionCode(String(value)),
    };
  if (column.dataType === 'D' || column.dataType === 'T') {
    const latest = BIRTH.test(column.item) ? today : '9999-12-31';
    return {
      item: column.item,
      column: column.column,
      validity: BIRTH.test(column.item)
        ? { zh: '须在 1900 年至今之间', en: 'between 1900 and today' }
        : { zh: '不早于 1900 年', en: 'not before 1900' },
      invalid: (value) => {
        const day = String(value).slice(0, 10);
        return day < EARLIEST || day > latest;
      },
    };
  }
  return { item: column.item, column: column.column, validity: null, invalid: () => false };
}

/** What one record breaks: the columns (`c1`…, stable for the resource's life) of its empty and invalid values. */
export interface RecordFlags {
  empty: string[];
  invalid: string[];
}

export const isEmpty = (value: ItemValue): boolean =>
  value === null || (typeof value === 'string' && value.trim() === '');

/** Checks one record's values against the rules of its columns (same order). */
export function checkRecord(rules: readonly ItemRule[], values: readonly ItemValue[]): RecordFlags {
  const flags: RecordFlags = { empty: [], invalid: [] };
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as ItemRule;
    const value = values[i] ?? null;
    if (isEmpty(value)) flags.empty.push(rule.column);
    else if (rule.invalid(value as Exclude<ItemValue, null>)) flags.invalid.push(rule.column);
  }
  return flags;
}
