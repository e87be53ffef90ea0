import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleContent } from '../../catalog/test-support/content.js';
import { type CatalogWorld, startCatalogWorld } from '../../catalog/test-support/world.js';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';

const CATALOG = '/api/v1/catalog';

describe.each(DIALECTS)('R88 a provider’s access report names its cataloged resources on %s', (dialect) => {
  let w: CatalogWorld;
  let entryId: string;

  const ok = async (client: OrgClient, method: string, url: string, body?: unknown) => {
    const res = await client.request(method, url, body);
    expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };

  beforeAll(async () => {
    w = await startCatalogWorld(dialect);
    entryId = (await ok(w.police, 'POST', `${CATALOG}/entries`, { content: sampleContent() })).id;
    await ok(w.police, 'POST', `${CATALOG}/entries/${entryId}/submit`, {});
    await ok(w.authority, 'POST', `${CATALOG}/entries/${entryId}/ratify`, {});
    await ok(w.police, 'POST', `${CATALOG}/entries/${entryId}/publish`, {});
    // The social security bureau's system reads the police resource twice.
    for (const caseNumber of ['SB-1', 'SB-2']) {
      await w.platform.services.audit.append(
        {
          actor: {
            kind: 'client',
            id: 'hrss-system',
            name: '社保经办系统',
            departmentId: w.departments.hrss,
          },
        },
        {
          action: 'exchange.query',
          access: {
            resourceId: entryId,
            method: 'query',
            purpose: '参保资格核验',
            caseNumber,
            resultCount: 1,
          },
        },
      );
    }
  }, 120_000);
  afterAll(() => w?.close());

  it('the provider sees who read its published entry; another department may not look', async () => {
    const report = await ok(w.police, 'GET', `/api/v1/audit/reports/department/${w.departments.police}`);
    expect(report.provided.resourceIds).toEqual([entryId]);
    expect(report.provided).toMatchObject({ accesses: 2, records: 2 });
    expect(report.provided.byConsumer).toEqual([
      { key: w.departments.hrss, name: '示范市人力资源和社会保障局', count: 2 },
    ]);
    expect(report.provided.byPurpose).toEqual([{ key: '参保资格核验', count: 2 }]);
    const consumer = await ok(w.hrss, 'GET', `/api/v1/audit/reports/department/${w.departments.hrss}`);
    expect(consumer.consumed.byResource).toEqual([{ key: entryId, count: 2 }]);
    expect(consumer.provided.accesses).toBe(0);
    const refused = await w.hrss.request('GET', `/api/v1/audit/reports/department/${w.departments.police}`);
    expect(refused.status).toBe(403);
  });
});
