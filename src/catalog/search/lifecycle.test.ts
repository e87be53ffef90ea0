import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { sampleContent } from '../test-support/content.js';
import { type CatalogWorld, startCatalogWorld } from '../test-support/world.js';

const search = (q: string) => `/api/v1/catalog/search?q=${encodeURIComponent(q)}`;

/** The index follows the catalog service through an entry's life, in each change's transaction. */
for (const dialect of DIALECTS) {
  describe(`catalog search follows the catalog's lifecycle (${dialect})`, () => {
    let w: CatalogWorld;
    let id: string;

    beforeAll(async () => {
      w = await startCatalogWorld(dialect);
      const created = await w.police.request('POST', '/api/v1/catalog/entries', {
        content: sampleContent({ name: '渔船船员户籍信息', keywords: ['渔船'] }),
      });
      expect(created.status).toBe(201);
      id = created.body.id;
    });
    afterAll(async () => w.close());

    it('shows a draft to its own department only, in results and facets', async () => {
      const own = await w.police.request('GET', search('渔船'));
      expect(own.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
      expect(own.body.items[0].status).toBe('draft');
      const other = await w.hrssUser.request('GET', search('渔船'));
      expect(other.body.total).toBe(0);
      expect(other.body.facets.providerDepartment).toEqual([]);
    });

    it('shows the published entry to every reader', async () => {
      expect((await w.police.request('POST', `/api/v1/catalog/entries/${id}/submit`, {})).status).toBe(200);
      expect((await w.authority.request('POST', `/api/v1/catalog/entries/${id}/ratify`, {})).status).toBe(
        200,
      );
      expect((await w.police.request('POST', `/api/v1/catalog/entries/${id}/publish`, {})).status).toBe(200);
      const res = await w.hrssUser.request('GET', search('渔船'));
      expect(res.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
        [id, 'published'],
      ]);
      expect(res.body.items[0].provider.name).toBe('示范市公安局');
      // and by its provider's name
      const byProvider = await w.hrssUser.request('GET', search('示范市公安局'));
      expect(byProvider.body.items.map((i: { id: string }) => i.id)).toContain(id);
    });

    it('keeps the published version findable while a rename is a draft, then follows the rename', async () => {
      const edited = await w.police.request('PUT', `/api/v1/catalog/entries/${id}`, {
        content: sampleContent({ name: '游艇船员户籍信息', keywords: ['游艇'] }),
      });
      expect(edited.status).toBe(200);
      expect((await w.hrssUser.request('GET', search('渔船'))).body.total).toBe(1);
      expect((await w.hrssUser.request('GET', search('游艇'))).body.total).toBe(0);

      expect((await w.police.request('POST', `/api/v1/catalog/entries/${id}/submit`, {})).status).toBe(200);
      expect((await w.authority.request('POST', `/api/v1/catalog/entries/${id}/ratify`, {})).status).toBe(
        200,
      );
      expect((await w.police.request('POST', `/api/v1/catalog/entries/${id}/publish`, {})).status).toBe(200);
      expect((await w.hrssUser.request('GET', search('渔船'))).body.total).toBe(0);
      const renamed = await w.hrssUser.request('GET', search('游艇'));
      expect(renamed.body.items.map((i: { id: string; name: string }) => [i.id, i.name])).toEqual([
        [id, '游艇船员户籍信息'],
      ]);
    });
  });
}
