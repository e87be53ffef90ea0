import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntryContent } from '../catalog/index.js';
import { item, sampleContent } from '../catalog/test-support/content.js';
import { type ExchangeWorld, exchangeContent, startExchangeWorld } from '../exchange/test-support/index.js';
import type { OrgClient } from '../org/test-support/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import type { SharingWorld } from '../sharing/test-support/index.js';

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
    items: [
      item({ name: '统计年度', dataType: 'I', length: undefined, personal: false }),
      item({ name: '填报人姓名', length: 50, personal: true }),
    ],
    open: { toPublic: true, basis: 'provider_consent' },
    format: { category: 'spreadsheet', concrete: 'CSV' },
    ...overrides,
  });

describe.each(DIALECTS)('R109 R110 the open catalog (DCAT, CKAN API) on %s', (dialect) => {
  let x: ExchangeWorld;
  let w: SharingWorld;
  const codes: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let visitor = 0;

  /** A visitor with no session, each call from its own address unless one is given. */
  const anonymous = async (url: string, ip = `192.0.2.${(visitor++ % 250) + 1}`) => {
    const res = await w.platform.http.inject({ method: 'GET', url, remoteAddress: ip });
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      body = res.body;
    }
    // biome-ignore lint/suspicious/noExplicitAny: answers are inspected loosely in tests.
    return { status: res.statusCode, headers: res.headers, body: body as any, text: res.body };
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
    // The exchange world hosts an open resource with records (three of its items are personal).
    x = await startExchangeWorld(dialect, {
      config: { networkZone: 'internal' },
      records: 3,
      content: exchangeContent({
        name: '参保状态开放数据',
        summary: '各参保人员的参保状态与缴费基数。',
        keywords: ['参保', '缴费'],
        open: { toPublic: true, basis: 'disclosure_scope' },
      }),
    });
    w = x.w;
    ids.hosted = x.entryId;
    codes.hosted = x.resource.entry.code;
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
      open('社保参保人数统计', ['社保', '统计'], {
        open: { toPublic: true, conditions: '注册后获取', basis: 'provider_consent' },
      }),
    );
    // Marked open, but nobody recorded the provider's consent or the disclosure scope (a version
    // written before the basis was asked for): R110 keeps it closed.
    await publish('nobasis', w.police, open('未注明依据的户籍资料', ['户籍']));
    await w.platform.storage.db
      .updateTable('catalog_version')
      .set({ content: JSON.stringify(open('未注明依据的户籍资料', ['户籍'], { open: { toPublic: true } })) })
      .where('entry_id', '=', ids.nobasis ?? '')
      .execute();
  });
  afterAll(() => x.close());

  const openCodes = () => [codes.open, codes.revised, codes.hrss, codes.hosted];
  const HIDDEN_NAMES = [
    '婚姻登记信息',
    '涉密户籍专项信息',
    '户籍开放草稿',
    '修订中',
    '未注明依据',
    '填报人姓名',
    '公民身份号码',
    '出生日期',
  ];

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
    expect(identifiers).toEqual(openCodes().sort());
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
    for (const hidden of HIDDEN_NAMES) expect(text).not.toContain(hidden);
  });

  it('R109 each open dataset dereferences at its own IRI; others do not exist', async () => {
    const one = await anonymous(`/api/v1/open/datasets/${codes.open}`);
    expect(one.status).toBe(200);
    expect(one.body['@id']).toContain(`/api/v1/open/datasets/${codes.open}`);
    for (const key of ['closed', 'classified', 'draft', 'nobasis']) {
      const hidden = await anonymous(`/api/v1/open/datasets/${codes[key]}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.code).toBe('OPENDATA_DATASET_NOT_FOUND');
    }
  });

  it('R109 answers CKAN package_search in the CKAN envelope, open resources only', async () => {
    const all = await anonymous('/api/3/action/package_search');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ success: true, help: expect.stringContaining('package_search') });
    expect(all.body.result.count).toBe(4);
    expect(all.body.result.results.map((p: { id: string }) => p.id).sort()).toEqual(
      [ids.open, ids.revised, ids.hrss, ids.hosted].sort(),
    );
    const searched = await anonymous(`/api/3/action/package_search?q=${encodeURIComponent('户籍')}`);
    expect(searched.body.result.results.map((p: { name: string }) => p.name)).toEqual([
      codes.open?.replace('/', '-'),
    ]);
    const hidden = await anonymous(`/api/3/action/package_search?q=${encodeURIComponent('婚姻')}`);
    expect(hidden.body.result.count).toBe(0);
    const paged = await anonymous('/api/3/action/package_search?rows=1&start=1&sort=name%20asc');
    expect(paged.body.result.count).toBe(4);
    expect(paged.body.result.results).toHaveLength(1);
    expect(paged.body.result.results[0].name).toBe(openCodes().sort()[1]?.replace('/', '-'));
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
    for (const key of ['closed', 'classified', 'draft', 'nobasis']) {
      const res = await anonymous(`/api/3/action/package_show?id=${encodeURIComponent(codes[key] ?? '')}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ success: false, error: { __type: 'Not Found Error' } });
    }
  });

  it('R109 organization_list names the providers with open resources', async () => {
    const names = await anonymous('/api/3/action/organization_list');
    expect(names.body.success).toBe(true);
    expect(names.body.result).toHaveLength(2);
    // Readable names: the department's name in pinyin, kept unique by its credit code.
    for (const name of names.body.result as string[])
      expect(name).toMatch(/^shi-fan-shi-[a-z0-9-]+-[0-9a-z]{18}$/);
    expect(names.body.result.some((n: string) => n.startsWith('shi-fan-shi-gong-an-ju-'))).toBe(true);
    const full = await anonymous('/api/3/action/organization_list?all_fields=true&sort=package_count%20desc');
    expect(
      full.body.result.map((o: { title: string; package_count: number }) => [o.title, o.package_count]),
    ).toEqual([
      ['示范市公安局', 3],
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

  it('R109 R110 a visitor finds an open resource by a Chinese word, opens its page and downloads it', async () => {
    const found = await anonymous(`/api/v1/open/search?q=${encodeURIComponent('参保')}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((i: { code: string }) => i.code)).toContain(codes.hosted);
    const hit = found.body.items.find((i: { code: string }) => i.code === codes.hosted);
    expect(hit).toMatchObject({ name: '参保状态开放数据', provider: { name: '示范市公安局' } });
    const page = await anonymous(`/api/v1/open/resources/${codes.hosted}`);
    expect(page.status).toBe(200);
    // Personal items (ID number, name, birth date) are never opened.
    expect(page.body.items.map((i: { name: string }) => i.name)).toEqual([
      '参保状态',
      '缴费基数',
      '更新时间',
      '是否有效',
    ]);
    expect(page.body).toMatchObject({ rows: 3, updateCycle: { code: expect.any(String) } });
    expect(page.body.basis).toContain('政府信息公开范围');
    expect(page.body.basisCode).toBe('disclosure_scope');
    expect(page.body.downloads.map((d: { format: string }) => d.format)).toEqual(['csv', 'ndjson']);

    const csv = await anonymous(new URL(page.body.downloads[0].url).pathname, '198.51.100.7');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\ufeff参保状态,缴费基数,更新时间,是否有效\r\n')).toBe(true);
    const lines = csv.text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    const statuses = x.records.map((r) => r.参保状态).sort();
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(statuses);
    for (const record of x.records) {
      expect(csv.text).not.toContain(String(record.公民身份号码));
      expect(csv.text).not.toContain(String(record.姓名));
    }
    const ndjson = await anonymous(new URL(page.body.downloads[1].url).pathname, '198.51.100.7');
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const rows = ndjson.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3);
    for (const row of rows)
      expect(Object.keys(row)).toEqual(['参保状态', '缴费基数', '更新时间', '是否有效']);
    expect(rows.map((r) => r.参保状态).sort()).toEqual(statuses);

    // Each download is a public access on the audit trail: no actor, the visitor's address.
    const audited = await w.platform.storage.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'opendata.download')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(2);
    for (const entry of audited) {
      expect(entry.actor_id).toBeNull();
      expect(JSON.stringify(entry)).toContain('198.51.100.7');
    }
  });

  it('R110 a closed, classified, unfounded or draft resource is nowhere: search, page, download, DCAT, CKAN', async () => {
    for (const key of ['closed', 'classified', 'draft', 'nobasis']) {
      const code = codes[key] ?? '';
      expect((await anonymous(`/api/v1/open/resources/${code}`)).status, key).toBe(404);
      expect((await anonymous(`/api/v1/open/resources/${code}/data.csv`)).status, key).toBe(404);
      expect((await anonymous(`/api/v1/open/resources/${code}/data.ndjson`)).status, key).toBe(404);
      expect((await anonymous(`/api/v1/open/datasets/${code}`)).status, key).toBe(404);
      const show = await anonymous(`/api/3/action/package_show?id=${encodeURIComponent(code)}`);
      expect(show.status, key).toBe(404);
    }
    for (const word of ['婚姻', '涉密', '户籍开放草稿', '未注明依据']) {
      const res = await anonymous(`/api/v1/open/search?q=${encodeURIComponent(word)}`);
      expect(res.body.items, word).toEqual([]);
    }
    const all = await anonymous('/api/v1/open/search?pageSize=100');
    expect(all.body.total).toBe(4);
    const text = JSON.stringify([
      all.body,
      (await anonymous('/api/3/action/package_search?rows=100')).body,
      (await anonymous('/api/3/action/package_list')).body,
      (await anonymous('/api/v1/open/catalog.jsonld')).body,
      (await anonymous(`/api/v1/open/resources/${codes.open}`)).body,
    ]);
    for (const hidden of HIDDEN_NAMES) expect(text).not.toContain(hidden);
  });

  it('R109 search facets by theme and provider, with pagination', async () => {
    const all = await anonymous('/api/v1/open/search?pageSize=2&page=2');
    expect(all.body).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(all.body.items).toHaveLength(2);
    const providers = all.body.facets.providers as { code: string; label: string; count: number }[];
    expect(providers.map((p) => [p.label, p.count])).toEqual([
      ['示范市公安局', 3],
      ['示范市人力资源和社会保障局', 1],
    ]);
    const hrss = providers.find((p) => p.label.includes('人力'));
    const narrowed = await anonymous(`/api/v1/open/search?provider=${hrss?.code}`);
    expect(narrowed.body.items.map((i: { code: string }) => i.code)).toEqual([codes.hrss]);
    const theme = (all.body.facets.themes as { code: string; count: number }[])[0];
    const byTheme = await anonymous(`/api/v1/open/search?theme=${theme?.code}&pageSize=100`);
    expect(byTheme.body.total).toBe(theme?.count);
  });

  it('R109 DCAT distributions lead to the data: format, media type, access and download URLs, the authority publishes', async () => {
    const res = await anonymous('/api/v1/open/catalog.jsonld');
    const nodes = (await jsonld.flatten(res.body, undefined, {
      documentLoader: noNetwork as never,
    })) as unknown as Record<string, { '@id'?: string; '@value'?: string }[]>[];
    const byId = (id: string | undefined) => nodes.find((n) => (n['@id'] as unknown as string) === id);
    const distributions = nodes.filter((n) =>
      (n['@type'] as unknown as string[] | undefined)?.includes(`${DCAT}Distribution`),
    );
    expect(distributions.length).toBe(5);
    for (const d of distributions) {
      for (const property of [`${DCT}format`, `${DCAT}mediaType`, `${DCAT}accessURL`])
        expect(d[property], property).toBeDefined();
      expect(d[`${DCAT}accessURL`]?.[0]?.['@id']).toMatch(/\/open\/datasets\/\d+\/\d{6}$/);
    }
    const downloads = distributions.flatMap((d) => d[`${DCAT}downloadURL`] ?? []).map((u) => u['@id'] ?? '');
    expect(downloads.sort()).toEqual(
      [`${codes.hosted}/data.csv`, `${codes.hosted}/data.ndjson`].map((p) => expect.stringContaining(p)),
    );
    for (const url of downloads) {
      const got = await anonymous(new URL(url).pathname, '198.51.100.9');
      expect(got.status).toBe(200);
      expect(got.text).toContain('参保状态');
    }
    const datasets = nodes.filter((n) =>
      (n['@type'] as unknown as string[] | undefined)?.includes(`${DCAT}Dataset`),
    );
    const catalog = nodes.find((n) =>
      (n['@type'] as unknown as string[] | undefined)?.includes(`${DCAT}Catalog`),
    );
    const authority = catalog?.[`${DCT}publisher`]?.[0]?.['@id'];
    expect(authority).toBeDefined();
    for (const d of datasets) expect(d[`${DCT}publisher`]?.[0]?.['@id']).toBe(authority);
    expect(byId(authority)?.['http://xmlns.com/foaf/0.1/name']?.[0]?.['@value']).toMatch(/\S/);
  });

  it('R109 CKAN: POST package_search, facet.field in both shapes, organization_show, status_show, help_show', async () => {
    const get = await anonymous(
      `/api/3/action/package_search?facet.field=${encodeURIComponent('["organization","tags","res_format"]')}&rows=0`,
    );
    expect(get.status).toBe(200);
    const { facets, search_facets } = get.body.result;
    const police =
      get.body.result.count &&
      Object.entries(facets.organization as Record<string, number>).find(([, n]) => n === 3);
    expect(police).toBeDefined();
    expect(search_facets.organization).toMatchObject({ title: 'organization' });
    expect(search_facets.organization.items).toContainEqual({
      name: police?.[0],
      display_name: '示范市公安局',
      count: 3,
    });
    expect(facets.tags.统计).toBe(2);
    const post = await w.platform.http.inject({
      method: 'POST',
      url: '/api/3/action/package_search',
      payload: { q: '社保', 'facet.field': ['organization'], rows: 5 },
      remoteAddress: '192.0.2.200',
    });
    expect(post.statusCode).toBe(200);
    const posted = JSON.parse(post.body);
    expect(posted.result.results.map((p: { id: string }) => p.id)).toEqual([ids.hrss]);
    expect(Object.values(posted.result.facets.organization)).toEqual([1]);
    const hosted = (await anonymous(`/api/3/action/package_show?id=${codes.hosted?.replace('/', '-')}`)).body
      .result;
    expect(hosted.resources.map((r: { format: string }) => r.format)).toEqual(['CSV', 'NDJSON']);
    expect(hosted.resources[0].url).toContain(`${codes.hosted}/data.csv`);
    const org = await anonymous(`/api/3/action/organization_show?id=${police?.[0]}&include_datasets=true`);
    expect(org.status).toBe(200);
    expect(org.body.result).toMatchObject({ name: police?.[0], title: '示范市公安局', package_count: 3 });
    expect(org.body.result.packages).toHaveLength(3);
    expect((await anonymous('/api/3/action/organization_show?id=nobody')).body).toMatchObject({
      success: false,
      error: { __type: 'Not Found Error' },
    });
    const status = await anonymous('/api/3/action/status_show');
    expect(status.body.result).toMatchObject({
      ckan_version: expect.stringMatching(/^2\./),
      site_url: expect.any(String),
    });
    const help = await anonymous('/api/3/action/help_show?name=package_search');
    expect(help.body).toMatchObject({ success: true, result: expect.stringContaining('facet.field') });
    const badJson = await w.platform.http.inject({
      method: 'POST',
      url: '/api/3/action/package_search',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
      remoteAddress: '192.0.2.201',
    });
    expect(badJson.statusCode).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ success: false, error: { __type: 'Bad request' } });
  });

  it('R109 hostile query strings get a clear 400 (or CKAN 409), never a 500', async () => {
    // A lone surrogate cannot travel in a URL (percent-decoding makes it U+FFFD); it can in JSON.
    for (const q of ['%ED%A0%80', 'a%00b', 'x'.repeat(100_000)]) {
      const res = await anonymous(`/api/v1/open/search?q=${q}`);
      if (q === '%ED%A0%80') {
        expect(res.status).toBeLessThan(500);
        continue;
      }
      expect(res.status, JSON.stringify(res.body).slice(0, 200)).toBe(400);
      expect(res.body.error.message).toBeTruthy();
      const ckan = await anonymous(`/api/3/action/package_search?q=${q}`);
      expect(ckan.status).toBe(409);
      expect(ckan.body.success).toBe(false);
    }
    for (const body of ['{"q":"\\ud800"}', '{"q":"a\\u0000b"}', JSON.stringify({ q: 'x'.repeat(100_000) })]) {
      const res = await w.platform.http.inject({
        method: 'POST',
        url: '/api/3/action/package_search',
        headers: { 'content-type': 'application/json' },
        payload: body,
        remoteAddress: '192.0.2.202',
      });
      expect(res.statusCode, body.slice(0, 40)).toBe(409);
      expect(JSON.parse(res.body)).toMatchObject({ success: false, error: { __type: expect.any(String) } });
    }
    expect((await anonymous('/api/v1/open/resources/199999/000001')).status).toBe(404);
    expect((await anonymous('/api/v1/open/resources/abc/000001')).status).toBe(400);
  });

  it('R109 downloads are rate-limited per address (429)', async () => {
    const url = `/api/v1/open/resources/${codes.hosted}/data.ndjson`;
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await anonymous(url, '203.0.113.50')).status);
    expect(statuses.slice(0, 28).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another address is not held back.
    expect((await anonymous(url, '203.0.113.51')).status).toBe(200);
  });

  it('R110 withdrawing the open mark removes the resource from pages, search, DCAT and CKAN at once', async () => {
    const step = async (client: OrgClient, method: string, url: string, body: unknown = {}) => {
      const res = await client.request(method, url, body);
      expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };
    expect((await anonymous(`/api/v1/open/resources/${codes.hrss}`)).status).toBe(200);
    await step(w.hrss, 'PUT', `/api/v1/catalog/entries/${ids.hrss}`, {
      content: open('社保参保人数统计', ['社保', '统计'], { open: { toPublic: false } }),
    });
    await step(w.hrss, 'POST', `/api/v1/catalog/entries/${ids.hrss}/submit`, {
      changeReason: '不再向社会开放',
    });
    await step(w.authority, 'POST', `/api/v1/catalog/entries/${ids.hrss}/reduction/approve`, {});
    await step(w.hrss, 'POST', `/api/v1/catalog/entries/${ids.hrss}/publish`, {});
    expect((await anonymous(`/api/v1/open/resources/${codes.hrss}`)).status).toBe(404);
    expect((await anonymous(`/api/v1/open/datasets/${codes.hrss}`)).status).toBe(404);
    expect((await anonymous(`/api/3/action/package_show?id=${codes.hrss}`)).status).toBe(404);
    expect((await anonymous(`/api/v1/open/search?q=${encodeURIComponent('社保')}`)).body.total).toBe(0);
    expect(JSON.stringify((await anonymous('/api/v1/open/catalog.jsonld')).body)).not.toContain(
      '社保参保人数统计',
    );
    expect((await anonymous('/api/3/action/organization_list')).body.result).toHaveLength(1);
  });
});
