/**
 * Front-end exchange node benchmark (issue 7): a real listening platform and `govshare agent run`
 * as a child process, as a department runs it next to its database.
 *
 *   npm run bench -- agent [--dialect sqlite|postgres] [--rows 1000000] [--sources postgres,mysql]
 *     [--batch 5000] [--samples 50] [--interval 0.5]
 *
 * 1. Initial sync: `--rows` rows of a people table (seven items: resident ID, name with Chinese
 *    and emoji, date, status, decimal, date-time, boolean; an indexed updated_at column) in each
 *    department database of `--sources` (PostgreSQL and MariaDB on this machine), sent by the
 *    agent in updated-at mode, `--batch` rows a batch, until the platform's change log holds every
 *    row. rows/s from the agent's start to the last row's change; the agent's peak RSS.
 * 2. Change to visible: a provider node (PostgreSQL source, `--interval` s poll) and a subscriber
 *    node (MariaDB local table, long poll) both running; `--samples` times a random row's status
 *    is updated in the department's database and the time until the subscriber's local table
 *    shows it is measured (polled every 10 ms): p50 and p95.
 *
 * Department databases: GOVSHARE_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres,
 * GOVSHARE_TEST_MARIADB or mysql://root@127.0.0.1:3306 (scratch schema / database, dropped).
 */
import { readFileSync } from 'node:fs';
import type { BenchOptions } from './index.js';

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] ?? 0;

/** Peak resident memory of a process, in MiB (Linux). */
function peakRssMb(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

export async function run(options: BenchOptions): Promise<void> {
  const rows = Number(option(options.args, 'rows', '1000000'));
  const sources = option(options.args, 'sources', 'postgres,mysql').split(',') as Array<'postgres' | 'mysql'>;
  const batch = Number(option(options.args, 'batch', '5000'));
  const samples = Number(option(options.args, 'samples', '50'));
  const interval = Number(option(options.args, 'interval', '0.5'));
  if (options.dialect === 'postgres') {
    const url =
      process.env.GOVSHARE_BENCH_DATABASE_URL ||
      process.env.GOVSHARE_TEST_DATABASE_URL ||
      process.env.DATABASE_URL;
    if (!url) throw new Error('set GOVSHARE_BENCH_DATABASE_URL to a PostgreSQL database');
    process.env.GOVSHARE_TEST_DATABASE_URL = url;
  }
  const { startAgentWorld, until } = await import('../src/agent/test-support/world.js');
  const { DepartmentDb, PEOPLE_ITEMS, people } = await import('../src/agent/test-support/department.js');
  const { spawnAgent } = await import('../src/agent/test-support/process.js');
  const { scratchMariadb } = await import('../src/agent/test-support/databases.js');

  const world = await startAgentWorld(options.dialect);
  const result: Record<string, unknown> = { bench: 'agent', dialect: options.dialect, rows, batch };
  const lastSeq = async (entryId: string) => (await world.x.hosted(entryId)).lastSeq;
  try {
    // 1. Initial sync from each department database.
    for (const kind of sources) {
      const db = await DepartmentDb.open(kind);
      try {
        await db.createPeople('people', { updatedAt: true });
        const filling = Date.now();
        for (let from = 0; from < rows; from += 20_000)
          await db.insert(people(Math.min(20_000, rows - from), from));
        console.log(
          `${kind}: ${rows.toLocaleString('en')} rows written in ${((Date.now() - filling) / 1000).toFixed(1)} s`,
        );
        const entryId = await world.x.publishAndHost();
        const file = world.writeConfig(
          `${kind}.yaml`,
          `node: { name: bench-${kind}, stateDir: ${world.dir}/${kind}-state }
platform: { url: "${world.url}", clientId: ${world.provider.clientId}, clientSecret: "\${SECRET}" }
databases:
${db.yaml()}
outbound:
  - name: people
    entryId: ${entryId}
    database: dept
    table: people
    items:${PEOPLE_ITEMS}
    sync: { updatedAt: updated_at, intervalSeconds: 1, compareMinutes: 0 }
    batchSize: ${batch}
`,
        );
        const started = Date.now();
        const agent = spawnAgent(
          ['run', '--config', file],
          { SECRET: world.provider.secret },
          `${world.dir}/${kind}.log`,
        );
        let peak: number | null = null;
        let reported = 0;
        await until(
          'the initial sync',
          async () => {
            peak = Math.max(peak ?? 0, peakRssMb(agent.child.pid) ?? 0);
            const done = await lastSeq(entryId);
            if (Date.now() - reported > 10_000) {
              reported = Date.now();
              const s = (Date.now() - started) / 1000;
              console.log(
                `  ${kind}: ${done.toLocaleString('en')} rows in ${s.toFixed(0)} s (${Math.round(done / s)} rows/s)`,
              );
            }
            return done >= rows;
          },
          3_600_000,
        );
        const seconds = (Date.now() - started) / 1000;
        agent.child.kill('SIGTERM');
        await agent.exited;
        const rate = Math.round(rows / seconds);
        const name = kind === 'mysql' ? 'mariadb' : kind;
        console.log(
          `${name}: initial sync of ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s = ${rate.toLocaleString('en')} rows/s, agent peak RSS ${peak} MiB`,
        );
        result[`${name}RowsPerSec`] = rate;
        result[`${name}Seconds`] = Math.round(seconds * 10) / 10;
        result[`${name}AgentPeakRssMb`] = peak;
      } finally {
        await db.drop();
      }
    }

    // 2. Change to visible: PostgreSQL department → platform → MariaDB subscriber.
    const source = await DepartmentDb.open('postgres');
    const local = await scratchMariadb();
    try {
      await source.createPeople('people', { updatedAt: true });
      const population = people(1000, 2_000_000);
      await source.insert(population);
      const entryId = await world.x.publishAndHost();
      await world.x.grant(world.x.items, ['subscription'], {
        entryId,
        clearItems: ['公民身份号码', '姓名', '出生日期'],
      });
      const out = world.writeConfig(
        'latency-out.yaml',
        `node: { name: bench-provider, stateDir: ${world.dir}/latency-out }
platform: { url: "${world.url}", clientId: ${world.provider.clientId}, clientSecret: "\${SECRET}" }
databases:
${source.yaml()}
outbound:
  - name: people
    entryId: ${entryId}
    database: dept
    table: people
    items:${PEOPLE_ITEMS}
    sync: { updatedAt: updated_at, intervalSeconds: ${interval} }
`,
      );
      const inbound = world.writeConfig(
        'latency-in.yaml',
        `node: { name: bench-subscriber, stateDir: ${world.dir}/latency-in }
platform: { url: "${world.url}", clientId: ${world.consumer.clientId}, clientSecret: "\${SECRET}" }
databases:
  local: { type: mysql, url: "${local.url}" }
inbound:
  - name: people_copy
    entryId: ${entryId}
    purpose: data_verification
    database: local
    table: people_copy
    items:${PEOPLE_ITEMS}
    waitSeconds: 20
`,
      );
      const provider = spawnAgent(
        ['run', '--config', out],
        { SECRET: world.provider.secret },
        `${world.dir}/latency-out.log`,
      );
      const subscriber = spawnAgent(
        ['run', '--config', inbound],
        { SECRET: world.consumer.secret },
        `${world.dir}/latency-in.log`,
      );
      await until(
        'the subscriber’s first copy',
        async () => {
          const [row] = (await local
            .exec('SELECT count(*) AS n FROM people_copy')
            .catch(() => [{ n: 0 }])) as Array<{ n: number }>;
          return Number(row?.n) === population.length;
        },
        300_000,
      );
      const latencies: number[] = [];
      for (let i = 0; i < samples; i++) {
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
        const person = population[Math.floor(Math.random() * population.length)];
        const marker = `S${i}`;
        await source.update([person?.id_number as string], 'status', marker);
        const changed = performance.now();
        for (;;) {
          const found = (await local.exec('SELECT status FROM people_copy WHERE gs_key = ?', [
            person?.id_number,
          ])) as Array<{
            status: string;
          }>;
          if (found[0]?.status === marker) break;
          if (performance.now() - changed > 60_000) throw new Error(`sample ${i} never arrived`);
          await new Promise((r) => setTimeout(r, 10));
        }
        latencies.push(performance.now() - changed);
      }
      provider.child.kill('SIGTERM');
      subscriber.child.kill('SIGTERM');
      await Promise.all([provider.exited, subscriber.exited]);
      const sorted = latencies.sort((a, b) => a - b);
      result.changeToVisibleP50Ms = Math.round(quantile(sorted, 0.5));
      result.changeToVisibleP95Ms = Math.round(quantile(sorted, 0.95));
      result.changeToVisibleMaxMs = Math.round(sorted.at(-1) ?? 0);
      result.samples = samples;
      result.pollIntervalSeconds = interval;
      console.log(
        `change to visible (PostgreSQL → platform → MariaDB, poll ${interval} s): p50 ${result.changeToVisibleP50Ms} ms, p95 ${result.changeToVisibleP95Ms} ms, max ${result.changeToVisibleMaxMs} ms over ${samples} changes`,
      );
    } finally {
      await source.drop();
      await local.drop();
    }
  } finally {
    await world.close();
  }
  console.log(JSON.stringify(result));
}
