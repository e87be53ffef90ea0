import { describe, expect, it } from 'vitest';
import {
  generateCatalog,
  generatedProviders,
  searchDocumentOf,
} from '../src/catalog/search/test-support/index.js';
import { indexTokens } from '../src/platform/text/index.js';

describe('search benchmark catalog generator', () => {
  const entries = [...generateCatalog(200)];

  it('is deterministic for a seed and differs for another', () => {
    expect([...generateCatalog(200)].map((e) => e.name)).toEqual(entries.map((e) => e.name));
    expect([...generateCatalog(200, { seed: 7 })].map((e) => e.name)).not.toEqual(entries.map((e) => e.name));
  });

  it('makes varied names across many providers, jurisdictions and subjects', () => {
    const names = new Set(entries.map((e) => e.name));
    expect(names.size).toBeGreaterThan(150);
    expect(new Set(entries.map((e) => e.provider.key)).size).toBeGreaterThan(100);
    expect(generatedProviders().length).toBeGreaterThan(150);
    expect(new Set(entries.map((e) => e.catalogClass))).toEqual(new Set(['base', 'theme', 'department']));
    expect(new Set(entries.map((e) => e.status)).size).toBeGreaterThanOrEqual(3);
  });

  it('writes realistic Chinese: names of a jurisdiction’s resources, summaries naming items', () => {
    for (const entry of entries) {
      expect(entry.name).toMatch(
        /^(20\d\d年)?\p{Script=Han}+(市|县|区)\p{Script=Han}+(信息|证照|数据|名单)/u,
      );
      expect(entry.name).toContain(entry.provider.jurisdictionName);
      expect(entry.summary).toContain(entry.provider.name);
      expect(entry.items.length).toBeGreaterThan(0);
      expect(entry.summary).toContain(entry.items[0]);
      expect(entry.keywords.length).toBeGreaterThan(0);
    }
    const all = entries.map((e) => `${e.name}${e.summary}${e.items.join('')}`).join('');
    for (const word of ['户籍', '电子证照', '统一社会信用代码', '公积金', '不动产'])
      expect(all, `the catalog mentions ${word}`).toContain(word);
  });

  it('turns entries into search documents the index can take', () => {
    const doc = searchDocumentOf(entries[0] as (typeof entries)[0], 0);
    expect(doc.code).toMatch(/^[1-3]\d{2}001\/000000$/);
    expect(indexTokens(doc.name).length).toBeGreaterThan(1);
  });
});
