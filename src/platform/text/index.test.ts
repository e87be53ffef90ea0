import { describe, expect, it } from 'vitest';
import { DOMAIN_TERMS, indexTokens, normalizeText, queryTokens } from './index.js';

describe('Chinese tokenizer (jieba + domain dictionary)', () => {
  it('keeps domain terms whole in both the index and the query', () => {
    for (const term of ['统一社会信用代码', '电子证照', '不动产登记', '居民身份证', '法人单位', '婚姻登记']) {
      expect(queryTokens(`查询${term}信息`)).toContain(term);
      expect(indexTokens(`查询${term}信息`)).toContain(term);
    }
    expect(queryTokens('统一社会信用代码')).toEqual(['统一社会信用代码']);
  });

  it('indexes the two-character words inside longer terms, so 证照, 户籍 and 信用 find them', () => {
    expect(indexTokens('营业执照电子证照')).toEqual(
      expect.arrayContaining(['电子证照', '证照', '营业执照', '执照']),
    );
    expect(indexTokens('户籍迁移登记信息')).toEqual(expect.arrayContaining(['户籍', '迁移', '登记']));
    expect(indexTokens('统一社会信用代码')).toEqual(expect.arrayContaining(['信用', '代码', '社会']));
    expect(indexTokens('住房公积金缴存')).toEqual(expect.arrayContaining(['住房公积金', '公积金', '缴存']));
  });

  it('indexes a domain term inside a longer one or cut across by its neighbour', () => {
    expect(indexTokens('不动产登记证明')).toEqual(
      expect.arrayContaining(['不动产登记证明', '不动产登记', '不动产']),
    );
    // The segmenter prefers 电子 / 证照目录 here; 电子证照 is indexed all the same.
    expect(indexTokens('电子证照目录')).toEqual(expect.arrayContaining(['证照目录', '电子证照', '证照']));
  });

  it('queries in precise mode: a longer query is not widened to its parts', () => {
    expect(queryTokens('电子证照')).toEqual(['电子证照']);
    expect(queryTokens('户籍 人口')).toEqual(['户籍', '人口']);
    expect(queryTokens('南阳市公安局')).toEqual(['南阳市', '公安局']);
  });

  it('folds full-width forms and case, and drops punctuation and function words', () => {
    expect(normalizeText('ＧＢ／Ｔ　２１０６３')).toBe('gb/t 21063');
    expect(queryTokens('ＧＢ１１６４３，Abc')).toEqual(['gb11643', 'abc']);
    expect(indexTokens('企业的登记、变更和注销')).toEqual(['企业', '登记', '变更', '注销']);
    expect(queryTokens('的！')).toEqual([]);
  });

  it('has a domain dictionary of about a hundred government terms', () => {
    expect(DOMAIN_TERMS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(DOMAIN_TERMS).size).toBe(DOMAIN_TERMS.length);
  });
});
