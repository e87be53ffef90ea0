import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import type { Agent } from './runner.js';
import { WITH_MARIADB, WITH_PG } from './test-support/databases.js';
import { DepartmentDb, type DepartmentKind, expectedRecord, PEOPLE_ITEMS, type Person, people } from './test-support/department.js';
import { type AgentWorld, startAgent, startAgentWorld, until } from './test-support/world.js';

const KINDS: DepartmentKind[] = [...(WITH_PG ? ['postgres' as const] : []), ...(WITH_MARIADB ? ['mysql' as const] : [])];

function config(world: AgentWorld, db: DepartmentDb, state: string, mappings: string): string {
  return `node:
  name: 公安前置机
  stateDir: ${world.dir}/${state}
platform:
  url: ${world.url}
  clientId: ${world.provider.clientId}
  clientSecret: \${SECRET}
databases:
${db.yaml()}
outbound:
${mappings}
`;
}

describe.each(DIALECTS.flatMap((dialect) => KINDS.map((kind) => [dialect, kind] as const)))(
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
      expect(status).toMatchObject({ name: 'population', direction: 'outbound', lastError: null, lagSeconds: 0 });
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
        until('the comparison to finish', async () => (await world.platformRows(entryId)).size === n && agent?.statuses[0]?.phase === 'idle');
      await synced(rows.length);
      expect(await world.platformRows(entryId)).toEqual(expected(rows));
      expect((await world.changes(entryId)).length).toBe(80);
      const [changed, gone] = rows.map((p) => p.id_number);
      await db.update([changed as string], 'full_name', '改名 🎉', 'people_plain');
      await db.remove([gone as string], 'people_plain');
      rows = rows.filter((p) => p.id_number !== gone).map((p) => (p.id_number === changed ? { ...p, full_name: '改名 🎉' } : p));
      await until('the change and the delete', async () => (await world.changes(entryId)).length === 82);
      await synced(rows.length);
      expect(await world.platformRows(entryId)).toEqual(expected(rows));
      const changes = await world.changes(entryId);
      expect(changes.slice(80).map((c) => `${c.op}:${c.key}`).sort()).toEqual([`delete:${gone}`, `update:${changed}`].sort());
      // Several more comparisons find nothing to send.
      await new Promise((r) => setTimeout(r, 1000));
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
