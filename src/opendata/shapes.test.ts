import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import type { EntryContent } from '../catalog/index.js';
import { sampleContent } from '../catalog/test-support/content.js';
import { organizationName, packageDict } from './ckan.js';
import { parseFilterQuery } from './ckan-query.js';
import { catalogDocument, DCAT_CONTEXT } from './dcat.js';
import type { OpenDataset } from './open-catalog.js';

const dataset = (content: EntryContent, code: string): OpenDataset => ({
  id: `id-${code}`,
  code,
  content,
  provider: { id: 'dept-1', name: '示范市公安局', uscc: '11990100010242484J' },
  publishDate: '2026-03-02',
  createdAt: '2026-03-01T08:00:00.000Z',
  modifiedAt: '2026-03-02T09:30:00.000Z',
});

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';

/** Refuses every remote document: the open catalog must expand with nothing fetched. */
const noNetwork = async (url: string): Promise<never> => {
  throw new Error(`tried to load ${url}`);
};

type Expanded = Record<
  string,
  { '@id'?: string; '@value'?: string; '@language'?: string; '@type'?: string }[] | string[] | undefined
>;

describe('R109 DCAT-AP 3 shapes of the open catalog', () => {
  it('expands as JSON-LD with every mandatory property of Catalog, Dataset, Distribution and Agent', async () => {
    const open = sampleContent({
      open: { toPublic: true },
      updateCycle: 'half_yearly',
      format: { category: 'spreadsheet', concrete: 'xlsx' },
    });
    const doc = catalogDocument(
      'https://gov.example',
      { name: '示范市政务信息资源共享主管部门', homepage: 'https://gov.example/' },
      [dataset(open, '101001/000001')],
    );
    expect(doc['@context']).toEqual(DCAT_CONTEXT);
    // Flattened without a context: an array of node objects with full IRIs.
    const nodes = (await jsonld.flatten(doc as jsonld.JsonLdDocument, undefined, {
      documentLoader: noNetwork as never,
    })) as unknown as (Expanded & { '@id': string; '@type'?: string[] })[];
    expect(Array.isArray(nodes)).toBe(true);
    const ofType = (type: string) => nodes.filter((n) => n['@type']?.includes(type));
    const byId = (id: string | undefined) => nodes.find((n) => n['@id'] === id);
    /** The node an object property of `node` points at. */
    const target = (node: Expanded | undefined, property: string) =>
      byId((node?.[property] as { '@id'?: string }[] | undefined)?.[0]?.['@id']);

    const [catalog] = ofType(`${DCAT}Catalog`);
    for (const property of [`${DCT}title`, `${DCT}description`, `${DCT}publisher`, `${DCAT}dataset`])
      expect(catalog?.[property], property).toBeDefined();
    const [ds] = ofType(`${DCAT}Dataset`);
    expect(ds?.['@id']).toBe('https://gov.example/api/v1/open/datasets/101001/000001');
    // jsonld.js normalizes language tags to lower case.
    expect(ds?.[`${DCT}title`]).toEqual([{ '@value': '人口基本信息', '@language': 'zh-cn' }]);
    expect(ds?.[`${DCT}description`]?.[0]).toMatchObject({ '@language': 'zh-cn' });
    expect(ds?.[`${DCT}identifier`]).toEqual([{ '@value': '101001/000001' }]);
    expect(ds?.[`${DCT}accrualPeriodicity`]).toEqual([
      { '@id': 'http://publications.europa.eu/resource/authority/frequency/ANNUAL_2' },
    ]);
    expect(ds?.[`${DCT}accessRights`]).toEqual([
      { '@id': 'http://publications.europa.eu/resource/authority/access-right/PUBLIC' },
    ]);
    expect(ds?.[`${DCT}issued`]).toEqual([
      { '@value': '2026-03-02', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
    ]);
    expect(((ds?.[`${DCAT}keyword`] ?? []) as { '@value': string }[]).map((k) => k['@value'])).toEqual([
      '户籍',
      '人口',
    ]);
    // The instance's authority publishes; the providing department created the data.
    const publisher = target(ds, `${DCT}publisher`);
    expect(publisher?.['@id']).toBe('https://gov.example/');
    expect(publisher?.[`${FOAF}name`]).toEqual([
      { '@value': '示范市政务信息资源共享主管部门', '@language': 'zh-cn' },
    ]);
    expect(target(catalog, `${DCT}publisher`)).toBe(publisher);
    const creator = target(ds, `${DCT}creator`);
    expect(creator?.['@type']).toEqual([`${FOAF}Agent`]);
    expect(creator?.[`${FOAF}name`]).toEqual([{ '@value': '示范市公安局', '@language': 'zh-cn' }]);
    expect(creator?.[`${DCT}identifier`]).toEqual([{ '@value': '11990100010242484J' }]);
    const standard = target(ds, `${DCT}conformsTo`);
    expect(standard?.[`${DCT}identifier`]).toEqual([{ '@value': '发改高技〔2017〕1272号' }]);
    const distribution = target(ds, `${DCAT}distribution`);
    expect(distribution?.['@type']).toEqual([`${DCAT}Distribution`]);
    expect(distribution?.[`${DCAT}accessURL`]).toEqual([
      { '@id': 'https://gov.example/open/datasets/101001/000001' },
    ]);
    expect(distribution?.[`${DCAT}downloadURL`]).toBeUndefined();
    expect(distribution?.[`${DCT}format`]).toEqual([
      { '@id': 'http://publications.europa.eu/resource/authority/file-type/XLSX' },
    ]);
    expect(distribution?.[`${DCAT}mediaType`]?.[0]).toMatchObject({
      '@id':
        'https://www.iana.org/assignments/media-types/application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });

  it('gives a hosted resource CSV and NDJSON distributions with download URLs', async () => {
    const doc = catalogDocument(
      'https://gov.example',
      { name: 'x', homepage: 'https://gov.example/' },
      [dataset(sampleContent({ open: { toPublic: true, basis: 'provider_consent' } }), '101001/000003')],
      new Set(['id-101001/000003']),
    );
    const nodes = (await jsonld.flatten(doc as jsonld.JsonLdDocument, undefined, {
      documentLoader: noNetwork as never,
    })) as unknown as (Expanded & { '@type'?: string[] })[];
    const distributions = nodes.filter((n) => n['@type']?.includes(`${DCAT}Distribution`));
    expect(
      distributions.map((d) => [
        (d[`${DCAT}downloadURL`] as { '@id': string }[])[0]?.['@id'],
        (d[`${DCT}format`] as { '@id': string }[])[0]?.['@id'].split('/').pop(),
        (d[`${DCAT}mediaType`] as { '@id': string }[])[0]?.['@id'].split('media-types/').pop(),
      ]),
    ).toEqual([
      ['https://gov.example/api/v1/open/resources/101001/000003/data.csv', 'CSV', 'text/csv'],
      ['https://gov.example/api/v1/open/resources/101001/000003/data.ndjson', 'JSON', 'application/x-ndjson'],
    ]);
  });

  it('marks a resource with open conditions as restricted', async () => {
    const doc = catalogDocument('https://gov.example', { name: 'x', homepage: 'https://gov.example/' }, [
      dataset(sampleContent({ open: { toPublic: true, conditions: '实名注册后获取' } }), '101001/000002'),
    ]);
    const [expanded] = (await jsonld.expand(doc as jsonld.JsonLdDocument, {
      documentLoader: noNetwork as never,
    })) as Expanded[];
    const ds = ((expanded?.[`${DCAT}dataset`] ?? []) as unknown as Expanded[])[0];
    expect(ds?.[`${DCT}accessRights`]).toEqual([
      { '@id': 'http://publications.europa.eu/resource/authority/access-right/RESTRICTED' },
    ]);
  });
});

describe('the CKAN shapes', () => {
  it('names a package after its resource code and carries the fields harvesters read', () => {
    const dict = packageDict(
      'https://gov.example',
      dataset(sampleContent({ open: { toPublic: true } }), '101001/000007'),
    );
    expect(dict).toMatchObject({
      id: 'id-101001/000007',
      name: '101001-000007',
      title: '人口基本信息',
      license_id: 'notspecified',
      metadata_created: '2026-03-01T08:00:00.000',
      metadata_modified: '2026-03-02T09:30:00.000',
      organization: {
        name: 'shi-fan-shi-gong-an-ju-11990100010242484j',
        title: '示范市公安局',
        is_organization: true,
      },
      tags: [{ name: '户籍' }, { name: '人口' }],
      num_resources: 1,
    });
    expect(dict.extras).toContainEqual({ key: 'resource_code', value: '101001/000007' });
  });

  it('reads the filter queries harvesters send', () => {
    expect(
      parseFilterQuery('metadata_modified:[2026-01-01T00:00:00Z TO *] -organization:abc tags:"户 籍"'),
    ).toEqual([
      { field: 'metadata_modified', negated: false, range: { from: '2026-01-01T00:00:00Z' } },
      { field: 'organization', negated: true, value: 'abc' },
      { field: 'tags', negated: false, value: '户 籍' },
    ]);
    expect(() => parseFilterQuery('secret_field:1')).toThrow(/unsupported filter field/);
  });
});

describe('CKAN organization names (R109)', () => {
  const provider = (name: string) => ({ id: 'd', name, uscc: '11990100010242484J' });
  it('are the name in pinyin and the credit code, within CKAN’s 100 lower-case ASCII characters', () => {
    expect(organizationName(provider('广州市公安局'))).toBe('guang-zhou-shi-gong-an-ju-11990100010242484j');
    expect(organizationName(provider('Ａ区（试点）数据局'))).toBe(
      'a-qu-shi-dian-shu-ju-ju-11990100010242484j',
    );
    const long = organizationName(provider('很'.repeat(200)));
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).toMatch(/^(hen-)+11990100010242484j$/);
    expect(organizationName(provider('\u0000\ud800'))).toBe('11990100010242484j');
  });
});
