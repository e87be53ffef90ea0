/**
 * Supervision indicators benchmark (issue 17): the daily indicators job (`IndicatorService.compute`)
 * run for every day of a year of activity at the demo's scale × `--scale` (default 100), against a
 * baseline measured in the same run: plain SELECTs streaming, for each day, the rows the job's
 * figures are drawn from (that day's access entries, decisions, supplies, the obligations due, the
 * entries kept, the departments), nothing computed or written.
 *
 *   npm run bench -- indicators [--dialect sqlite|postgres] [--scale 100] [--days 365]
 *
 * The demo has 13 departments and 20 catalog entries; a year of its activity is taken as, per
 * demo department, 4 applications a week answered, 2 supplies a week, an update obligation a
 * quarter and 16 reads a working day. × 100: 1,300 departments, 2,000 entries, 270,400
 * applications, 135,200 supplies, 5,200 obligations and 5,200,000 access entries over the year.
 * The rows are copies of rows the platform itself wrote in the run (an application answered, a
 * grant supplied, an obligation, a read), spread over the year, so every column is as the job
 * finds it in production.
 */
import { type Kysely, sql } from 'kysely';
import { benchDatabaseFromEnv } from './gateway.js';
import type { BenchOptions } from './index.js';

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
}

const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;
const DAY_MS = 86_400_000;
/** The year of activity (China days) and the instant the job runs after it. */
const YEAR = '2025';
const AFTER_YEAR = '2026-01-02T02:00:00Z';

type Row = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: the bench copies rows of any table as they were read.
type AnyDb = Kysely<any>;

/** Inserts copies of `template` in chunks, each changed by `vary` (ids, owners, times). */
async function copies(db: AnyDb, table: string, template: Row, count: number, vary: (i: number) => Row) {
  const columns = Object.keys(template).length;
  const chunk = Math.max(1, Math.floor(30_000 / columns));
  for (let from = 0; from < count; from += chunk) {
    const rows: Row[] = [];
    for (let i = from; i < Math.min(count, from + chunk); i++) rows.push({ ...template, ...vary(i) });
    await db.insertInto(table).values(rows).execute();
  }
}

/** The China day `n` days into the year, and an instant within it (`hour` China time). */
const dayOf = (n: number): string =>
  new Date(Date.parse(`${YEAR}-01-01T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const instant = (day: string, hour: number, minute = 0): string =>
  new Date(Date.parse(`${day}T00:00:00+08:00`) + hour * 3_600_000 + minute * 60_000).toISOString();
const isWeekday = (day: string): boolean => {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d !== 0 && d !== 6;
};

export async function run(options: BenchOptions): Promise<void> {
  const scale = Number(option(options.args, 'scale', '100'));
  const days = Number(option(options.args, 'days', '365'));
  benchDatabaseFromEnv(options.dialect);
  const { startExchangeWorld } = await import('../src/exchange/test-support/index.js');
  const {
    applicationBody,
    API: SHARING_API,
    threeItemContent,
  } = await import('../src/sharing/test-support/index.js');
  const x = await startExchangeWorld(options.dialect, { start: `${YEAR}-01-02T02:00:00Z` });
  try {
    const db = x.platform.storage.db as unknown as AnyDb;
    const { w } = x;
    const step = async (client: typeof w.police, url: string, body: unknown = {}, headers = {}) => {
      const res = await client.request('POST', url, body, headers);
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    // One of each row the job reads, written by the platform itself.
    const entry = await w.publish(threeItemContent());
    const application = await step(w.hrss, `${SHARING_API}/applications`, applicationBody(entry));
    await step(w.police, `${SHARING_API}/applications/${application.id}/approve`, {});
    await x.grant(undefined, ['online_query'], { validFrom: `${YEAR}-01-02` });
    await step(
      w.hrss,
      `/api/v1/exchange/resources/${x.entryId}/query`,
      { keys: [x.records[0]?.['公民身份号码']] },
      { 'x-govshare-purpose': 'data_verification' },
    );
    await step(w.authority, '/api/v1/catalog/obligations', {
      departmentId: w.departments.police,
      cause: 'law_change',
      description: '《户口登记条例》修订',
    });
    const one = async (table: string, where: [string, unknown][] = []) => {
      let q = db.selectFrom(table).selectAll();
      for (const [column, value] of where) q = q.where(column, '=', value);
      const row = (await q.limit(1).executeTakeFirst()) as Row | undefined;
      if (!row) throw new Error(`no ${table} row to copy`);
      return row;
    };
    const templates = {
      department: await one('department', [['id', w.departments.police]]),
      entry: await one('catalog_entry', [['id', entry]]),
      application: await one('sharing_application', [['id', application.id]]),
      grant: await one('sharing_grant'),
      obligation: await one('catalog_obligation'),
      access: await one('audit_entry', [
        ['category', 'access'],
        ['outcome', 'success'],
      ]),
    };

    const started = process.hrtime.bigint();
    const departments = 13 * scale;
    const ids: string[] = [];
    await copies(db, 'department', templates.department, departments, (i) => {
      const id = `bench-dept-${i}`;
      ids.push(id);
      return {
        id,
        name: `基准部门${i}`,
        short_name: `部门${i}`,
        uscc: `BENCH${String(i).padStart(13, '0')}`,
      };
    });
    const dept = (i: number) => ids[i % ids.length] as string;
    await copies(db, 'catalog_entry', templates.entry, 20 * scale, (i) => ({
      id: `bench-entry-${i}`,
      code: `BENCH-${i}`,
      provider_department_id: dept(i * 7),
      created_at: instant(dayOf(i % days), 10),
    }));
    const weeks = Math.ceil(days / 7);
    const applications = 4 * 13 * scale * weeks;
    await copies(db, 'sharing_application', templates.application, applications, (i) => {
      const day = dayOf(Math.floor((i / applications) * days));
      const late = i % 10 === 0;
      return {
        id: `bench-app-${i}`,
        number: `BENCH-${i}`,
        provider_department_id: dept(i),
        status: i % 7 === 0 ? 'refused' : 'approved',
        decided_at: instant(day, 10, i % 60),
        decided_late: late ? 1 : 0,
        overdue_at: late ? instant(day, 9) : null,
      };
    });
    const supplies = 2 * 13 * scale * weeks;
    await copies(db, 'sharing_grant', templates.grant, supplies, (i) => {
      const day = dayOf(Math.floor((i / supplies) * days));
      return {
        id: `bench-grant-${i}`,
        provider_department_id: dept(i * 3),
        supply_required: 1,
        supplied_at: instant(day, 15, i % 60),
        supply_overdue: i % 8 === 0 ? 1 : 0,
        supply_overdue_at: i % 8 === 0 ? instant(day, 9) : null,
      };
    });
    const obligations = 4 * 13 * scale;
    await copies(db, 'catalog_obligation', templates.obligation, obligations, (i) => {
      const due = dayOf(Math.floor((i / obligations) * days));
      return {
        id: `bench-obligation-${i}`,
        department_id: dept(i * 5),
        due_date: due,
        recorded_at: instant(dayOf(Math.max(0, Math.floor((i / obligations) * days) - 20)), 9),
        status: i % 5 === 0 ? 'open' : 'fulfilled',
        fulfilled_at: i % 5 === 0 ? null : instant(due, i % 3 === 0 ? 40 : 11),
      };
    });
    const workdays = Array.from({ length: days }, (_, n) => dayOf(n)).filter(isWeekday);
    const readsPerDay = 16 * 13 * scale;
    let reads = 0;
    for (const day of workdays) {
      const month = Number(day.slice(0, 7).replace('-', ''));
      await copies(db, 'audit_entry', templates.access, readsPerDay, (i) => {
        reads++;
        return {
          // Below the chain's own numbers, which go on from where the platform left them.
          seq: -reads,
          id: `bench-read-${reads}`,
          at: instant(day, 9 + (i % 8), i % 60),
          month,
          department_id: dept(i),
          method: i % 10 === 0 ? 'batch_download' : 'online_query',
          result_count: 1 + (i % 5),
        };
      });
    }
    console.log(
      `${days} days at the demo × ${scale}: ${departments} departments, ${20 * scale} entries, ${applications} applications, ${supplies} supplies, ${obligations} obligations, ${reads} access entries; written in ${seconds(started).toFixed(1)} s`,
    );

    // Baseline: for each day, the rows the figures are drawn from, streamed by plain SELECTs.
    const plain = async (): Promise<{ seconds: number; rows: number }> => {
      const from = process.hrtime.bigint();
      let rows = 0;
      for (let n = 0; n < days; n++) {
        const day = dayOf(n);
        const start = instant(day, 0);
        const end = instant(day, 24);
        const month = Number(day.slice(0, 7).replace('-', ''));
        const read = async (query: { execute(): Promise<unknown[]> }) => {
          rows += (await query.execute()).length;
        };
        await read(
          db
            .selectFrom('audit_entry')
            .selectAll()
            .where('category', '=', 'access')
            .where('month', '=', month)
            .where('at', '>=', start)
            .where('at', '<', end),
        );
        await read(
          db
            .selectFrom('sharing_application')
            .selectAll()
            .where('decided_at', '>=', start)
            .where('decided_at', '<', end),
        );
        await read(
          db
            .selectFrom('sharing_grant')
            .selectAll()
            .where('supplied_at', '>=', start)
            .where('supplied_at', '<', end),
        );
        await read(db.selectFrom('catalog_obligation').selectAll().where('due_date', '<=', day));
        await read(
          db
            .selectFrom('catalog_entry')
            .select(['id', 'provider_department_id', 'status'])
            .where('created_at', '<', end),
        );
        await read(db.selectFrom('department').selectAll());
      }
      return { seconds: seconds(from), rows };
    };
    await plain();
    const baseline = await plain();

    x.clock.set(new Date(AFTER_YEAR));
    const supervision = (
      x.platform.services as unknown as {
        supervision: import('../src/supervision/index.js').SupervisionServices;
      }
    ).supervision;
    const perDay: number[] = [];
    let values = 0;
    const jobStarted = process.hrtime.bigint();
    for (let n = 0; n < days; n++) {
      const at = process.hrtime.bigint();
      values += (await supervision.indicators.compute(dayOf(n))).values;
      perDay.push(seconds(at));
    }
    const jobSeconds = seconds(jobStarted);
    const sorted = [...perDay].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length * 0.5)] ?? 0;
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    const ratio = baseline.seconds / jobSeconds;
    console.log(
      `baseline: ${baseline.rows} source rows streamed in ${baseline.seconds.toFixed(1)} s; indicators job: ${days} days, ${values} values stored in ${jobSeconds.toFixed(1)} s (p50 ${(p50 * 1000).toFixed(0)} ms, p95 ${(p95 * 1000).toFixed(0)} ms a day) = ${ratio.toFixed(2)} of the baseline`,
    );
    const stored = await sql<{ n: number }>`select count(*) as n from supervision_indicator_day`.execute(db);
    console.log(
      JSON.stringify({
        bench: 'indicators',
        dialect: options.dialect,
        scale,
        days,
        departments,
        accessEntries: reads,
        applications,
        baselineSeconds: Number(baseline.seconds.toFixed(2)),
        jobSeconds: Number(jobSeconds.toFixed(2)),
        dayP50Ms: Math.round(p50 * 1000),
        dayP95Ms: Math.round(p95 * 1000),
        ratio: Number(ratio.toFixed(2)),
        storedValues: Number(stored.rows[0]?.n ?? 0),
      }),
    );
  } finally {
    await x.close();
  }
}
