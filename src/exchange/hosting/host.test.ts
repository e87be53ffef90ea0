import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { item } from '../../catalog/test-support/content.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  EXCHANGE_API,
  type ExchangeWorld,
  exchangeContent,
  startExchangeWorld,
} from '../test-support/index.js';

describe.each(DIALECTS)('hosting a published resource on %s', (dialect) => {
  let x: ExchangeWorld;

  beforeAll(async () => {
    x = await startExchangeWorld(dialect);
  }, 120_000);
  afterAll(() => x?.close());

  it('creates the table from the published items, keyed and indexed, and audits it', async () => {
    const res = await x.w.police.request('GET', `${EXCHANGE_API}/resources/${x.entryId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entry: { id: x.entryId, version: 1 },
      status: 'active',
      lastSeq: 5,
      rowCount: 5,
    });
    expect(res.body.table).toBeUndefined();
    expect(res.body.columns.map((c: { item: string; column: string }) => [c.item, c.column])).toEqual(
      x.items.map((name, i) => [name, `c${i + 1}`]),
    );
    expect(res.body.columns[0]).toMatchObject({ isKey: true, keyKind: 'resident_id', personal: true });
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.id(x.resource.table)}`.execute(
      x.platform.storage.db,
    );
    expect(Number(rows[0]?.n)).toBe(5);
    const audit = await x.platform.storage.db
      .selectFrom('audit_entry')
      .select(['action', 'detail'])
      .where('action', '=', 'exchange.host')
      .where('target_id', '=', x.entryId)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses hosting twice, another department, an unpublished entry, and an entry without a key item', async () => {
    const twice = await x.w.police.request('POST', `${EXCHANGE_API}/resources`, { entryId: x.entryId });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('EXCHANGE_ALREADY_HOSTED');

    const other = await x.w.hrss.request('POST', `${EXCHANGE_API}/resources`, { entryId: x.entryId });
    expect(other.status).toBe(403);
    const operator = await x.w.sysadmin.request('POST', `${EXCHANGE_API}/resources`, { entryId: x.entryId });
    expect(operator.status).toBe(403);

    const draft = await x.w.police.request('POST', '/api/v1/catalog/entries', {
      content: exchangeContent({ name: '草稿资源' }),
    });
    const unpublished = await x.w.police.request('POST', `${EXCHANGE_API}/resources`, {
      entryId: draft.body.id,
    });
    expect(unpublished.status).toBe(409);
    expect(unpublished.body.error.code).toBe('EXCHANGE_ENTRY_NOT_PUBLISHED');

    const keyless = await x.w.publish(
      exchangeContent({
        name: '无关键项资源',
        items: [item({ name: '姓名', length: 50 }), item({ name: '参保状态', length: 10 })],
      }),
    );
    const noKey = await x.w.police.request('POST', `${EXCHANGE_API}/resources`, { entryId: keyless });
    expect(noKey.status).toBe(422);
    expect(noKey.body.error.code).toBe('EXCHANGE_NO_KEY_ITEM');
    expect(noKey.body.error.message).toContain('关键信息项');
  });

  it('the test world grants hrss and the access check finds the hosted resource', async () => {
    const grantId = await x.grant(['公民身份号码', '参保状态'], ['online_query'], {
      clearItems: ['公民身份号码'],
    });
    const client = await x.apiClient(x.w.departments.hrss);
    const answer = await x.platform.services.sharing.grants.check({
      consumerDepartmentId: x.w.departments.hrss,
      clientId: client.id,
      entryId: x.entryId,
      items: ['参保状态'],
      purpose: 'data_verification',
      method: 'online_query',
      at: x.clock.now(),
    });
    expect(answer.allowed && answer.grant.id).toBe(grantId);
    const me = await client.request('GET', '/api/v1/me');
    expect(me.status).toBeLessThan(500);
    const resource = await x.platform.services.exchange.hosting.resource(x.entryId);
    expect(resource?.columns.filter((c) => c.active)).toHaveLength(7);
  });

  it('lists hosted resources within the reader’s reach', async () => {
    const own = await x.w.police.request('GET', `${EXCHANGE_API}/resources?as=provided`);
    expect(own.status).toBe(200);
    expect(own.body.items.map((r: { entry: { id: string } }) => r.entry.id)).toContain(x.entryId);
    const elsewhere = await x.w.hrss.request('GET', `${EXCHANGE_API}/resources?as=all`);
    expect(elsewhere.body.items).toEqual([]);
    const operator = await x.w.sysadmin.request('GET', `${EXCHANGE_API}/resources?as=all`);
    expect(operator.body.total).toBeGreaterThanOrEqual(1);
    const hidden = await x.w.hrss.request('GET', `${EXCHANGE_API}/resources/${x.entryId}`);
    expect(hidden.status).toBe(403);
  });
});
