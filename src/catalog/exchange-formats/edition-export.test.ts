import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgClient } from '../../org/test-support/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { EntryContent } from '../model.js';
import { item, sampleContent } from '../test-support/content.js';
import { type CatalogWorld, startCatalogWorld } from '../test-support/world.js';
import { RESOURCE_SHEET } from './columns.js';
import { download } from './test-support/index.js';

const open = (name: string, keywords: string[], overrides: Partial<EntryContent> = {}) =>
  sampleContent({
    name,
    summary: `${name}，按年度汇总。`,
    keywords,
    classification: { catalog: 'department', category: '001' },
    items: [item({ name: '统计年度', dataType: 'I', length: undefined, personal: false })],
    open: { toPublic: true, basis: 'provider_consent' },
    format: { category: 'spreadsheet', concrete: 'CSV' },
    ...overrides,
  });

describe.each(DIALECTS)('R08 shared catalog edition exports on %s', (dialect) => {
  let w: CatalogWorld;
  const codes: Record<string, string> = {};
  const ids: Record<string, string> = {};

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
      open('社保参保人数统计', ['社保', '统计'], {
        open: { toPublic: true, conditions: '注册后获取', basis: 'provider_consent' },
      }),
    );
  });
  afterAll(() => w.close());

  it('R08 a compiled shared catalog edition exports as JSON and xlsx', async () => {
    const compiled = await w.authority.request('POST', '/api/v1/catalog/editions', {});
    expect(compiled.status).toBe(201);
    const edition = compiled.body.edition as number;
    const json = await download(
      w.platform,
      w.hrssUser,
      `/api/v1/catalog/editions/${edition}/export?format=json`,
    );
    expect(json.status).toBe(200);
    const document = JSON.parse(json.text);
    expect(document.scope).toMatchObject({ kind: 'edition', edition });
    // Every published entry is shared here (none is not-shared); the draft is not in the edition.
    expect(document.entries.map((e: { code: string }) => e.code).sort()).toEqual(
      [codes.open, codes.closed, codes.classified, codes.revised, codes.hrss].sort(),
    );
    const revised = document.entries.find((e: { code: string }) => e.code === codes.revised);
    expect(revised.content.name).toBe('出入境证件统计');
    const xlsx = await download(w.platform, w.hrssUser, `/api/v1/catalog/editions/${edition}/export`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.raw as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet(RESOURCE_SHEET)?.actualRowCount).toBe(6);
    const missing = await download(w.platform, w.hrssUser, `/api/v1/catalog/editions/${edition + 1}/export`);
    expect(missing.status).toBe(404);
  });
});
