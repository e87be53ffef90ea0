import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { isEntryVisible } from '../visibility.js';
import type { FacetName, SearchReader } from './query.js';
import { contentOf, type GeneratedEntry } from './test-support/index.js';
import { type IndexedEntry, type SearchWorld, startSearchWorld } from './test-support/world.js';

type Counts = Record<FacetName, Map<string, number>>;

/** The facet counts a reader should get for the whole catalog, computed from the entries. */
function expectedCounts(world: SearchWorld, reader: SearchReader): Counts {
  const visible = world.entries.filter((e) =>
    reader === 'public'
      ? e.entry.status === 'published' && e.entry.openToPublic
      : isEntryVisible(reader, {
          status: e.entry.status,
          provider_department_id: e.department.id,
          jurisdiction_path: e.department.jurisdictionPath,
        }),
  );
  const count = (pick: (e: IndexedEntry) => string | null) => {
    const counts = new Map<string, number>();
    for (const e of visible) {
      const value = pick(e);
      if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return counts;
  };
  return {
    catalogClass: count((e) => e.entry.catalogClass),
    area: count((e) => e.entry.area),
    providerDepartment: count((e) => e.department.id),
    shareType: count((e) => e.entry.shareType),
    formatCategory: count((e) => e.entry.formatCategory),
    updateCycle: count((e) => e.entry.updateCycle),
    openToPublic: count((e) => (e.entry.openToPublic ? '1' : '0')),
  };
}

/**
 * Listing without words or filters takes its counts from the maintained audience counts plus a
 * live count of the unpublished entries the reader may see (R85: a reader never sees what it may
 * not see, in results or facet counts): they must stay exact through every change of the index.
 */
for (const dialect of DIALECTS) {
  describe(`catalog search audience counts (${dialect})`, () => {
    let world: SearchWorld;

    beforeAll(async () => {
      world = await startSearchWorld(dialect, 120);
    });
    afterAll(async () => world.t.close());

    const readers = (): [string, SearchReader][] => {
      const [cityPolice, market, , , , countyLand] = world.departments as SearchWorld['departments'];
      return [
        ['dept_user', world.actor('dept_user', cityPolice as SearchWorld['departments'][0])],
        ['resource_admin', world.actor('resource_admin', market as SearchWorld['departments'][0])],
        ['county authority', world.actor('authority', countyLand as SearchWorld['departments'][0])],
        ['city authority', world.actor('authority', cityPolice as SearchWorld['departments'][0])],
        ['public', 'public'],
      ];
    };

    const checkAll = async () => {
      const search = world.platform.services.catalogSearch;
      for (const [who, reader] of readers()) {
        const result = await search.search(reader, { page: 1, pageSize: 5 });
        const expected = expectedCounts(world, reader);
        for (const [facet, counts] of Object.entries(expected) as [FacetName, Map<string, number>][])
          expect(new Map(result.facets[facet].map((v) => [v.value, v.count])), `${who}: ${facet}`).toEqual(
            counts,
          );
        expect(result.total, who).toBe([...expected.catalogClass.values()].reduce((a, b) => a + b, 0));
        // The listing's counts agree with the live count of the same set through a filter.
        const live = await search.search(reader, { page: 1, pageSize: 1, catalogClass: 'base' });
        expect(live.total, who).toBe(expected.catalogClass.get('base') ?? 0);
      }
    };

    /** Changes an indexed entry as the catalog service would, and reindexes it in the same transaction. */
    const change = async (target: IndexedEntry, entry: GeneratedEntry) => {
      const db = world.platform.storage.db;
      await db.transaction().execute(async (trx) => {
        const published = entry.status === 'published' || entry.status === 'withdrawn';
        await trx
          .updateTable('catalog_entry')
          .set({ status: entry.status, published_version: published ? 1 : null })
          .where('id', '=', target.id)
          .execute();
        await trx
          .updateTable('catalog_version')
          .set({ content: JSON.stringify(contentOf(entry)) })
          .where('entry_id', '=', target.id)
          .execute();
        await world.platform.services.catalogSearchIndex.reindex(trx, target.id);
      });
      target.entry = entry;
    };

    it('counts exactly what each reader may see in a generated catalog', async () => {
      expect(world.entries.some((e) => e.entry.status === 'draft')).toBe(true);
      await checkAll();
    });

    it('stays exact when an entry is published, changes its facets, is withdrawn or leaves', async () => {
      const draft = world.entries.find((e) => e.entry.status === 'draft') as IndexedEntry;
      await change(draft, { ...draft.entry, status: 'published', publishDate: '2026-01-02' });
      await checkAll();
      await change(draft, {
        ...draft.entry,
        shareType: draft.entry.shareType === 'unconditional' ? 'conditional' : 'unconditional',
        updateCycle: draft.entry.updateCycle === 'daily' ? 'monthly' : 'daily',
        openToPublic: !draft.entry.openToPublic,
      });
      await checkAll();
      await change(draft, { ...draft.entry, status: 'withdrawn' });
      await checkAll();
      const published = world.entries.find(
        (e) => e !== draft && e.entry.status === 'published',
      ) as IndexedEntry;
      await change(published, { ...published.entry, status: 'submitted' });
      await checkAll();

      const db = world.platform.storage.db;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('catalog_version').where('entry_id', '=', draft.id).execute();
        await trx.deleteFrom('catalog_entry').where('id', '=', draft.id).execute();
        await world.platform.services.catalogSearchIndex.reindex(trx, draft.id);
      });
      world.entries.splice(world.entries.indexOf(draft), 1);
      await checkAll();
    });

    it('never counts another department’s draft, not even in the provider facet', async () => {
      const [own, other] = world.departments as [
        SearchWorld['departments'][0],
        SearchWorld['departments'][0],
      ];
      const base = world.entries[0]?.entry as GeneratedEntry;
      await world.add({ ...base, status: 'draft', publishDate: null, name: '界桩勘测草稿信息' }, other);
      await checkAll();
      const admin = world.actor('resource_admin', own);
      const before = await world.platform.services.catalogSearch.search(admin, { page: 1, pageSize: 1 });
      const theirs = await world.platform.services.catalogSearch.search(
        world.actor('resource_admin', other),
        {
          page: 1,
          pageSize: 1,
        },
      );
      const count = (r: typeof before) =>
        r.facets.providerDepartment.find((v) => v.value === other.id)?.count ?? 0;
      expect(count(theirs)).toBe(
        count(before) +
          world.entries.filter(
            (e) => e.department === other && !['published', 'withdrawn'].includes(e.entry.status),
          ).length,
      );
    });
  });
}
