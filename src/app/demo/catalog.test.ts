import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { validateEntryContent } from '../../catalog/validation.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { loadEffectiveProfile } from '../../platform/profiles/index.js';
import { loadDemo } from './index.js';

describe.each(DIALECTS)('R01 demo catalog on %s', (dialect) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ dialect });
  }, 120_000);
  afterAll(async () => t?.close());

  it('seeds twenty entries across the lifecycle, each valid for its stage', async () => {
    const result = await loadDemo(t.platform);
    expect(result.catalogEntries).toBe(20);
    const rows = await t.platform.storage.db
      .selectFrom('catalog_entry')
      .select(['status', 'code', 'name'])
      .execute();
    const byStatus = Object.fromEntries(
      ['draft', 'submitted', 'returned', 'ratified', 'published'].map((s) => [
        s,
        rows.filter((r) => r.status === s).length,
      ]),
    );
    expect(byStatus).toEqual({ draft: 2, submitted: 2, returned: 1, ratified: 1, published: 14 });
    expect(new Set(rows.map((r) => r.code)).size).toBe(20);
    const published = await t.platform.services.catalog.listPublished();
    expect(published.map((e) => e.content.name)).toEqual(
      expect.arrayContaining([
        '人口基本信息',
        '法人单位基本信息',
        '不动产登记信息',
        '社保参保信息',
        '企业信用信息',
      ]),
    );
  });

  it('R73 every published entry carries its collection basis and procedures, as 肥城、广州、内乡 ask', async () => {
    // The demo loaded by the test above.
    const published = await t.platform.services.catalog.listPublished();
    expect(published).toHaveLength(14);
    for (const id of ['feicheng', 'guangzhou', 'neixiang']) {
      const profile = loadEffectiveProfile(id);
      for (const entry of published) {
        const issues = validateEntryContent(entry.content, {
          stage: 'submit',
          profile,
          networkZone: 'external',
        });
        expect(
          issues.filter((i) => i.code === 'CATALOG_DOCUMENTATION_REQUIRED'),
          `${id} ${entry.content.name}`,
        ).toEqual([]);
      }
    }
    for (const { content } of published) {
      expect(content.documentation?.collectionBasis, content.name).toMatch(/《.+》/);
      expect(content.documentation?.collection, content.name).toContain(content.name);
    }
  });
});
