import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordValues } from '../exchange/model.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import type { Agent } from './runner.js';
import {
  type Scratch,
  scratchMariadb,
  scratchPostgres,
  WITH_MARIADB,
  WITH_PG,
} from './test-support/databases.js';
import {
  DepartmentDb,
  expectedRecord,
  PEOPLE_ITEMS,
  people,
  populationMapping,
} from './test-support/department.js';
import { type AgentWorld, agentHead, startAgent, startAgentWorld, until } from './test-support/world.js';

type SinkKind = 'postgres' | 'mysql' | 'sqlite';
const SINKS: SinkKind[] = [
  ...(WITH_PG ? ['postgres' as const] : []),
  ...(WITH_MARIADB ? ['mysql' as const] : []),
  'sqlite',
];
const PERSONAL = ['公民身份号码', '姓名', '出生日期'];

interface LocalDb {
  url?: string;
  path?: string;
  rows(table: string): Promise<Array<Record<string, unknown>>>;
  drop(): Promise<void>;
}

async function openLocal(kind: SinkKind, dir: string): Promise<LocalDb> {
  if (kind === 'sqlite') {
    const path = join(dir, `local-${Date.now()}.db`);
    return {
      path,
      async rows(table) {
        const db = new Database(path, { readonly: true });
        try {
          return db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>;
        } finally {
          db.close();
        }
      },
      async drop() {},
    };
  }
  const scratch: Scratch = kind === 'postgres' ? await scratchPostgres() : await scratchMariadb();
  return {
    url: scratch.url,
    rows: (table) => scratch.exec(`SELECT * FROM ${table}`) as Promise<Array<Record<string, unknown>>>,
    drop: () => scratch.drop(),
  };
}

/** A local row in the exchange's form, whatever the database gave back. */
function normalized(row: Record<string, unknown>, masked = false): Record<string, unknown> {
  const text = (v: unknown) =>
    v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v);
  const decimal = (v: unknown) => (v === null ? null : String(Number(v)));
  const date = (v: unknown) =>
    v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
  const instant = (v: unknown) =>
    v === null
      ? null
      : new Date(
          v instanceof Date
            ? v
            : `${String(v).replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(String(v)) ? '' : '+08:00'}`,
        ).toISOString();
  const bool = (v: unknown) => (v === null ? null : v === true || v === 1 || v === '1' || v === 't');
  return {
    公民身份号码: text(row.id_number),
    姓名: text(row.full_name),
    出生日期: masked ? text(row.birth) : date(row.birth),
    参保状态: text(row.status),
    缴费基数: decimal(row.base),
    更新时间: instant(row.changed),
    是否有效: bool(row.valid),
  };
}

describe.each(DIALECTS.flatMap((dialect) => SINKS.map((sink) => [dialect, sink] as const)))(
  'R45 agent inbound: a subscribed resource kept in a local table, platform on %s, local database %s',
  (dialect, kind) => {
    let world: AgentWorld;
    let local: LocalDb;
    let agent: Agent | undefined;
    const written: RecordValues[] = people(60).map(expectedRecord);

    const config = (state: string, table: string, extra = '') => `${agentHead(world, '人社前置机', state, {
      client: world.consumer,
    })}databases:
  local:
    type: ${kind}
    ${kind === 'sqlite' ? `path: ${local.path}` : `url: ${local.url}`}
inbound:
  - name: ${table}
    entryId: ${world.x.entryId}
    purpose: data_verification
    caseNumber: 核验-2026-001
    database: local
    table: ${table}
    items:${PEOPLE_ITEMS}
    waitSeconds: 2
    batchSize: 25${extra}
`;

    beforeAll(async () => {
      world = await startAgentWorld(dialect);
      local = await openLocal(kind, world.dir);
      const res = await world.x.write(written);
      expect(res.status).toBe(200);
    });
    afterAll(async () => {
      await agent?.stop(5_000);
      await local.drop();
      await world.close();
    });

    it('creates the table, copies every record and then follows updates and deletes', async () => {
      await world.x.grant(world.x.items, ['subscription'], { clearItems: PERSONAL });
      agent = startAgent(`${world.dir}/in.yaml`, config('state-in', 'insured_copy'), {
        SECRET: world.consumer.secret,
      });
      const sameAsPlatform = async () => {
        const onPlatform = [...(await world.platformRows()).values()].sort((a, b) =>
          String(a.公民身份号码).localeCompare(String(b.公民身份号码)),
        );
        const copied = (await local.rows('insured_copy'))
          .map((r) => normalized(r))
          .sort((a, b) => String(a.公民身份号码).localeCompare(String(b.公民身份号码)));
        return JSON.stringify(copied) === JSON.stringify(onPlatform);
      };
      await until('the local copy', sameAsPlatform);
      const [a, b] = written;
      const changed = { ...a, 参保状态: '注销', 缴费基数: '123.45', 姓名: '新名字 ✨' } as RecordValues;
      expect((await world.x.write([changed])).status).toBe(200);
      const gone = await world.x.w.police.request(
        'POST',
        `/api/v1/exchange/resources/${world.x.entryId}/batches`,
        {
          ops: [{ op: 'delete', record: { 公民身份号码: b?.公民身份号码 } }],
        },
      );
      expect(gone.status).toBe(200);
      await until(
        'the update and the delete',
        async () => (await local.rows('insured_copy')).length === 59 && (await sameAsPlatform()),
      );
      const lastSeq = (await world.x.hosted()).lastSeq;
      await until('the cursor', () => agent?.statuses[0]?.cursor === lastSeq);
      expect(agent.statuses[0]).toMatchObject({
        direction: 'inbound',
        lastError: null,
        lagSeconds: 0,
        lastSeq,
      });
      expect(await agent.stop(5_000)).toBe(true);
      agent = undefined;
    });

    it('keeps masked values as they arrive, keyed by the pseudonymous key, when items are not granted in clear', async () => {
      const masked = await world.x.publishAndHost();
      const records = people(5, 700).map(expectedRecord);
      await world.x.w.police.request('POST', `/api/v1/exchange/resources/${masked}/batches`, {
        ops: records.map((record) => ({ op: 'upsert', record })),
      });
      await world.x.grant(world.x.items, ['subscription'], { entryId: masked });
      const yaml = config('state-masked', 'masked_copy').replace(
        `entryId: ${world.x.entryId}`,
        `entryId: ${masked}`,
      );
      agent = startAgent(`${world.dir}/masked.yaml`, yaml, { SECRET: world.consumer.secret });
      await until(
        'the masked copy',
        async () => (await local.rows('masked_copy').catch(() => [])).length === 5,
      );
      const rows = await local.rows('masked_copy');
      for (const row of rows) {
        expect(String(row.gs_key)).toMatch(/^~/);
        expect(String(row.id_number)).not.toBe(records.find((r) => r.参保状态 === row.status)?.公民身份号码);
        expect(String(row.id_number)).toContain('*');
      }
      await agent.stop(5_000);
      agent = undefined;
    });
  },
);

describe.runIf(WITH_PG && WITH_MARIADB)(
  'R45 agent end to end: PostgreSQL department → platform → MariaDB subscriber',
  () => {
    let world: AgentWorld;
    let source: DepartmentDb;
    let local: LocalDb;
    const agents: Agent[] = [];

    beforeAll(async () => {
      world = await startAgentWorld('sqlite');
      source = await DepartmentDb.open('postgres');
      local = await openLocal('mysql', world.dir);
      await source.createPeople('people', { updatedAt: true });
      await source.insert(people(30));
      await world.x.grant(world.x.items, ['subscription'], { clearItems: PERSONAL });
    });
    afterAll(async () => {
      for (const a of agents) await a.stop(5_000);
      await source.drop();
      await local.drop();
      await world.close();
    });

    it('a row changed in the department database reaches the subscriber’s table within 2 s', async () => {
      agents.push(
        startAgent(
          `${world.dir}/out.yaml`,
          `node: { name: 公安前置机, stateDir: ${world.dir}/e2e-out }
platform: { url: ${world.url}, clientId: ${world.provider.clientId}, clientSecret: "\${P}" }
databases:
${source.yaml()}
outbound:
${populationMapping(world.x.entryId, '{ updatedAt: updated_at, intervalSeconds: 0.2 }')}`,
          { P: world.provider.secret },
        ),
        startAgent(
          `${world.dir}/in.yaml`,
          `node: { name: 人社前置机, stateDir: ${world.dir}/e2e-in }
platform: { url: ${world.url}, clientId: ${world.consumer.clientId}, clientSecret: "\${C}" }
databases:
  local: { type: mysql, url: ${local.url} }
inbound:
  - name: population_copy
    entryId: ${world.x.entryId}
    purpose: data_verification
    database: local
    table: population_copy
    items:${PEOPLE_ITEMS}
    waitSeconds: 20
`,
          { C: world.consumer.secret },
        ),
      );
      await until(
        'the first copy',
        async () => (await local.rows('population_copy').catch(() => [])).length === 30,
      );
      const [first] = people(1);
      const started = Date.now();
      await source.update([first?.id_number as string], 'status', '刚改');
      await until(
        'the change in the copy',
        async () =>
          (await local.rows('population_copy')).some(
            (r) => r.id_number === first?.id_number && r.status === '刚改',
          ),
        5_000,
      );
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  },
);

describe('R45 agent inbound from the latest change', () => {
  let world: AgentWorld;
  let agent: Agent | undefined;

  beforeAll(async () => {
    world = await startAgentWorld('sqlite');
    await world.x.write(people(10).map(expectedRecord));
    await world.x.grant(world.x.items, ['subscription'], { clearItems: PERSONAL });
  });
  afterAll(async () => {
    await agent?.stop(5_000);
    await world.close();
  });

  it('skips the history and keeps only what changes after its first start', async () => {
    const path = `${world.dir}/latest.db`;
    agent = startAgent(
      `${world.dir}/latest.yaml`,
      `node: { name: 人社前置机, stateDir: ${world.dir}/latest-state }
platform: { url: "${world.url}", clientId: ${world.consumer.clientId}, clientSecret: "\${SECRET}" }
databases:
  local: { type: sqlite, path: ${path} }
inbound:
  - { name: latest, entryId: ${world.x.entryId}, purpose: data_verification, database: local, table: latest_copy, from: latest, waitSeconds: 1 }
`,
      { SECRET: world.consumer.secret },
    );
    await until('the cursor at the last change', () => agent?.statuses[0]?.cursor === 10);
    const [fresh] = people(1, 300).map(expectedRecord);
    await world.x.write([fresh as RecordValues]);
    const rows = () => {
      const db = new Database(path, { readonly: true });
      try {
        return db.prepare('SELECT * FROM latest_copy').all() as Array<Record<string, unknown>>;
      } finally {
        db.close();
      }
    };
    await until('the new record', () => rows().length === 1);
    expect(rows()[0]).toMatchObject({
      gs_key: fresh?.公民身份号码,
      姓名: fresh?.姓名,
      参保状态: fresh?.参保状态,
    });
  });
});
