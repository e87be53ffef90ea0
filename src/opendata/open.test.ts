import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryContent } from '../catalog/index.js';
import { item, sampleContent } from '../catalog/test-support/content.js';
import { type CatalogWorld, startCatalogWorld } from '../catalog/test-support/world.js';
import type { OrgClient } from '../org/test-support/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';

/** The open catalog must expand with nothing fetched. */
const noNetwork = async (url: string): Promise<never> => {
  throw new Error(`tried to load ${url}`);
};

const open = (name: string, keywords: string[], overrides: Partial<EntryContent> = {}) =>
  sampleContent({
    name,
    summary: `${name}，按年度汇总。`,
    keywords,
    classification: { catalog: 'department', category: '001' },
    items: [item({ name: '统计年度', dataType: 'I', length: undefined, personal: false })],
    open: { toPublic: true },
    format: { category: 'spreadsheet', concrete: 'CSV' },
    ...overrides,
  });

describe.each(DIALECTS)('R109 R110 the open catalog (DCAT, CKAN API) on %s', (dialect) => {
  let w: CatalogWorld;
  const codes: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const anonymous = async (url: string) => {
    const res = await w.platform.http.inject({ method: 'GET', url });
    return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) };
  };

  /** Create → submit → ratify (the city authority) → publish, as the portal does it. */
  const publish = async (key: string, client: OrgClient, content: EntryContent, keepDraft = false) => {
    const created = await client.request('POST', '/api/v1/catalog/entries', { content });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    codes[key] = created.body.code;
    ids[key] = id;
    if (keepDraft) return;
    expect((await client.request('POST', `/api/v1/catalog/entries/${id}/submit`, {})).status).toBe(200);
    expect((await w.authority.request('POST', `/api/v1/catalog/entries/${id}/ratify`, {})).status).toBe(200);
    expect((await client.request('POST', `/api/v1/catalog/entries/${id}/publish`, {})).status).toBe(200);
  };

  beforeAll(async () => {
    // An internal-network instance, so that a classified entry can exist (and must stay hidden).
    w = await startCatalogWorld(dialect, { config: { networkZone: 'internal' } });
    await publish('open', w.police, open('户籍人口统计信息', ['户籍', '统计']));
    await publish('closed', w.police, open('婚姻登记信息', ['婚姻'], { open: { toPublic: false } }));
    await publish(
      'classified',
      w.police,
      open('涉密户籍专项信息', ['户籍'], { open: { toPublic: false }, classified: true }),
    );
    await publish('draft', w.police, open('户籍开放草稿', ['户籍']), true);
    await publish('revised', w.police, open('出入境证件统计', ['证件'], { updateCycle: 'monthly' }));
    // A revision of a published entry stays unpublished: the public keeps seeing the published name.
    const revised = await w.police.request('PUT', `/api/v1/catalog/entries/${ids.revised}`, {
      content: open('出入境证件统计（修订中）', ['证件']),
    });
    expect(revised.status).toBe(200);
    await publish(
      'hrss',
      w.hrss,
      open('社保参保人数统计', ['社保', '统计'], { open: { toPublic: true, conditions: '注册后获取' } }),
    );
  });
  afterAll(() => w.close());

  it('R109 publishes open resources as DCAT JSON-LD that expands with nothing downloaded', async () => {
    const res = await anonymous('/api/v1/open/catalog.jsonld');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    const expanded = (await jsonld.expand(res.body, { documentLoader: noNetwork as never })) as Record<
      string,
      unknown
    >[];
    const [catalog] = expanded;
    expect(catalog?.['@type']).toEqual([`${DCAT}Catalog`]);
    for (const property of [`${DCT}title`, `${DCT}description`, `${DCT}publisher`])
      expect(catalog?.[property]).toBeDefined();
    const datasets = catalog?.[`${DCAT}dataset`] as Record<string, { '@value'?: string; '@id'?: string }[]>[];
    const identifiers = datasets.map((d) => d[`${DCT}identifier`]?.[0]?.['@value']).sort();
    expect(identifiers).toEqual([codes.open, codes.revised, codes.hrss].sort());
    const revised = datasets.find((d) => d[`${DCT}identifier`]?.[0]?.['@value'] === codes.revised);
    expect(revised?.[`${DCT}title`]?.[0]?.['@value']).toBe('出入境证件统计');
    expect(revised?.[`${DCT}accrualPeriodicity`]?.[0]?.['@id']).toBe(
      'http://publications.europa.eu/resource/authority/frequency/MONTHLY',
    );
    const hrss = datasets.find((d) => d[`${DCT}identifier`]?.[0]?.['@value'] === codes.hrss);
    expect(hrss?.[`${DCT}accessRights`]?.[0]?.['@id']).toMatch(/RESTRICTED$/);
    for (const dataset of datasets) {
      for (const property of [`${DCT}title`, `${DCT}description`, `${DCT}publisher`, `${DCAT}distribution`])
        expect(dataset[property], property).toBeDefined();
    }
    const text = JSON.stringify(res.body);
    for (const hidden of ['婚姻登记信息', '涉密户籍专项信息', '户籍开放草稿', '修订中'])
      expect(text).not.toContain(hidden);
  });

  it('R109 each open dataset dereferences at its own IRI; others do not exist', async () => {
    const one = await anonymous(`/api/v1/open/datasets/${codes.open}`);
    expect(one.status).toBe(200);
    expect(one.body['@id']).toContain(`/api/v1/open/datasets/${codes.open}`);
    for (const key of ['closed', 'classified', 'draft']) {
      const hidden = await anonymous(`/api/v1/open/datasets/${codes[key]}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.code).toBe('OPENDATA_DATASET_NOT_FOUND');
    }
  });

  it('R109 answers CKAN package_search in the CKAN envelope, open resources only', async () => {
    const all = await anonymous('/api/3/action/package_search');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ success: true, help: expect.stringContaining('package_search') });
    expect(all.body.result.count).toBe(3);
    expect(all.body.result.results.map((p: { id: string }) => p.id).sort()).toEqual(
      [ids.open, ids.revised, ids.hrss].sort(),
    );
    const searched = await anonymous(`/api/3/action/package_search?q=${encodeURIComponent('户籍')}`);
    expect(searched.body.result.results.map((p: { name: string }) => p.name)).toEqual([
      codes.open?.replace('/', '-'),
    ]);
    const hidden = await anonymous(`/api/3/action/package_search?q=${encodeURIComponent('婚姻')}`);
    expect(hidden.body.result.count).toBe(0);
    const paged = await anonymous('/api/3/action/package_search?rows=1&start=1&sort=name%20asc');
    expect(paged.body.result.count).toBe(3);
    expect(paged.body.result.results).toHaveLength(1);
    expect(paged.body.result.results[0].name).toBe(
      [codes.open, codes.revised, codes.hrss].sort()[1]?.replace('/', '-'),
    );
    const organization = all.body.result.results.find((p: { id: string }) => p.id === ids.hrss).organization
      .name;
    const filtered = await anonymous(
      `/api/3/action/package_search?fq=${encodeURIComponent(`organization:${organization}`)}`,
    );
    expect(filtered.body.result.results.map((p: { id: string }) => p.id)).toEqual([ids.hrss]);
    const excluded = await anonymous(
      `/api/3/action/package_search?fq=${encodeURIComponent(`-organization:${organization} tags:统计`)}`,
    );
    expect(excluded.body.result.results.map((p: { id: string }) => p.id)).toEqual([ids.open]);
    const future = await anonymous(
      `/api/3/action/package_search?fq=${encodeURIComponent('metadata_modified:[2999-01-01T00:00:00Z TO *]')}`,
    );
    expect(future.body.result.count).toBe(0);
  });

  it('R109 package_show finds an open resource by code, id or CKAN name and hides the rest', async () => {
    for (const id of [codes.open, ids.open, codes.open?.replace('/', '-')]) {
      const res = await anonymous(`/api/3/action/package_show?id=${encodeURIComponent(id ?? '')}`);
      expect(res.status).toBe(200);
      expect(res.body.result).toMatchObject({ id: ids.open, title: '户籍人口统计信息', num_resources: 1 });
      expect(res.body.result.tags.map((t: { name: string }) => t.name)).toEqual(['户籍', '统计']);
    }
    for (const key of ['closed', 'classified', 'draft']) {
      const res = await anonymous(`/api/3/action/package_show?id=${encodeURIComponent(codes[key] ?? '')}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ success: false, error: { __type: 'Not Found Error' } });
    }
  });

  it('R109 organization_list names the providers with open resources', async () => {
    const names = await anonymous('/api/3/action/organization_list');
    expect(names.body.success).toBe(true);
    expect(names.body.result).toHaveLength(2);
    const full = await anonymous('/api/3/action/organization_list?all_fields=true&sort=package_count%20desc');
    expect(
      full.body.result.map((o: { title: string; package_count: number }) => [o.title, o.package_count]),
    ).toEqual([
      ['示范市公安局', 2],
      ['示范市人力资源和社会保障局', 1],
    ]);
  });

  it('answers bad CKAN parameters in the envelope too', async () => {
    const rows = await anonymous('/api/3/action/package_search?rows=abc');
    expect(rows.status).toBe(409);
    expect(rows.body).toMatchObject({ success: false, error: { __type: 'Validation Error' } });
    const fq = await anonymous(`/api/3/action/package_search?fq=${encodeURIComponent('private:true')}`);
    expect(fq.status).toBe(409);
    expect(fq.body.error.__type).toBe('Search Query Error');
    // In the reader's language only: Chinese unless the harvester asks for English.
    expect(fq.body.error.message).toBe('不支持的过滤字段：private');
    const sortEn = await w.platform.http.inject({
      method: 'GET',
      url: '/api/3/action/package_search?sort=secret%20asc',
      headers: { 'accept-language': 'en' },
    });
    expect(sortEn.statusCode).toBe(409);
    expect(JSON.parse(sortEn.body).error).toEqual({
      __type: 'Search Query Error',
      message: 'unsupported sort: secret asc',
    });
    const missing = await anonymous('/api/3/action/package_show');
    expect(missing.status).toBe(409);
    expect(missing.body.success).toBe(false);
  });
});
