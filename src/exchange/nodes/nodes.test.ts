import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogWorld, startCatalogWorld } from '../../catalog/test-support/world.js';
import { OrgClient } from '../../org/test-support/index.js';
import { ManualClock } from '../../platform/clock/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';

const API = '/api/v1/exchange/nodes';

function beat(overrides: Record<string, unknown> = {}) {
  return {
    nodeName: '公安前置机-1',
    version: '0.1.0',
    startedAt: '2026-09-30T01:00:00.000Z',
    mappings: [
      {
        name: 'population',
        direction: 'outbound',
        entryId: 'entry-1',
        lagSeconds: 3,
        lastSyncedAt: '2026-09-30T01:59:00.000Z',
        rowsSynced: 1200,
        lastError: null,
      },
      {
        name: 'insured',
        direction: 'inbound',
        entryId: 'entry-2',
        lagSeconds: 12.5,
        lastSyncedAt: null,
        rowsSynced: 0,
        lastError: '无法连接数据库 / cannot reach the database',
      },
    ],
    lastError: null,
    ...overrides,
  };
}

describe.each(DIALECTS)('R45 R55 front-end exchange nodes on %s', (dialect) => {
  const clock = new ManualClock('2026-09-30T02:00:00Z');
  let w: CatalogWorld;
  let node: OrgClient;
  let token: string;

  const asNode = (method: string, url: string, body?: unknown) =>
    node.request(method, url, body, { authorization: `Bearer ${token}` });
  const auditOf = (action: string) =>
    w.platform.storage.db.selectFrom('audit_entry').selectAll().where('action', '=', action).execute();

  beforeAll(async () => {
    w = await startCatalogWorld(dialect, {
      clock,
      config: { session: { idleMinutes: 10_000_000, absoluteHours: 200_000 } },
    });
    const created = await w.police.request('POST', '/api/v1/api-clients', {
      name: '公安前置机',
      departmentId: w.departments.police,
    });
    expect(created.status).toBe(201);
    node = new OrgClient(w.platform);
    const issued = await node.request('POST', '/api/v1/auth/token', {
      grant_type: 'client_credentials',
      client_id: created.body.client.clientId,
      client_secret: created.body.clientSecret,
    });
    token = issued.body.access_token;
  });
  afterAll(() => w.close());

  it('registers a node at its first heartbeat, audited once', async () => {
    const first = await asNode('POST', `${API}/heartbeat`, beat());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ heartbeatSeconds: 20, offlineAfterSeconds: 60 });
    expect(first.body.node).toMatchObject({
      nodeName: '公安前置机-1',
      departmentId: w.departments.police,
      departmentName: '示范市公安局',
      status: 'online',
      lagSeconds: 12.5,
      lastError: '无法连接数据库 / cannot reach the database',
    });
    clock.advance(20_000);
    const second = await asNode(
      'POST',
      `${API}/heartbeat`,
      beat({ lastError: '平台不可达 / platform down' }),
    );
    expect(second.body.node.id).toBe(first.body.node.id);
    expect(second.body.node.lastError).toBe('平台不可达 / platform down');
    expect(second.body.node.lastHeartbeatAt).toBe(clock.now().toISOString());
    expect(await auditOf('exchange.node.register')).toHaveLength(1);
  });

  it('rejects a malformed heartbeat and an anonymous one', async () => {
    const bad = await asNode('POST', `${API}/heartbeat`, beat({ mappings: [{ name: 'x' }] }));
    expect(bad.status).toBe(400);
    const unknown = await asNode('POST', `${API}/heartbeat`, beat({ extra: 1 }));
    expect(unknown.status).toBe(400);
    const anonymous = await new OrgClient(w.platform).request('POST', `${API}/heartbeat`, beat());
    expect(anonymous.status).toBe(401);
  });

  it('shows each reader only the nodes it may monitor', async () => {
    const names = async (client: OrgClient) => {
      const res = await client.request('GET', API);
      return res.status === 200 ? res.body.items.map((n: { nodeName: string }) => n.nodeName) : res.status;
    };
    expect(await names(w.police)).toEqual(['公安前置机-1']);
    expect(await names(w.hrss)).toEqual([]);
    expect(await names(w.authority)).toEqual(['公安前置机-1']);
    expect(await names(w.countyAuthority)).toEqual([]);
    expect(await names(w.sysadmin)).toEqual(['公安前置机-1']);
    expect(await names(w.auditadmin)).toEqual(['公安前置机-1']);
    expect(await names(w.hrssUser)).toBe(403);
    const listed = await w.police.request('GET', API);
    expect(listed.body.items[0].mappings).toHaveLength(2);
    expect(listed.body.offlineAfterSeconds).toBe(60);
  });

  it('a node silent for more than 60 s is offline; the watch audits the change once, a heartbeat brings it back', async () => {
    clock.advance(60_000);
    expect((await w.police.request('GET', API)).body.items[0].status).toBe('online');
    clock.advance(1_000);
    expect((await w.police.request('GET', API)).body.items[0].status).toBe('offline');
    const nodes = w.platform.services.exchange.nodes;
    expect(await nodes.sweep()).toBe(1);
    expect(await nodes.sweep()).toBe(0);
    const offline = await auditOf('exchange.node.offline');
    expect(offline).toHaveLength(1);
    const back = await asNode('POST', `${API}/heartbeat`, beat());
    expect(back.body.node.status).toBe('online');
    expect(back.body.node.statusChangedAt).toBe(clock.now().toISOString());
    expect(await auditOf('exchange.node.online')).toHaveLength(1);
    // The department running the node is told both, in its notice inbox (R45, R55).
    const inbox = await w.police.request('GET', '/api/v1/sharing/notices');
    const kinds = (inbox.body.items as { kind: string; title: { zh: string } }[]).map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['exchange.node.offline', 'exchange.node.online']));
    expect(kinds.filter((k) => k === 'exchange.node.offline')).toHaveLength(1);
    clock.advance(20_000);
    await asNode('POST', `${API}/heartbeat`, beat());
    expect(await auditOf('exchange.node.online')).toHaveLength(1);
  });
});
