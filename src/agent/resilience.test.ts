import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from './runner.js';
import {
  DEPARTMENT_KINDS,
  DepartmentDb,
  expectedRecord,
  people,
  populationMapping,
} from './test-support/department.js';
import { failures } from './test-support/steps.js';
import { type AgentWorld, CuttableProxy, startAgent, startAgentWorld, until } from './test-support/world.js';

const ROWS = 600;

describe.each(DEPARTMENT_KINDS)('R45 agent through outages, department database %s', (kind) => {
  let world: AgentWorld;
  let db: DepartmentDb;
  let platformProxy: CuttableProxy;
  let dbProxy: CuttableProxy;
  let agent: Agent | undefined;

  beforeAll(async () => {
    world = await startAgentWorld('sqlite');
    db = await DepartmentDb.open(kind);
    await db.createPeople('people', { updatedAt: true });
    await db.insert(people(ROWS));
    platformProxy = new CuttableProxy(Number(new URL(world.url).port));
    await platformProxy.start();
    const dbUrl = new URL(db.url);
    dbProxy = new CuttableProxy(Number(dbUrl.port || (kind === 'postgres' ? 5432 : 3306)), dbUrl.hostname);
    await dbProxy.start();
  });
  afterAll(async () => {
    await agent?.stop(5_000);
    await platformProxy.close();
    await dbProxy.close();
    await db.drop();
    await world.close();
  });

  it('backs off while the platform or the database is unreachable and resumes with no duplicate change', async () => {
    const viaProxy = new URL(db.url);
    viaProxy.port = String(dbProxy.port);
    viaProxy.hostname = '127.0.0.1';
    const yaml = `node: { name: 断网测试, stateDir: ${world.dir}/state }
platform: { url: "http://127.0.0.1:${platformProxy.port}", clientId: ${world.provider.clientId}, clientSecret: "\${S}", timeoutSeconds: 5 }
databases:
  dept: { type: ${kind}, url: "${viaProxy}" }
outbound:
${populationMapping(world.x.entryId, '{ updatedAt: updated_at, intervalSeconds: 0.1 }', '    batchSize: 20\n')}`;
    agent = startAgent(`${world.dir}/net.yaml`, yaml, { S: world.provider.secret }, { heartbeatMs: 200 });
    const count = async () => (await world.changes()).length;
    await until('some progress', async () => (await count()) >= 100);

    await platformProxy.cut();
    await until(
      'the platform outage to show',
      () => /不可达|unreachable/.test(agent?.statuses[0]?.lastError ?? ''),
      10_000,
    );
    const during = await count();
    // Two more attempts fail while the platform is cut off (waited for, not slept through): none
    // of them got a change in.
    await failures(agent, 2);
    expect(await count()).toBe(during);
    await platformProxy.start();
    await until('progress after the platform came back', async () => (await count()) > during + 100, 30_000);

    await dbProxy.cut();
    await until(
      'the database outage to show',
      () => (agent?.statuses[0]?.lastError ?? null) !== null,
      10_000,
    );
    const cutOff = await count();
    await failures(agent, 2);
    // At most the batch in flight and the page read ahead arrive after the cut.
    expect(await count()).toBeLessThanOrEqual(cutOff + 40);
    await dbProxy.start();

    await until('the rest', async () => (await count()) >= ROWS, 60_000);
    await until(
      'a clean status',
      () => agent?.statuses[0]?.lastError === null && agent?.statuses[0]?.phase === 'idle',
    );
    const changes = await world.changes();
    expect(changes).toHaveLength(ROWS);
    expect(new Set(changes.map((c) => c.key)).size).toBe(ROWS);
    expect(changes.map((c) => c.seq)).toEqual(changes.map((_, i) => i + 1));
    expect(await world.platformRows()).toEqual(
      new Map(people(ROWS).map((p) => [p.id_number, expectedRecord(p)])),
    );

    // The platform shows the node online, with its mapping's figures.
    await until('a heartbeat with the figures', async () => {
      const res = await world.x.w.police.request('GET', '/api/v1/exchange/nodes');
      const node = res.body.items.find((n: { nodeName: string }) => n.nodeName === '断网测试');
      return node?.status === 'online' && node.mappings[0]?.rowsSynced === ROWS && node.lastError === null;
    });
    const nodes = await world.x.w.police.request('GET', '/api/v1/exchange/nodes');
    expect(nodes.body.items[0].mappings[0]).toMatchObject({
      name: 'population',
      direction: 'outbound',
      entryId: world.x.entryId,
      lagSeconds: 0,
      lastError: null,
    });
    expect(await agent.stop(5_000)).toBe(true);
    agent = undefined;
  }, 120_000);
});
