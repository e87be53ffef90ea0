import { maskResidentId } from '../../platform/identifiers/index.js';
import { decodeValue } from '../hosting/columns.js';
import type { HostedColumn, ItemValue, RecordValues } from '../model.js';

/**
 * Masking (脱敏) of personal items a grant does not give in clear. Every way data leaves the
 * platform (key query, download, change feed, proxied service) masks with these rules, so that a
 * consumer sees the same masked value of a record whichever way it reads it.
 *
 * The rule follows the item, chosen once per column by `maskRuleOf`:
 *
 * | rule          | chosen when                                             | example                                   |
 * |---------------|---------------------------------------------------------|-------------------------------------------|
 * | `resident_id` | key kind resident_id, or the name says 身份证/身份号码  | 11010519491231002X → 110105********002X   |
 * | `name`        | the name says 姓名 / 联系人 / name                       | 张三丰 → 张**, 李四 → 李*                 |
 * | `phone`       | the name says 电话 / 手机 / phone / mobile / tel         | 13812345678 → 138****5678                 |
 * | `email`       | the name says 邮箱 / 电子邮件 / email / mail             | zhangsan@example.cn → z******n@example.cn |
 * | `address`     | the name says 地址 / 住址 / 住所 / address               | 北京市东城区景山前街4号 → 北京市东城区****** |
 * | `date`        | data type D or T (a birth date, a visit time)            | 1949-12-31 → 1949-**-**                   |
 * | `generic`     | any other personal item                                  | 参保 → 参*, 城镇职工 → 城**工             |
 *
 * A masked value is always a string (or null when the value is null), whatever the item's data
 * type: a masked number or date cannot be handed on as if it were the real one. A value too short
 * to keep anything (one character) becomes `*`.
 */
export type MaskRule = 'resident_id' | 'name' | 'phone' | 'email' | 'address' | 'date' | 'generic';

const NAME_RULES: { rule: MaskRule; pattern: RegExp }[] = [
  { rule: 'resident_id', pattern: /身份证|身份号码|公民身份|resident.?id|id.?card/i },
  { rule: 'phone', pattern: /电话|手机|移动号码|phone|mobile|(^|_)tel($|_)/i },
  { rule: 'email', pattern: /邮箱|电子邮件|e-?mail/i },
  { rule: 'address', pattern: /地址|住址|住所|居所|address/i },
  { rule: 'name', pattern: /姓名|联系人|监护人|^name$|(^|_)name$/i },
];

/**
 * The masking rule of an item.
 *
 * @example maskRuleOf({ item: '联系电话', dataType: 'C' }) // 'phone'
 */
export function maskRuleOf(column: Pick<HostedColumn, 'item' | 'dataType' | 'keyKind'>): MaskRule {
  if (column.keyKind === 'resident_id') return 'resident_id';
  if (column.dataType === 'D' || column.dataType === 'T') return 'date';
  for (const { rule, pattern } of NAME_RULES) if (pattern.test(column.item)) return rule;
  return 'generic';
}

function stars(n: number): string {
  return '*'.repeat(Math.max(n, 1));
}

/** Keeps `head` and `tail` characters (code points, so that a Chinese name counts right). */
function keep(chars: string[], head: number, tail: number): string {
  if (chars.length <= head + tail) {
    if (chars.length <= 1) return stars(chars.length);
    // Too short to keep both ends: keep the first character only.
    return `${chars[0]}${stars(chars.length - 1)}`;
  }
  return `${chars.slice(0, head).join('')}${stars(chars.length - head - tail)}${tail ? chars.slice(-tail).join('') : ''}`;
}

const RULES: Record<MaskRule, (text: string) => string> = {
  resident_id: (text) => maskResidentId(text),
  name: (text) => {
    const chars = [...text.trim()];
    return chars.length <= 1 ? stars(chars.length) : `${chars[0]}${stars(chars.length - 1)}`;
  },
  phone: (text) => {
    const digits = text.replace(/[\s-]/g, '');
    if (digits.length < 8) return RULES.generic(text);
    return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  },
  email: (text) => {
    const at = text.lastIndexOf('@');
    if (at <= 0) return RULES.generic(text);
    return `${RULES.generic(text.slice(0, at))}${text.slice(at)}`;
  },
  address: (text) => {
    const chars = [...text.trim()];
    // The region part (province, city, district) is kept: it rarely identifies a person alone.
    const head = Math.min(6, Math.floor(chars.length / 2));
    return keep(chars, head, 0);
  },
  date: (text) => {
    const year = /^\d{4}/.exec(text.trim());
    return year ? `${year[0]}-**-**` : RULES.generic(text);
  },
  generic: (text) => keep([...text.trim()], 1, 1),
};

/**
 * Masks one value by a rule; null stays null.
 *
 * @example maskValue('13812345678', 'phone') // '138****5678'
 */
export function maskValue(value: ItemValue, rule: MaskRule): ItemValue {
  if (value === null) return null;
  return RULES[rule](String(value));
}

/**
 * Masks a value of an item by the item's rule.
 *
 * @example maskItem({ item: '姓名', dataType: 'C' }, '张三丰') // '张**'
 */
export function maskItem(
  column: Pick<HostedColumn, 'item' | 'dataType' | 'keyKind'>,
  value: ItemValue,
): ItemValue {
  return maskValue(value, maskRuleOf(column));
}

/** What a read hands out: its columns, and which of them reach the reader masked. */
export interface ProjectedRead {
  columns: readonly HostedColumn[];
  masked: ReadonlySet<string>;
}

/**
 * A function from a stored row of a hosted table (`c1…cN`) to the record the reader receives:
 * only the read's columns, each decoded, the masked ones masked. Built once per read, called per row.
 *
 * @example const project = rowProjector(read); const record = project(row);
 */
export function rowProjector(read: ProjectedRead): (row: Readonly<Record<string, unknown>>) => RecordValues {
  const plan = read.columns.map((column) => ({
    column,
    rule: read.masked.has(column.item) ? maskRuleOf(column) : undefined,
  }));
  return (row) => {
    const record: RecordValues = {};
    for (const { column, rule } of plan) {
      const value = decodeValue(column, row[column.column]);
      record[column.item] = rule ? maskValue(value, rule) : value;
    }
    return record;
  };
}

/**
 * Masks a record keyed by item names (e.g. a provider service's answer): items of `read.masked`
 * are masked, others pass unchanged. It does not drop anything: keep only granted items first.
 */
export function maskRecord(read: ProjectedRead, record: Readonly<RecordValues>): RecordValues {
  const out: RecordValues = { ...record };
  for (const column of read.columns)
    if (read.masked.has(column.item) && column.item in out)
      out[column.item] = maskItem(column, out[column.item] ?? null);
  return out;
}
