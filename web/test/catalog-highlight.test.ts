import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../src/pages/catalog/highlight.tsx';
import { namePath, pathLabel, pathString } from '../src/pages/catalog/paths.ts';

describe('search highlights', () => {
  it('splits marked and plain text and decodes the escaped rest', () => {
    expect(highlightSegments('全市<mark>婚姻</mark>登记 &amp; 补领')).toEqual([
      { text: '全市', mark: false },
      { text: '婚姻', mark: true },
      { text: '登记 & 补领', mark: false },
    ]);
  });

  it('keeps any markup but <mark> as literal text, so a provider cannot inject HTML', () => {
    const segments = highlightSegments('&lt;img src=x onerror=alert(1)&gt;<mark>证照</mark><b>粗</b>');
    expect(segments).toEqual([
      { text: '<img src=x onerror=alert(1)>', mark: false },
      { text: '证照', mark: true },
      { text: '<b>粗</b>', mark: false },
    ]);
  });

  it('decodes numeric entities and leaves unknown ones alone', () => {
    expect(highlightSegments('&#24066;&#x5e02;&nbsp;&bogus;')).toEqual([
      { text: '市市&nbsp;&bogus;', mark: false },
    ]);
  });
});

describe('entry field paths', () => {
  it('maps the server paths to form name paths and back', () => {
    expect(namePath('items[2].dataType')).toEqual(['items', 2, 'dataType']);
    expect(namePath('share.legalBasis[0].article')).toEqual(['share', 'legalBasis', 0, 'article']);
    expect(pathString(['items', 2, 'dataType'])).toBe('items[2].dataType');
    expect(pathString(['share', 'legalBasis'])).toBe('share.legalBasis');
  });

  it('names fields in the reader’s language', () => {
    expect(pathLabel('items[2].dataType', false)).toBe('信息项 3 › 数据类型');
    expect(pathLabel('share.legalBasis', false)).toBe('共享属性 › 共享依据');
    expect(pathLabel('items[0].name', true)).toBe('Item 1 › name');
    expect(pathLabel('unknown.thing', true)).toBe('unknown › thing');
  });
});
