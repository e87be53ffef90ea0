import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEPARTMENT_KINDS,
  DepartmentDb,
  expectedRecord,
  type Person,
  people,
  populationMapping,
} from './test-support/department.js';
import { type AgentProcess, spawnAgent } from './test-support/process.js';
import { type AgentWorld, agentHead, startAgentWorld, until } from './test-support/world.js';

const ROWS = 1500;

/**
 * The acceptance test of issue 7: the agent is killed with SIGKILL at random points of a sync —
 * including right after the platform acknowledged a batch and before the agent recorded it — and
 * restarted, many times; the platform's copy ends identical to the source, with exactly one change
 * event per insert, update and delete, and no gap in the change log.
 */
describe.each(DEPARTMENT_KINDS)('R45 agent killed at random points, department database %s', (kind) => {
  let world: AgentWorld;
  let db: DepartmentDb;
  let file: string;
  let logFile: string;
  let kills = 0;
  /** Kills by the agent itself right after an acknowledged batch: its next run re-sends that batch. */
  let afterAck = 0;

  beforeAll(async () => {
    world = await startAgentWorld('sqlite');
    db = await DepartmentDb.open(kind);
    await db.createPeople('people', { updatedAt: true });
    file = world.writeConfig(
      'crash.yaml',
      `${agentHead(world, 'crash-test', 'state', { logLevel: 'debug' })}databases:
${db.yaml()}
outbound:
${populationMapping(
  world.x.entryId,
  '{ updatedAt: updated_at, intervalSeconds: 0.1, compareMinutes: 0.02 }',
  '    batchSize: 50\n',
)}`,
    );
    logFile = `${world.dir}/agent.log`;
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
    await world?.close();
  });

  const changeCount = async () => (await world.changes()).length;

  /**
   * Runs the agent, killing it again and again until the change log holds `total` changes: half
   * of the kills land at a random moment after some progress, the others come from the agent
   * itself right after an acknowledged batch (GOVSHARE_AGENT_CRASH_AFTER_ACK).
   */
  async function syncThroughKills(total: number, minimumKills: number): Promise<void> {
    let round = 0;
    while ((await changeCount()) < total || round < minimumKills) {
      round += 1;
      const crashAfterAck = round % 2 === 0 ? '0.25' : '0';
      const agent: AgentProcess = spawnAgent(
        ['run', '--config', file],
        { SECRET: world.provider.secret, GOVSHARE_AGENT_CRASH_AFTER_ACK: crashAfterAck },
        logFile,
      );
      const before = await changeCount();
      // Odd rounds: pulled at a random point after some progress. Even rounds: the agent kills
      // itself after an acknowledged batch; pulled only if it got to the end first.
      const target = crashAfterAck === '0' ? before + 1 + Math.floor(Math.random() * 300) : total;
      const outcome = await Promise.race([
        agent.exited.then(() => 'exited' as const),
        until('progress', async () => (await changeCount()) >= Math.min(target, total), 60_000).then(
          () => 'progress' as const,
        ),
      ]);
      if (outcome === 'exited') afterAck += 1;
      if (outcome === 'progress') {
        // Let it run a random few milliseconds more, then pull the plug.
        await new Promise((r) => setTimeout(r, Math.random() * 150));
        agent.child.kill('SIGKILL');
      }
      const end = await agent.exited;
      if (end.signal === 'SIGKILL') kills += 1;
      else
        throw new Error(
          `agent exited on its own: ${JSON.stringify(end)}\n${readFileSync(logFile, 'utf8').slice(-3000)}`,
        );
      if (round > 200) throw new Error('no convergence after 200 rounds');
    }
  }

  /** A last clean run: starts, catches up, and stops on SIGTERM with exit code 0. */
  async function finishCleanly(total: number): Promise<void> {
    const started = readFileSync(logFile, 'utf8').split('node started').length;
    const agent = spawnAgent(['run', '--config', file], { SECRET: world.provider.secret }, logFile);
    await until(
      'the node to start',
      () => readFileSync(logFile, 'utf8').split('node started').length > started,
      30_000,
    );
    await until('the last changes', async () => (await changeCount()) >= total, 60_000);
    await new Promise((r) => setTimeout(r, 2500));
    agent.child.kill('SIGTERM');
    expect(await agent.exited).toEqual({ code: 0, signal: null });
  }

  async function checkLog(expectedOps: Map<string, string[]>, source: Person[]) {
    const changes = await world.changes();
    expect(changes.map((c) => c.seq)).toEqual(changes.map((_, i) => i + 1));
    const byKey = new Map<string, string[]>();
    for (const c of changes) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c.op]);
    expect(byKey).toEqual(expectedOps);
    expect(await world.platformRows()).toEqual(new Map(source.map((p) => [p.id_number, expectedRecord(p)])));
  }

  it('initial sync, updates and deletes converge with no duplicate change and no gap', async () => {
    let source = people(ROWS);
    await db.insert(source);
    await syncThroughKills(ROWS, 8);
    await finishCleanly(ROWS);
    const ops = new Map(source.map((p) => [p.id_number, ['insert']]));
    await checkLog(ops, source);

    const updated = source.filter((_, i) => i % 5 === 0).map((p) => p.id_number);
    await db.update(updated, 'status', '已更新');
    source = source.map((p) => (updated.includes(p.id_number) ? { ...p, status: '已更新' } : p));
    for (const key of updated) ops.get(key)?.push('update');
    await syncThroughKills(ROWS + updated.length, 5);

    const deleted = source.filter((_, i) => i % 30 === 1).map((p) => p.id_number);
    await db.remove(deleted);
    source = source.filter((p) => !deleted.includes(p.id_number));
    for (const key of deleted) ops.get(key)?.push('delete');
    await syncThroughKills(ROWS + updated.length + deleted.length, 3);
    await finishCleanly(ROWS + updated.length + deleted.length);
    await checkLog(ops, source);
    expect(kills).toBeGreaterThanOrEqual(16);
    expect(afterAck).toBeGreaterThanOrEqual(1);
  }, 600_000);
});
