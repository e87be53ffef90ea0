import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { sampleContent } from './test-support/content.js';
import { type CatalogWorld, startCatalogWorld } from './test-support/world.js';

const API = '/api/v1/catalog';

describe.each(DIALECTS)('R97 an internal-network instance (Inner Mongolia) on %s', (dialect) => {
  let w: CatalogWorld;
  beforeAll(async () => {
    w = await startCatalogWorld(dialect, { config: { networkZone: 'internal', profile: 'inner-mongolia' } });
  }, 120_000);
  afterAll(async () => w?.close());

  it('accepts, ratifies and publishes a classified entry, never open to the public', async () => {
    const created = await w.police.request('POST', `${API}/entries`, {
      content: sampleContent({ classified: true }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.classified).toBe(true);
    const id = created.body.id;
    for (const [client, action] of [
      [w.police, 'submit'],
      [w.authority, 'ratify'],
      [w.police, 'publish'],
    ] as const)
      expect((await client.request('POST', `${API}/entries/${id}/${action}`, {})).status).toBe(200);
    const open = await w.police.request('PUT', `${API}/entries/${id}`, {
      content: sampleContent({ classified: true, open: { toPublic: true } }),
    });
    expect(open.status).toBe(200);
    const refused = await w.police.request('POST', `${API}/entries/${id}/submit`, {});
    expect(refused.body.error).toMatchObject({ code: 'CATALOG_CLASSIFIED_OPEN', field: 'open.toPublic' });
  });

  it('R20 R25 the vocabulary follows the profile: its base catalogs and kinds of basis', async () => {
    const res = await w.hrssUser.request('GET', `${API}/vocabulary`);
    expect(res.body.networkZone).toBe('internal');
    expect(res.body.legalBasisRequiredFor).toEqual(['conditional', 'not_shared']);
    expect(res.body.legalBasisKinds.map((k: { value: string }) => k.value)).toEqual([
      'law',
      'regulation',
      'central_policy',
    ]);
    expect(res.body.baseAreas.map((a: { value: string; code: string }) => `${a.value}:${a.code}`)).toEqual([
      'population:01',
      'legal_person:02',
      'natural_resources_geography:03',
      'social_credit:04',
      'e_licence:05',
    ]);
    expect(res.body.shareTypes[0]).toEqual({
      value: 'unconditional',
      label: { zh: '无条件共享类', en: 'Unconditional' },
    });
  });
});
