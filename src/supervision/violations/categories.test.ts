import { describe, expect, it } from 'vitest';
import { loadEffectiveProfile, loadProfile } from '../../platform/profiles/index.js';
import { categoriesOf, categoryFor, nationalCategories, rectificationPeriod } from './categories.js';
import { SOURCE_KINDS } from './schema.js';

const parties = (id: string) => {
  const list = loadProfile(id).violations?.categories.value ?? [];
  const count = (party: string) => list.filter((c) => c.party === party).length;
  return {
    total: list.length,
    provider: count('provider'),
    requester: count('requester'),
    authority: count('authority'),
  };
};

describe('R114 N25 violation categories per profile, each with its article', () => {
  it('N25 national: 9 kinds for providers (第三十九条), 7 for requesters (第四十条), 3 for authorities (第四十一条)', () => {
    expect(parties('national')).toEqual({ total: 19, provider: 9, requester: 7, authority: 3 });
    const list = loadProfile('national').violations?.categories.value ?? [];
    expect(list.map((c) => c.article)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `第三十九条第（${'一二三四五六七八九'[i]}）项`),
      ...Array.from({ length: 7 }, (_, i) => `第四十条第（${'一二三四五六七'[i]}）项`),
      ...Array.from({ length: 3 }, (_, i) => `第四十一条第（${'一二三'[i]}）项`),
    ]);
    expect(new Set(list.map((c) => c.code)).size).toBe(19);
  });

  it('R114 local lists: Neixiang 6 (Art.26), Inner Mongolia 6 (Art.36), Feicheng 6 (Art.32), Guangzhou 7 (Art.32, 34)', () => {
    expect(parties('neixiang').total).toBe(6);
    expect(parties('inner-mongolia').total).toBe(6);
    expect(parties('feicheng').total).toBe(6);
    expect(parties('guangzhou').total).toBe(7);
    for (const [id, article] of [
      ['neixiang', /^Art\.26\(\d\)$/],
      ['inner-mongolia', /^Art\.36\(\d\)$/],
      ['feicheng', /^Art\.32\(\d\)$/],
      ['guangzhou', /^Art\.(32, Art\.)?34\(\d\)$/],
    ] as const) {
      const list = loadProfile(id).violations?.categories.value ?? [];
      for (const c of list) expect(c.article, `${id} ${c.code}`).toMatch(article);
      expect(new Set(list.map((c) => c.code)).size).toBe(list.length);
    }
    // Quoted from the texts.
    expect(loadProfile('neixiang').violations?.categories.value[1]?.label.zh).toBe(
      '无故拒绝提供或拖延提供政务信息资源的',
    );
    expect(loadProfile('guangzhou').violations?.categories.value[5]?.label.zh).toBe('故意隐瞒机关目录信息的');
  });

  it('R114 R123 the effective profile: the local list where the text has one, the national kinds of the parties it does not name', () => {
    const nx = loadEffectiveProfile('neixiang');
    const all = categoriesOf(nx);
    expect(all).toHaveLength(9);
    expect(all.slice(0, 6).every((c) => c.source === 'neixiang')).toBe(true);
    expect(all.slice(6).map((c) => [c.party, c.source, c.article])).toEqual([
      ['authority', 'national', '政务数据共享条例第四十一条第（一）项'],
      ['authority', 'national', '政务数据共享条例第四十一条第（二）项'],
      ['authority', 'national', '政务数据共享条例第四十一条第（三）项'],
    ]);
    expect(nationalCategories(nx)).toHaveLength(19);
    // Lianyungang's text is not here: the national list applies.
    expect(categoriesOf(loadEffectiveProfile('lianyungang'))).toHaveLength(19);
    expect(categoriesOf(loadEffectiveProfile('national'))).toHaveLength(19);
    // Inner Mongolia names no authority's kinds and no "any department" ones for the authority either.
    expect(categoriesOf(loadEffectiveProfile('inner-mongolia'))).toHaveLength(9);
  });

  it('R40 R72 each source kind maps to a category: the local one where the list has it, the national one otherwise', () => {
    const nx = loadEffectiveProfile('neixiang');
    expect(categoryFor(nx, 'reply_overdue')).toMatchObject({
      code: 'supply_refused_or_delayed',
      article: 'Art.26(2)',
    });
    expect(categoryFor(nx, 'data_stale')).toMatchObject({ code: 'update_late', article: 'Art.26(4)' });
    expect(categoryFor(nx, 'verification_overdue')).toMatchObject({
      code: 'verification_late',
      source: 'national',
      article: '政务数据共享条例第三十九条第（六）项',
    });
    const im = loadEffectiveProfile('inner-mongolia');
    expect(categoryFor(im, 'catalog_update_overdue')).toMatchObject({
      code: 'catalog_not_maintained',
      article: 'Art.36(1)',
    });
    expect(categoryFor(im, 'data_stale')).toMatchObject({
      code: 'data_untrue_or_stale',
      article: 'Art.36(3)',
    });
    expect(categoryFor(loadEffectiveProfile('guangzhou'), 'reply_overdue')).toMatchObject({
      article: 'Art.32, Art.34(3)',
    });
    for (const id of ['national', 'neixiang', 'inner-mongolia', 'feicheng', 'guangzhou', 'lianyungang']) {
      const profile = loadEffectiveProfile(id);
      for (const kind of SOURCE_KINDS) expect(categoryFor(profile, kind), `${id} ${kind}`).toBeDefined();
    }
  });

  it('R114 the rectification period: no text fixes one (责令改正, 限期改正), each cites its article; the authority sets it', () => {
    expect(rectificationPeriod(loadEffectiveProfile('national'))).toMatchObject({
      value: null,
      unit: 'working_days',
      qualifier: 'not_specified',
      article: '第三十九条',
    });
    expect(rectificationPeriod(loadEffectiveProfile('feicheng'))).toMatchObject({
      value: null,
      qualifier: 'not_specified',
      article: 'Art.32',
      source: 'feicheng',
    });
  });
});
