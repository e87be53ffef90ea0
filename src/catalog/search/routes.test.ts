import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../../test/support/platform.js';
import { createUser, signedIn } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { GeneratedEntry } from './test-support/index.js';
import { type SearchWorld, startSearchWorld } from './test-support/world.js';

for (const dialect of DIALECTS) {
  describe(`GET /api/v1/catalog/search (${dialect})`, () => {
    let world: SearchWorld;
    let client: TestClient;

    beforeAll(async () => {
      world = await startSearchWorld(dialect, 60);
      const [police] = world.departments as [SearchWorld['departments'][0]];
      await createUser(world.platform, 'searcher', police.id, ['dept_user']);
      client = await signedIn(world.platform, 'searcher');
      const base = world.entries[0]?.entry as GeneratedEntry;
      await world.add(
        { ...base, status: 'published', name: '<img src=x onerror=alert(1)>户籍卡片信息' },
        police,
      );
    });
    afterAll(async () => world.t.close());

    it('answers only a signed-in reader', async () => {
      const anonymous = await new TestClient(world.platform).request('GET', '/api/v1/catalog/search?q=户籍');
      expect(anonymous.status).toBe(401);
    });

    it('finds entries with highlights, escaped, and facet counts', async () => {
      const res = await client.request('GET', `/api/v1/catalog/search?q=${encodeURIComponent('户籍卡片')}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(1);
      const [hit] = res.body.items;
      expect(hit.name).toBe('<img src=x onerror=alert(1)>户籍卡片信息');
      expect(hit.highlights.name).toBe('&lt;img src=x onerror=alert(1)&gt;<mark>户籍卡片</mark>信息');
      expect(hit.provider).toEqual({
        id: world.departments[0]?.id,
        name: world.departments[0]?.name,
        code: expect.any(String),
      });
      expect(res.body.facets.providerDepartment).toEqual([
        { value: world.departments[0]?.id, label: world.departments[0]?.name, count: 1 },
      ]);
      expect(Object.keys(res.body.facets).sort()).toEqual(
        [
          'area',
          'catalogClass',
          'formatCategory',
          'openToPublic',
          'providerDepartment',
          'shareType',
          'updateCycle',
        ].sort(),
      );
    });

    it('filters by facet values and pages', async () => {
      const all = await client.request('GET', '/api/v1/catalog/search?pageSize=5&page=1&catalogClass=base');
      expect(all.status).toBe(200);
      expect(all.body.items).toHaveLength(5);
      for (const item of all.body.items) expect(item.catalogClass).toBe('base');
      const second = await client.request(
        'GET',
        '/api/v1/catalog/search?pageSize=5&page=2&catalogClass=base',
      );
      expect(second.body.total).toBe(all.body.total);
      const firstIds = all.body.items.map((i: { id: string }) => i.id);
      for (const item of second.body.items) expect(firstIds).not.toContain(item.id);
      const open = await client.request('GET', '/api/v1/catalog/search?openToPublic=true&pageSize=100');
      for (const item of open.body.items) expect(item.openToPublic).toBe(true);
    });

    it('refuses filters outside the code lists and oversized pages', async () => {
      expect((await client.request('GET', '/api/v1/catalog/search?shareType=everything')).status).toBe(400);
      expect((await client.request('GET', '/api/v1/catalog/search?pageSize=1000')).status).toBe(400);
      expect((await client.request('GET', '/api/v1/catalog/search?sort=name')).status).toBe(400);
    });
  });
}
