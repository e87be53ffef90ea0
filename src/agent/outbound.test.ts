import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import type { Agent } from './runner.js';
import {
  DEPARTMENT_KINDS,
  DepartmentDb,
  expectedRecord,
  PEOPLE_ITEMS,
  type Person,
  people,
  sqlitePeople,
} from './test-support/department.js';
import { comparisons } from './test-support/steps.js';
import { type AgentWorld, agentHead, startAgent, startAgentWorld, until } from './test-support/world.js';

function config(world: AgentWorld, db: DepartmentDb, state: string, mappings: string): string {
  return `${agentHead(world, '公安前置机', state)}databases:
${db.yaml()}
outbound:
${mappings}
`;
}

describe.each(DIALECTS.flatMap((dialect) => DEPARTMENT_KINDS.map((kind) => [dialect, kind] as const)))(
  'R45 agent outbound sync, platform on %s, department database %s',
  (dialect, kind) => {
    let world: AgentWorld;
    let db: DepartmentDb;
    let agent: Agent | undefined;
    const env = () => ({ SECRET: world.provider.secret });

    /** The source's people (minus `gone`) as the platform should hold them, keyed by ID number. */
    const expected = (rows: Person[]) => new Map(rows.map((p) => [p.id_number, expectedRecord(p)]));
    const equalToSource = async (rows: Person[]) => {
      const onPlatform = await world.platformRows();
      expect(onPlatform).toEqual(expected(rows));
    };
    const settled = (a: Agent, rows: Person[]) =>
      until('the platform to equal the source', async () => {
        const onPlatform = await world.platformRows();
        return onPlatform.size === rows.length && a.statuses.every((s) => s.phase === 'idle');
      });

    beforeAll(async () => {
      world = await startAgentWorld(dialect);
      db = await DepartmentDb.open(kind);
    });
    afterAll(async () => {
      await agent?.stop(5_000);
      await db.drop();
      await world.close();
    });

    it('updated-at mode: initial sync, then each insert, update and delete exactly once in the change log', async () => {
      await db.createPeople('people', { updatedAt: true, softDelete: true });
      let rows = people(120);
      await db.insert(rows);
      const yaml = config(
        world,
        db,
        'state-a',
        `  - name: population
    entryId: ${world.x.entryId}
    database: dept
    table: people
    items:${PEOPLE_ITEMS}
    sync:
      mode: updated_at
      updatedAt: updated_at
      softDelete: deleted
      intervalSeconds: 0.2
      compareMinutes: 0.02
    batchSize: 25`,
      );
      agent = startAgent(`${world.dir}/a.yaml`, yaml, env());
      await settled(agent, rows);
      await equalToSource(rows);
      let changes = await world.changes();
      expect(changes.map((c) => c.seq)).toEqual(rows.map((_, i) => i + 1));
      expect(changes.every((c) => c.op === 'insert' && c.source.startsWith('node:'))).toBe(true);

      // Three updates, two inserts, one soft delete, one hard delete (found by the comparison).
      const [u1, u2, u3, soft, hard] = rows.map((p) => p.id_number);
      await db.update([u1, u2, u3] as string[], 'status', '注销');
      await db.update([u3] as string[], 'base', '99999.99');
      const added = people(2, 5000);
      await db.insert(added);
      await db.markDeleted([soft as string]);
      await db.remove([hard as string]);
      rows = [...rows, ...added]
        .filter((p) => p.id_number !== soft && p.id_number !== hard)
        .map((p) =>
          p.id_number === u1 || p.id_number === u2 || p.id_number === u3
            ? { ...p, status: '注销', ...(p.id_number === u3 ? { base: '99999.99' } : {}) }
            : p,
        );
      await until('seven more changes', async () => (await world.changes()).length === 127);
      await settled(agent, rows);
      await equalToSource(rows);
      changes = await world.changes();
      const later = changes.slice(120);
      expect(later.map((c) => c.seq)).toEqual([121, 122, 123, 124, 125, 126, 127]);
      const ops = later.map((c) => `${c.op}:${c.key}`).sort();
      expect(ops).toEqual(
        [
          `update:${u1}`,
          `update:${u2}`,
          `update:${u3}`,
          `insert:${added[0]?.id_number}`,
          `insert:${added[1]?.id_number}`,
          `delete:${soft}`,
          `delete:${hard}`,
        ].sort(),
      );
      const status = agent.statuses[0];
      expect(status).toMatchObject({
        name: 'population',
        direction: 'outbound',
        lastError: null,
        lagSeconds: 0,
      });
      expect(status?.rowsSynced).toBe(127);
      expect(await agent.stop(5_000)).toBe(true);
      agent = undefined;
    });

    it('hash mode on a table without an updated-at column: inserts, updates and deletes, each once', async () => {
      const entryId = await world.x.publishAndHost();
      await db.createPeople('people_plain');
      let rows = people(80, 10_000);
      await db.insert(rows, 'people_plain');
      const yaml = config(
        world,
        db,
        'state-b',
        `  - name: plain
    entryId: ${entryId}
    database: dept
    table: people_plain
    items:${PEOPLE_ITEMS}
    sync:
      mode: hash
      intervalSeconds: 0.3
    batchSize: 30`,
      );
      agent = startAgent(`${world.dir}/b.yaml`, yaml, env());
      const synced = async (n: number) =>
        until(
          'the comparison to finish',
          async () => (await world.platformRows(entryId)).size === n && agent?.statuses[0]?.phase === 'idle',
        );
      await synced(rows.length);
      expect(await world.platformRows(entryId)).toEqual(expected(rows));
      expect((await world.changes(entryId)).length).toBe(80);
      const [changed, gone] = rows.map((p) => p.id_number);
      await db.update([changed as string], 'full_name', '改名 🎉', 'people_plain');
      await db.remove([gone as string], 'people_plain');
      rows = rows
        .filter((p) => p.id_number !== gone)
        .map((p) => (p.id_number === changed ? { ...p, full_name: '改名 🎉' } : p));
      await until('the change and the delete', async () => (await world.changes(entryId)).length === 82);
      await synced(rows.length);
      expect(await world.platformRows(entryId)).toEqual(expected(rows));
      const changes = await world.changes(entryId);
      expect(
        changes
          .slice(80)
          .map((c) => `${c.op}:${c.key}`)
          .sort(),
      ).toEqual([`delete:${gone}`, `update:${changed}`].sort());
      // Three more whole comparisons (each a run of compare steps, then an idle one) find nothing
      // to send: counted as the agent does them, not guessed from a fixed sleep.
      await comparisons(agent, 3);
      expect((await world.changes(entryId)).length).toBe(82);
      await agent.stop(5_000);
      agent = undefined;
    });

    it('a column the catalog does not have is reported with its line; nothing is written', async () => {
      const entryId = await world.x.publishAndHost();
      const yaml = config(
        world,
        db,
        'state-c',
        `  - name: mismatch
    entryId: ${entryId}
    database: dept
    table: people_plain
    items:${PEOPLE_ITEMS}
      户籍地址: status
    sync:
      mode: hash
      intervalSeconds: 0.2`,
      );
      agent = startAgent(`${world.dir}/c.yaml`, yaml, env());
      await until('the mismatch to be reported', () => agent?.statuses[0]?.lastError !== null);
      const line = yaml.split('\n').findIndex((l) => l.includes('户籍地址')) + 1;
      expect(agent.statuses[0]?.lastError).toContain(`${world.dir}/c.yaml:${line}:7`);
      expect(agent.statuses[0]?.lastError).toContain('户籍地址');
      expect((await world.platformRows(entryId)).size).toBe(0);
      expect(await world.changes(entryId)).toEqual([]);
      await agent.stop(5_000);
      agent = undefined;
    });
  },
);

describe.each(DIALECTS)(
  'R45 agent outbound from a SQLite file and a CSV folder, platform on %s',
  (dialect) => {
    let world: AgentWorld;
    let agent: Agent | undefined;

    beforeAll(async () => {
      world = await startAgentWorld(dialect);
    });
    afterAll(async () => {
      await agent?.stop(5_000);
      await world.close();
    });

    const yaml = (
      database: string,
      table: string,
      sync: string,
    ) => `node: { name: 文件前置机, stateDir: ${world.dir}/files-state }
platform: { url: "${world.url}", clientId: ${world.provider.clientId}, clientSecret: "\${SECRET}" }
databases:
  sqlite: { type: sqlite, path: ${world.dir}/dept.db }
  files: { type: csv, path: ${world.dir}/exports }
outbound:
  - name: people
    entryId: ${world.x.entryId}
    database: ${database}
    table: ${table}
    items:${PEOPLE_ITEMS}
    sync: ${sync}
    batchSize: 7
`;

    it('a SQLite table and then a CSV file replacing it keep the resource equal, each change once', async () => {
      const { mkdirSync, writeFileSync, renameSync } = await import('node:fs');
      const rows = people(40, 900);
      const db = await sqlitePeople(`${world.dir}/dept.db`, rows, (i) => i % 5);
      agent = startAgent(
        `${world.dir}/sqlite.yaml`,
        yaml('sqlite', 'people', '{ updatedAt: updated_at, intervalSeconds: 0.1 }'),
        { SECRET: world.provider.secret },
      );
      await until('the SQLite rows', async () => (await world.changes()).length === 40);
      expect(await world.platformRows()).toEqual(new Map(rows.map((p) => [p.id_number, expectedRecord(p)])));
      db.prepare('UPDATE people SET status = ?, updated_at = 100 WHERE id_number = ?').run(
        '注销',
        rows[0]?.id_number,
      );
      await until('the update', async () => (await world.changes()).length === 41);
      db.close();
      await agent.stop(5_000);

      // The same mapping now reads a CSV export: two rows gone, one changed, one new. The digests of
      // what the platform holds carry over (same resource), so only the differences are sent.
      mkdirSync(`${world.dir}/exports`);
      const next = [...rows.slice(2), ...people(1, 5000)].map((p, i) =>
        i === 0 ? { ...p, full_name: '导出 📄' } : p,
      );
      const cell = (v: unknown) => (v === null ? '' : `"${String(v).replaceAll('"', '""')}"`);
      const columns = ['id_number', 'full_name', 'birth', 'status', 'base', 'changed', 'valid'] as const;
      const text = [columns.join(','), ...next.map((p) => columns.map((c) => cell(p[c])).join(','))].join(
        '\n',
      );
      writeFileSync(`${world.dir}/people.csv.tmp`, text);
      renameSync(`${world.dir}/people.csv.tmp`, `${world.dir}/exports/people.csv`);
      agent = startAgent(
        `${world.dir}/csv.yaml`,
        yaml('files', 'people.csv', '{ mode: hash, intervalSeconds: 0.2 }'),
        {
          SECRET: world.provider.secret,
        },
      );
      await until(
        'the CSV comparison',
        async () => (await world.platformRows()).size === next.length && agent?.statuses[0]?.phase === 'idle',
      );
      expect(await world.platformRows()).toEqual(new Map(next.map((p) => [p.id_number, expectedRecord(p)])));
      const changes = (await world.changes()).slice(41);
      expect(changes.map((c) => `${c.op}:${c.key}`).sort()).toEqual(
        [
          `delete:${rows[0]?.id_number}`,
          `delete:${rows[1]?.id_number}`,
          `insert:${next.at(-1)?.id_number}`,
          `update:${next[0]?.id_number}`,
        ].sort(),
      );
      await agent.stop(5_000);
      agent = undefined;
    });
  },
);

describe('R45 agent outbound: rows the platform rejects', () => {
  let world: AgentWorld;
  let agent: Agent | undefined;

  beforeAll(async () => {
    world = await startAgentWorld('sqlite');
  });
  afterAll(async () => {
    await agent?.stop(5_000);
    await world.close();
  });

  async function source(name: string, rows: Person[]): Promise<string> {
    const path = `${world.dir}/${name}.db`;
    (await sqlitePeople(path, rows)).close();
    return path;
  }

  const yaml = (
    name: string,
    entryId: string,
    path: string,
    onReject: string,
  ) => `node: { name: 拒收测试, stateDir: ${world.dir}/${name}-state }
platform: { url: "${world.url}", clientId: ${world.provider.clientId}, clientSecret: "\${SECRET}" }
databases:
  dept: { type: sqlite, path: ${path} }
outbound:
  - name: ${name}
    entryId: ${entryId}
    database: dept
    table: people
    items:${PEOPLE_ITEMS}
    sync: { mode: hash, intervalSeconds: 0.2 }
    onReject: ${onReject}
`;

  const badRows = () => {
    const rows = people(12, 3000);
    const wrongCheck = `${rows[3]?.id_number.slice(0, 17)}${rows[3]?.id_number.endsWith('0') ? '1' : '0'}`;
    return rows.map((p, i) =>
      i === 3 ? { ...p, id_number: wrongCheck } : i === 7 ? { ...p, birth: '2026-02-30' } : p,
    );
  };

  it('onReject: skip sends the good rows and keeps the rejected ones in the rejects file', async () => {
    const rows = badRows();
    agent = startAgent(
      `${world.dir}/skip.yaml`,
      yaml('skip', world.x.entryId, await source('skip', rows), 'skip'),
      {
        SECRET: world.provider.secret,
      },
    );
    await until('the good rows', async () => (await world.platformRows()).size === 10);
    await until('the rejection reported', () => /rejected 2 rows/.test(agent?.statuses[0]?.lastError ?? ''));
    const rejects = readFileSync(`${world.dir}/skip-state/rejects-skip.ndjson`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects.map((r) => [r.key, r.problem])).toEqual(
      expect.arrayContaining([
        [rows[3]?.id_number, 'identifier'],
        [rows[7]?.id_number, 'date'],
      ]),
    );
    expect((await world.changes()).length).toBe(10);
    await agent.stop(5_000);
    agent = undefined;
  });

  it('onReject: stop writes nothing of the batch and stops the mapping with the reason', async () => {
    const entryId = await world.x.publishAndHost();
    agent = startAgent(
      `${world.dir}/stop.yaml`,
      yaml('stop', entryId, await source('stop', badRows()), 'stop'),
      {
        SECRET: world.provider.secret,
      },
    );
    await until('the mapping to stop', () => /onReject: stop/.test(agent?.statuses[0]?.lastError ?? ''));
    expect(agent.statuses[0]?.phase).toBe('error');
    expect(await world.changes(entryId)).toEqual([]);
    await agent.stop(5_000);
    agent = undefined;
  });
});
