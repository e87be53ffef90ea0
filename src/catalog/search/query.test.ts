import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { CatalogSearch, SearchParams, SearchReader } from './query.js';
import { contentOf, type GeneratedEntry } from './test-support/index.js';
import { type IndexedEntry, type SearchWorld, startSearchWorld } from './test-support/world.js';

/** Every hit of a search, page by page, as the reader would page through them. */
async function allHits(
  search: CatalogSearch,
  reader: SearchReader,
  params: Omit<SearchParams, 'page' | 'pageSize'>,
) {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const result = await search.search(reader, { ...params, page, pageSize: 50 });
    ids.push(...result.items.map((i) => i.id));
    if (result.items.length < 50) return { ids, total: result.total };
  }
}

const visibleToAll = (e: IndexedEntry) => e.entry.status === 'published' || e.entry.status === 'withdrawn';
const textOf = (e: IndexedEntry) =>
  [e.entry.name, e.entry.summary, ...e.entry.keywords, ...e.entry.items, e.department.name].join(' ');

for (const dialect of DIALECTS) {
  describe(`catalog search (${dialect})`, () => {
    let world: SearchWorld;
    let search: CatalogSearch;
    let deptUser: Actor;

    beforeAll(async () => {
      world = await startSearchWorld(dialect);
      search = world.platform.services.catalogSearch;
      deptUser = world.actor('dept_user', world.departments[0] as (typeof world.departments)[0]);
    });
    afterAll(async () => world.t.close());

    it.each(['证照', '户籍', '统一社会信用代码', '公积金'])(
      'finds exactly the visible entries that mention %s',
      async (word) => {
        const expected = world.entries
          .filter((e) => visibleToAll(e) && textOf(e).includes(word))
          .map((e) => e.id);
        const { ids, total } = await allHits(search, deptUser, { q: word });
        expect(expected.length).toBeGreaterThan(3);
        expect(new Set(ids)).toEqual(new Set(expected));
        expect(total).toBe(expected.length);
      },
    );

    it('finds a provider department’s entries by its name, and no other department’s', async () => {
      const market = world.departments[1] as SearchWorld['departments'][0];
      const expected = world.entries
        .filter((e) => visibleToAll(e) && e.department === market)
        .map((e) => e.id);
      const { ids } = await allHits(search, deptUser, { q: market.name });
      expect(expected.length).toBeGreaterThan(10);
      expect(new Set(ids)).toEqual(new Set(expected));
      // The county's police is found by its own name, not the city's.
      const countyPolice = world.departments[4] as SearchWorld['departments'][0];
      const police = await allHits(search, deptUser, { q: countyPolice.name });
      expect(police.ids.length).toBeGreaterThan(0);
      for (const id of police.ids)
        expect(world.entries.find((e) => e.id === id)?.department).toBe(countyPolice);
    });

    it('needs every word of a multi-word query', async () => {
      const expected = world.entries
        .filter((e) => visibleToAll(e) && textOf(e).includes('户籍') && textOf(e).includes('迁移'))
        .map((e) => e.id);
      const { ids } = await allHits(search, deptUser, { q: '户籍 迁移' });
      expect(new Set(ids)).toEqual(new Set(expected));
      expect((await allHits(search, deptUser, { q: '户籍 公积金' })).ids).toEqual([]);
    });

    it('ranks a match in the name above a match in the summary', async () => {
      const [first] = world.departments as [SearchWorld['departments'][0]];
      const base = [...world.entries].find((e) => e.entry.status === 'published')?.entry as GeneratedEntry;
      const inSummary = await world.add(
        {
          ...base,
          name: '道路运输车辆信息',
          summary: '含冷链追溯码的道路运输车辆信息。',
          keywords: [],
          items: ['车牌号码'],
        },
        first,
      );
      const inName = await world.add(
        { ...base, name: '冷链追溯码信息', summary: '冷链食品的流向记录。', keywords: [], items: ['批次号'] },
        first,
      );
      const result = await search.search(deptUser, { q: '追溯码', page: 1, pageSize: 10 });
      expect(result.items.map((i) => i.id)).toEqual([inName.id, inSummary.id]);
      expect(result.items[0]?.highlights.name).toBe('冷链<mark>追溯码</mark>信息');
      expect(result.items[1]?.highlights.summary).toBe('含冷链<mark>追溯码</mark>的道路运输车辆信息。');
    });

    it('highlights matches and escapes everything else (an entry named <script>)', async () => {
      const base = world.entries[0]?.entry as GeneratedEntry;
      await world.add(
        {
          ...base,
          status: 'published',
          name: '<script>alert("户籍")</script>',
          keywords: ['户籍&人口'],
          items: ['<b>户籍地址</b>'],
        },
        world.departments[0] as SearchWorld['departments'][0],
      );
      const result = await search.search(deptUser, { q: 'script 户籍', page: 1, pageSize: 5 });
      expect(result.total).toBe(1);
      const hit = result.items[0];
      expect(hit?.name).toBe('<script>alert("户籍")</script>');
      expect(hit?.highlights.name).toBe(
        '&lt;<mark>script</mark>&gt;alert(&quot;<mark>户籍</mark>&quot;)&lt;/<mark>script</mark>&gt;',
      );
      expect(hit?.highlights.keywords).toEqual(['<mark>户籍</mark>&amp;人口']);
      expect(hit?.highlights.items).toEqual(['&lt;b&gt;<mark>户籍</mark>地址&lt;/b&gt;']);
    });

    it('cuts a long summary to a snippet around the match', async () => {
      const base = world.entries[0]?.entry as GeneratedEntry;
      const summary = `${'本资源汇集各类登记数据并按日更新，'.repeat(12)}其中包括船舶检验证书信息，${'供各部门依法共享使用。'.repeat(12)}`;
      await world.add(
        { ...base, status: 'published', name: '水上交通信息', summary },
        world.departments[0] as SearchWorld['departments'][0],
      );
      const [hit] = (await search.search(deptUser, { q: '船舶检验', page: 1, pageSize: 5 })).items;
      const snippet = hit?.highlights.summary ?? '';
      expect(snippet).toMatch(/^….*<mark>船舶<\/mark><mark>检验<\/mark>|^….*<mark>船舶检验<\/mark>/);
      expect(snippet.endsWith('…')).toBe(true);
      expect(snippet.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(122);
    });

    it('counts facets over the same filtered set as the results', async () => {
      const params = { q: '登记', shareType: 'unconditional' } as const;
      const expected = world.entries.filter(
        (e) => visibleToAll(e) && textOf(e).includes('登记') && e.entry.shareType === 'unconditional',
      );
      const result = await search.search(deptUser, { ...params, page: 1, pageSize: 5 });
      expect(result.total).toBe(expected.length);
      const count = (pick: (e: IndexedEntry) => string | null) => {
        const counts = new Map<string, number>();
        for (const e of expected) {
          const value = pick(e);
          if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
        }
        return counts;
      };
      const asMap = (values: { value: string; count: number }[]) =>
        new Map(values.map((v) => [v.value, v.count]));
      expect(asMap(result.facets.catalogClass)).toEqual(count((e) => e.entry.catalogClass));
      expect(asMap(result.facets.area)).toEqual(count((e) => e.entry.area));
      expect(asMap(result.facets.providerDepartment)).toEqual(count((e) => e.department.id));
      expect(asMap(result.facets.shareType)).toEqual(new Map([['unconditional', expected.length]]));
      expect(asMap(result.facets.formatCategory)).toEqual(count((e) => e.entry.formatCategory));
      expect(asMap(result.facets.updateCycle)).toEqual(count((e) => e.entry.updateCycle));
      expect(asMap(result.facets.openToPublic)).toEqual(count((e) => (e.entry.openToPublic ? '1' : '0')));
      const labels = new Map(result.facets.providerDepartment.map((v) => [v.value, v.label]));
      for (const d of world.departments) if (labels.has(d.id)) expect(labels.get(d.id)).toBe(d.name);
    });

    it('never shows a reader entries it may not see, in results or facet counts', async () => {
      const [own, other] = world.departments as [
        SearchWorld['departments'][0],
        SearchWorld['departments'][0],
      ];
      const admin = world.actor('resource_admin', own);
      const mayRead = (e: IndexedEntry) => visibleToAll(e) || e.department === own;
      const hidden = world.entries.filter((e) => !mayRead(e));
      expect(hidden.some((e) => e.department === other)).toBe(true);

      const listed = await allHits(search, admin, {});
      expect(new Set(listed.ids)).toEqual(new Set(world.entries.filter(mayRead).map((e) => e.id)));
      const result = await search.search(admin, { page: 1, pageSize: 1 });
      const otherCount = result.facets.providerDepartment.find((v) => v.value === other.id)?.count;
      expect(otherCount).toBe(world.entries.filter((e) => e.department === other && visibleToAll(e)).length);
      const ownCount = result.facets.providerDepartment.find((v) => v.value === own.id)?.count;
      expect(ownCount).toBe(world.entries.filter((e) => e.department === own).length);

      // A draft of another department with a word of its own: nothing, not even a facet count.
      const base = world.entries[0]?.entry as GeneratedEntry;
      await world.add({ ...base, status: 'draft', publishDate: null, name: '界碑勘测草稿信息' }, other);
      const draft = await search.search(admin, { q: '界碑', page: 1, pageSize: 10 });
      expect(draft.total).toBe(0);
      expect(draft.items).toEqual([]);
      for (const values of Object.values(draft.facets)) expect(values).toEqual([]);
      // …while its own department's administrator finds it.
      const theirs = await search.search(world.actor('resource_admin', other), {
        q: '界碑',
        page: 1,
        pageSize: 10,
      });
      expect(theirs.total).toBe(1);
    });

    it('lets an authority read the unpublished entries of its jurisdiction only', async () => {
      const cityPolice = world.departments[0] as SearchWorld['departments'][0];
      const countyLand = world.departments[5] as SearchWorld['departments'][0];
      const countyAuthority = world.actor('authority', countyLand);
      const listed = await allHits(search, countyAuthority, {});
      const mayRead = (e: IndexedEntry) =>
        visibleToAll(e) || e.department.jurisdictionPath.startsWith(countyLand.jurisdictionPath);
      expect(new Set(listed.ids)).toEqual(new Set(world.entries.filter(mayRead).map((e) => e.id)));
      expect(world.entries.some((e) => !visibleToAll(e) && e.department === cityPolice)).toBe(true);
    });

    it('shows the public only published, open, non-classified entries', async () => {
      const listed = await allHits(search, 'public', {});
      const expected = world.entries.filter((e) => e.entry.status === 'published' && e.entry.openToPublic);
      expect(expected.length).toBeGreaterThan(0);
      expect(new Set(listed.ids)).toEqual(new Set(expected.map((e) => e.id)));
    });

    it('lists newest publication first without a query, and filters by facet values', async () => {
      const { items } = await search.search(deptUser, { page: 1, pageSize: 30, catalogClass: 'base' });
      expect(items.length).toBe(30);
      for (const item of items) expect(item.catalogClass).toBe('base');
      const dates = items.map((i) => i.publishDate ?? '');
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it('follows a change: a renamed entry is no longer found by its old name', async () => {
      const base = world.entries[0]?.entry as GeneratedEntry;
      const target = await world.add(
        {
          ...base,
          status: 'published',
          name: '渔船登记信息',
          summary: '渔船的登记信息。',
          keywords: [],
          items: ['船名'],
        },
        world.departments[0] as SearchWorld['departments'][0],
      );
      expect((await search.search(deptUser, { q: '渔船', page: 1, pageSize: 5 })).total).toBe(1);
      const db = world.platform.storage.db;
      const renamed = { ...contentOf(target.entry), name: '游艇登记信息', summary: '游艇的登记信息。' };
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('catalog_version')
          .set({ content: JSON.stringify(renamed) })
          .where('entry_id', '=', target.id)
          .execute();
        await world.platform.services.catalogSearchIndex.reindex(trx, target.id);
      });
      expect((await search.search(deptUser, { q: '渔船', page: 1, pageSize: 5 })).total).toBe(0);
      const found = await search.search(deptUser, { q: '游艇', page: 1, pageSize: 5 });
      expect(found.items.map((i) => i.id)).toEqual([target.id]);
      expect(found.items[0]?.name).toBe('游艇登记信息');
      // An entry that is gone leaves the index.
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('catalog_version').where('entry_id', '=', target.id).execute();
        await trx.deleteFrom('catalog_entry').where('id', '=', target.id).execute();
        await world.platform.services.catalogSearchIndex.reindex(trx, target.id);
      });
      expect((await search.search(deptUser, { q: '游艇', page: 1, pageSize: 5 })).total).toBe(0);
    });

    it('matches nothing for a query of punctuation or function words only', async () => {
      const result = await search.search(deptUser, { q: '的、！', page: 1, pageSize: 5 });
      expect(result.total).toBe(0);
    });
  });
}
