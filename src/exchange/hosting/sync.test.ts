import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { item } from '../../catalog/test-support/content.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { HostedColumn } from '../model.js';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  exchangeContent,
  residentId,
  startExchangeWorld,
} from '../test-support/index.js';
import { columnsFor } from './columns.js';

describe('columns follow catalog versions', () => {
  const v1 = exchangeContent().items;

  it('keeps numbers, adds the next for a new item, deactivates a dropped one and brings it back', () => {
    const first = columnsFor(v1);
    const second = columnsFor(
      [...v1.filter((i) => i.name !== '参保状态'), item({ name: '联系电话', length: 20 })],
      first,
    );
    const byItem = (cs: HostedColumn[], name: string) => cs.filter((c) => c.item === name);
    expect(byItem(second, '联系电话')).toMatchObject([{ column: 'c8', active: true }]);
    expect(byItem(second, '参保状态')).toMatchObject([{ column: 'c4', active: false }]);
    const third = columnsFor(v1, second);
    expect(byItem(third, '参保状态')).toMatchObject([{ column: 'c4', active: true }]);
    expect(byItem(third, '联系电话')).toMatchObject([{ column: 'c8', active: false }]);
  });

  it('gives an item whose data type changed a new column; the old one goes inactive', () => {
    const first = columnsFor(v1);
    const retyped = v1.map((i) => (i.name === '缴费基数' ? { ...i, dataType: 'I' as const } : i));
    const second = columnsFor(retyped, first);
    expect(second.filter((c) => c.item === '缴费基数')).toMatchObject([
      { column: 'c5', dataType: 'N', active: false },
      { column: 'c8', dataType: 'I', active: true },
    ]);
    // Back to N: the newest column stays the item's, typed anew.
    const third = columnsFor(v1, second);
    expect(third.filter((c) => c.item === '缴费基数' && c.active)).toMatchObject([
      { column: 'c9', dataType: 'N' },
    ]);
  });
});

describe.each(DIALECTS)('a hosted table follows its entry’s published versions on %s', (dialect) => {
  let x: ExchangeWorld;
  const revise = async (items: ReturnType<typeof exchangeContent>['items']) => {
    const steps: [typeof x.w.police, string, unknown][] = [
      [x.w.police, 'PUT', { content: exchangeContent({ items }), changeReason: '增加信息项' }],
      [x.w.police, 'submit', {}],
      [x.w.authority, 'ratify', {}],
      [x.w.police, 'publish', {}],
    ];
    for (const [client, step, body] of steps) {
      const res =
        step === 'PUT'
          ? await client.request('PUT', `/api/v1/catalog/entries/${x.entryId}`, body)
          : await client.request('POST', `/api/v1/catalog/entries/${x.entryId}/${step}`, body);
      if (res.status >= 300) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  };
  const columnsOf = async (table: string) => {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.id(table)} limit 1`.execute(
      x.platform.storage.db,
    );
    return Object.keys(rows[0] ?? {});
  };

  beforeAll(async () => {
    x = await startExchangeWorld(dialect);
  }, 120_000);
  afterAll(() => x?.close());

  it('sync adds a column for a new item (ALTER TABLE) and the batch API takes it', async () => {
    const items = [...exchangeContent().items, item({ name: '联系电话', length: 20 })];
    await revise(items);
    const synced = await x.w.police.request('POST', `${EXCHANGE_API}/resources/${x.entryId}/sync`);
    expect(synced.status).toBe(200);
    expect(synced.body.entry.version).toBe(2);
    expect(synced.body.columns.at(-1)).toMatchObject({ item: '联系电话', column: 'c8', active: true });
    expect(await columnsOf(x.resource.table)).toContain('c8');
    const res = await x.write([{ ...x.records[0], 联系电话: '010-12345678' }]);
    expect(res.body).toMatchObject({ applied: 1 });
    const audit = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select('detail')
      .where('action', '=', 'exchange.sync')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.detail)).toContain('联系电话');
    // Syncing again changes nothing.
    const again = await x.w.police.request('POST', `${EXCHANGE_API}/resources/${x.entryId}/sync`);
    expect(again.body.entry.version).toBe(2);
  });

  it('a write syncs by itself when a newer version was published', async () => {
    const items = [
      ...exchangeContent().items,
      item({ name: '联系电话', length: 20 }),
      item({ name: '电子邮箱', length: 100, personal: true }),
    ];
    await revise(items);
    const res = await x.write([{ ...x.records[1], 电子邮箱: 'a@example.cn' }]);
    expect(res.status).toBe(200);
    const resource = await x.hosted();
    expect(resource.entry.version).toBe(3);
    expect(resource.columns.find((c) => c.item === '电子邮箱')).toMatchObject({ column: 'c9', active: true });
    const upload = await x.upload(`公民身份号码,电子邮箱\n${residentId('19990909', 9)},b@example.cn\n`, {
      format: 'csv',
    });
    expect(upload.lines.at(-1)).toMatchObject({ type: 'done', load: { applied: 1 } });
  });
});
