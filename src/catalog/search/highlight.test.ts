import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, matchRanges, snippet } from './highlight.js';

describe('search highlights', () => {
  it('wraps every occurrence of every token and escapes the rest', () => {
    expect(highlight('户籍迁移与户籍注销 <登记>', ['户籍', '登记'])).toBe(
      '<mark>户籍</mark>迁移与<mark>户籍</mark>注销 &lt;<mark>登记</mark>&gt;',
    );
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('returns nothing for a text without a match', () => {
    expect(highlight('企业登记信息', ['户籍'])).toBeUndefined();
    expect(snippet('企业登记信息', ['户籍'])).toBeUndefined();
  });

  it('merges overlapping matches into one mark', () => {
    expect(highlight('电子证照目录', ['电子证照', '证照目录'])).toBe('<mark>电子证照目录</mark>');
  });

  it('matches full-width and upper-case spellings and marks the original text', () => {
    expect(highlight('执行ＧＢ／Ｔ　２１０６３标准', ['gb', '21063'])).toBe(
      '执行<mark>ＧＢ</mark>／Ｔ　<mark>２１０６３</mark>标准',
    );
  });

  it('matches Latin words whole, and the last token as a prefix only when asked', () => {
    expect(matchRanges('table tab', ['tab'])).toEqual([[6, 9]]);
    expect(matchRanges('table tab', ['tab'], true)).toEqual([
      [0, 3],
      [6, 9],
    ]);
  });

  it('keeps a short summary whole and cuts a long one around the first match', () => {
    expect(snippet('包括统一社会信用代码等', ['统一社会信用代码'])).toBe(
      '包括<mark>统一社会信用代码</mark>等',
    );
    const long = `${'甲'.repeat(200)}户籍${'乙'.repeat(200)}`;
    const cut = snippet(long, ['户籍'], false, 60) ?? '';
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).toContain('<mark>户籍</mark>');
    expect(cut.replace(/<\/?mark>|…/g, '')).toHaveLength(60);
  });
});
