import { describe, expect, it } from 'vitest';
import type { DataType, KeyKind } from '../../catalog/model.js';
import type { HostedColumn } from '../model.js';
import { canonicalKey, decodeValue, encodeValue } from './columns.js';

const col = (dataType: DataType, extra: Partial<HostedColumn> = {}): HostedColumn => ({
  item: '项',
  column: 'c1',
  dataType,
  isKey: false,
  personal: false,
  active: true,
  ...extra,
});
const ok = (c: HostedColumn, raw: unknown, dialect: 'sqlite' | 'postgres' = 'sqlite') => {
  const r = encodeValue(c, raw, dialect);
  if (!r.ok) throw new Error(`${String(raw)}: ${r.problem} ${r.detail}`);
  return r.value;
};
const problem = (c: HostedColumn, raw: unknown) => {
  const r = encodeValue(c, raw, 'sqlite');
  return r.ok ? 'ok' : r.problem;
};

describe('the value codec of every catalog data type', () => {
  it('C/M/G: text, length in characters, identifiers by their check characters', () => {
    expect(ok(col('C', { length: 4 }), '政务数据')).toBe('政务数据');
    expect(problem(col('C', { length: 3 }), '政务数据')).toBe('length');
    expect(problem(col('C'), true)).toBe('type');
    expect(problem(col('M'), { a: 1 })).toBe('type');
    const id = (keyKind: KeyKind) => col('C', { keyKind, isKey: true });
    expect(ok(id('resident_id'), '11010519491231002x')).toBe('11010519491231002X');
    expect(problem(id('resident_id'), '110105194912310021')).toBe('identifier');
    expect(problem(id('resident_id'), '')).toBe('required');
    expect(ok(id('social_credit_code'), '11990100010242484J')).toBe('11990100010242484J');
    expect(problem(id('social_credit_code'), '11990100010242484K')).toBe('identifier');
    expect(ok(id('organization_code'), 'D2143569-x')).toBe('D2143569X');
    expect(problem(id('organization_code'), 'D2143569-1')).toBe('identifier');
    expect(ok(id('other'), 'A-1')).toBe('A-1');
  });

  it('a key of no identifier kind is one value however it was typed: width and spaces, not case', () => {
    const key = col('C', { keyKind: 'other', isKey: true });
    for (const typed of ['AB-12', ' AB-12 ', 'ＡＢ－１２', '\u3000ＡＢ-12\t'])
      expect(ok(key, typed)).toBe('AB-12');
    expect(ok(key, 'ab-12')).toBe('ab-12');
    expect(ok(col('C', { isKey: true }), ' 粤Ｂ１２３ ')).toBe('粤B123');
    expect(problem(key, '\u3000 ')).toBe('required');
    // Only keys: other text is stored as it came.
    expect(ok(col('C'), ' ＡＢ ')).toBe(' ＡＢ ');
  });

  it('N/Y: decimals as canonical text, digits counted against the length', () => {
    expect(ok(col('N', { length: 12 }), '007000.250')).toBe('7000.25');
    expect(ok(col('Y'), -0.5)).toBe('-0.5');
    expect(ok(col('N'), '-0.00')).toBe('0');
    expect(problem(col('N', { length: 3 }), '1234')).toBe('length');
    for (const bad of ['1e5', 'abc', '1,000', '¥5']) expect(problem(col('N'), bad)).toBe('type');
  });

  it('I/B/F: numbers; integers must be safe', () => {
    expect(ok(col('I'), '42')).toBe(42);
    expect(ok(col('I'), -7)).toBe(-7);
    expect(problem(col('I'), '4.2')).toBe('type');
    expect(problem(col('I'), '9007199254740993')).toBe('type');
    expect(ok(col('F'), '0.08')).toBe(0.08);
    expect(ok(col('B'), 1e300)).toBe(1e300);
    expect(problem(col('F'), 'NaN')).toBe('type');
    expect(problem(col('B'), false)).toBe('type');
  });

  it('L: words of both languages; SQLite stores 0/1, PostgreSQL booleans', () => {
    expect(ok(col('L'), '是')).toBe(1);
    expect(ok(col('L'), 'FALSE')).toBe(0);
    expect(ok(col('L'), true, 'postgres')).toBe(true);
    expect(problem(col('L'), 'maybe')).toBe('type');
    expect(decodeValue(col('L'), 1)).toBe(true);
    expect(decodeValue(col('L'), false)).toBe(false);
  });

  it('D: calendar dates only', () => {
    expect(ok(col('D'), '2024/02/29')).toBe('2024-02-29');
    expect(problem(col('D'), '2023-02-29')).toBe('date');
    expect(problem(col('D'), '2026-13-01')).toBe('date');
    expect(problem(col('D'), '0099-01-01')).toBe('date');
    expect(problem(col('D'), '2026-9-1')).toBe('date');
  });

  it('T: ISO 8601, China time when no zone is given, stored in UTC', () => {
    expect(ok(col('T'), '2026-09-01 16:30')).toBe('2026-09-01T08:30:00.000Z');
    expect(ok(col('T'), '2026-09-01T08:30:00Z')).toBe('2026-09-01T08:30:00.000Z');
    expect(ok(col('T'), '2026-09-01T08:30:00.1234567-0500')).toBe('2026-09-01T13:30:00.123Z');
    expect(ok(col('T'), '2024-02-29T00:00:00+08:00')).toBe('2024-02-28T16:00:00.000Z');
    expect(problem(col('T'), '2026-09-01T24:00:00Z')).toBe('date');
    expect(problem(col('T'), '2026-09-01T08:60:00Z')).toBe('date');
    expect(problem(col('T'), '2026-09-01T08:00:60Z')).toBe('date');
    expect(problem(col('T'), '2026-09-01T08:00:00+15:00')).toBe('date');
    expect(problem(col('T'), '2026-09-31T08:00:00Z')).toBe('date');
    expect(decodeValue(col('T'), new Date('2026-09-01T08:30:00Z'))).toBe('2026-09-01T08:30:00.000Z');
  });

  it('empty cells are null, except for key items', () => {
    expect(ok(col('N'), '')).toBeNull();
    expect(ok(col('D'), null)).toBeNull();
    expect(problem(col('C', { isKey: true }), undefined)).toBe('required');
  });

  it('canonical keys: the value itself, or a JSON array of several', () => {
    expect(canonicalKey(['11010519491231002X'])).toBe('11010519491231002X');
    expect(canonicalKey(['A', 7])).toBe('["A","7"]');
  });
});
