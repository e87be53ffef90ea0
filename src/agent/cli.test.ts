import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from './config/load.js';
import { WITH_MARIADB, WITH_PG } from './test-support/databases.js';
import { DepartmentDb, people, populationMapping } from './test-support/department.js';
import { runAgentCommand, spawnAgent } from './test-support/process.js';
import { type AgentWorld, agentHead, startAgentWorld, until } from './test-support/world.js';

const KIND = WITH_PG ? 'postgres' : WITH_MARIADB ? 'mysql' : undefined;

describe('R45 govshare agent init', () => {
  it('prints a documented sample that is a valid configuration, and writes it without overwriting', async () => {
    const printed = await runAgentCommand(['init'], {});
    expect(printed.code).toBe(0);
    expect(printed.output).toContain('# govshare 前置机');
    const dir = mkdtempSync(join(tmpdir(), 'govshare-init-'));
    try {
      const written = await runAgentCommand(['init', '-o', join(dir, 'agent.yaml')], {});
      expect(written.code).toBe(0);
      expect(readFileSync(join(dir, 'agent.yaml'), 'utf8')).toBe(printed.output);
      const again = await runAgentCommand(['init', '-o', join(dir, 'agent.yaml')], {});
      expect(again.code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(() =>
      parseConfig('agent.yaml', printed.output, {
        GOVSHARE_CLIENT_ID: 'a',
        GOVSHARE_CLIENT_SECRET: 'b',
        HUKOU_DB_PASSWORD: 'c',
        SOCIAL_DB_PASSWORD: 'd',
      }),
    ).not.toThrow();
  });
});

describe.runIf(KIND)('R45 govshare agent check and run', () => {
  let world: AgentWorld;
  let db: DepartmentDb;
  const env = () => ({ SECRET: world.provider.secret, CONSUMER_SECRET: world.consumer.secret });

  const good = () => `${agentHead(world, '检查测试', 'check-state')}databases:
${db.yaml()}
  local:
    type: sqlite
    path: ${world.dir}/local.db
outbound:
${populationMapping(world.x.entryId, '{ updatedAt: updated_at, intervalSeconds: 0.1 }', '    batchSize: 50\n')}`;

  beforeAll(async () => {
    world = await startAgentWorld('sqlite');
    db = await DepartmentDb.open(KIND as 'postgres' | 'mysql');
    await db.createPeople('people', { updatedAt: true });
    await db.insert(people(2000));
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
    await world?.close();
  });

  it('check passes on a good configuration and writes nothing', async () => {
    const file = world.writeConfig('good.yaml', good());
    const res = await runAgentCommand(['check', '--config', file], env());
    expect(res.output).toContain('✓ platform');
    expect(res.output).toContain('✓ database dept');
    expect(res.output).toContain('✓ outbound population');
    expect(res.output).toContain('检查通过 / all checks passed');
    expect(res.code).toBe(0);
    expect(existsSync(`${world.dir}/check-state`)).toBe(false);
    expect(await world.changes()).toEqual([]);
    const nodes = await world.x.w.police.request('GET', '/api/v1/exchange/nodes');
    expect(nodes.body.items).toEqual([]);
  });

  it('check names the line of each mapping problem and exits 2', async () => {
    const text = good()
      .replace('      是否有效: valid', '      是否有效: valid\n      户籍地址: address')
      .replace('      姓名: full_name', '      姓名: fullname')
      .concat(`inbound:
  - name: copy
    entryId: ${world.x.entryId}
    purpose: data_verification
    database: local
    table: copy
`)
      .replace(`clientId: ${world.provider.clientId}`, `clientId: ${world.provider.clientId}`);
    const file = world.writeConfig('bad.yaml', text);
    const line = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const res = await runAgentCommand(['check', '--config', file], env());
    expect(res.code).toBe(2);
    expect(res.output).toContain(
      `✗ outbound population: ${file}:${line('户籍地址')}:7: 信息项“户籍地址”不在资源`,
    );
    expect(res.output).toContain(
      `✗ outbound population: ${file}:${line('姓名: fullname')}:7: 表 people 没有列 fullname`,
    );
    // The provider's client holds no subscription grant of its own resource.
    expect(res.output).toMatch(/✗ inbound copy: .*无订阅授权 \/ no subscription grant: GRANT_MISSING/);
    expect(existsSync(`${world.dir}/local.db`)).toBe(false);
  });

  it('run refuses an invalid configuration with every problem and exit code 2', async () => {
    const text = good().replace('batchSize: 50', 'batchSize: lots');
    const file = world.writeConfig('invalid.yaml', text);
    const res = await runAgentCommand(['run', '--config', file], env());
    expect(res.code).toBe(2);
    const line = text.split('\n').findIndex((l) => l.includes('batchSize: lots')) + 1;
    expect(res.output).toContain(`${file}:${line}:16: outbound[0].batchSize 应为 1–5000 之间的整数`);
  });

  it('run refuses a second node on the same state directory', async () => {
    const other = await world.x.publishAndHost();
    const file = world.writeConfig(
      'twice.yaml',
      good()
        .replace('check-state', 'twice-state')
        .replace(`entryId: ${world.x.entryId}`, `entryId: ${other}`),
    );
    const log = `${world.dir}/twice.log`;
    const first = spawnAgent(['run', '--config', file], env(), log);
    await until(
      'the first node',
      () => existsSync(log) && readFileSync(log, 'utf8').includes('node started'),
      30_000,
    );
    const second = await runAgentCommand(['run', '--config', file], env());
    expect(second.code).toBe(1);
    expect(second.output).toContain(`另一个前置机进程（${first.child.pid}）正在使用状态目录`);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
  });

  it('run stops on SIGTERM after the batch in hand (exit 0) and resumes where it stopped', async () => {
    const file = world.writeConfig(
      'run.yaml',
      good().replace('check-state', 'run-state').replace('batchSize: 50', 'batchSize: 5'),
    );
    const log = `${world.dir}/run.log`;
    const first = spawnAgent(['run', '--config', file], env(), log);
    await until(
      'the node',
      () => existsSync(log) && readFileSync(log, 'utf8').includes('node started'),
      30_000,
    );
    await until('some progress', async () => (await world.changes()).length >= 300, 30_000);
    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    const output = readFileSync(log, 'utf8');
    expect(output).toContain('正在停止：完成当前批次 / stopping: finishing the batches in hand');
    expect(output).toMatch(/"clean":true/);
    const stoppedAt = (await world.changes()).length;
    expect(stoppedAt).toBeLessThan(2000);

    const second = spawnAgent(['run', '--config', file], env(), log);
    await until('the rest', async () => (await world.changes()).length >= 2000, 60_000);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    const changes = await world.changes();
    expect(changes).toHaveLength(2000);
    expect(new Set(changes.map((c) => c.key)).size).toBe(2000);
  }, 120_000);
});
