/**
 * Catalog search benchmark: query latency over a generated catalog of realistic Chinese entries
 * (names, summaries, keywords, information items of a dozen jurisdictions' departments), loaded
 * directly through the index's bulk path, searched by readers with their visibility filter, with
 * and without facet filters. The baseline, measured in the same run on the same table, is what
 * finding the same words costs without the index: counting the entries whose name, summary or items
 * contain them with a plain `LIKE '%…%'` scan.
 *
 *   npm run bench -- search [--dialect sqlite|postgres] [--entries 100000] [--queries 600]
 *
 * PostgreSQL: GOVSHARE_BENCH_DATABASE_URL (or DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres);
 * a scratch schema is created and dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import {
  CatalogSearchIndex,
  type CatalogSearchTables,
  catalogSearchMigrations,
} from '../src/catalog/search/index.js';
import { CatalogSearch, type SearchParams } from '../src/catalog/search/query.js';
import {
  type GeneratedProvider,
  generateCatalog,
  generatedProviders,
  searchDocumentOf,
} from '../src/catalog/search/test-support/index.js';
import type { Actor } from '../src/org/actor.js';
import { openStorage, type Storage } from '../src/platform/db/index.js';
import { migrateToLatest } from '../src/platform/db/migrations.js';
import type { BenchOptions } from './index.js';

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

async function open(
  dialect: BenchOptions['dialect'],
): Promise<{ storage: Storage<CatalogSearchTables>; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'govshare-bench-search-'));
    const storage = await openStorage<CatalogSearchTables>({ sqlitePath: join(dir, 'bench.db') });
    return { storage, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url =
    process.env.GOVSHARE_BENCH_DATABASE_URL ||
    process.env.DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres';
  const pgSchema = `bench_search_${process.pid}`;
  const storage = await openStorage<CatalogSearchTables>({ databaseUrl: url, pgSchema, pgPoolSize: 2 });
  return {
    storage,
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${pgSchema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

const reader = (
  role: Actor['roles'][number],
  provider: GeneratedProvider,
  path = provider.jurisdictionPath,
): Actor => ({
  kind: 'user',
  id: `bench-${role}`,
  name: `bench-${role}`,
  departmentId: provider.key,
  jurisdictionPath: path,
  roles: [role],
});

/** The query mix: the words the issue names, a provider, several words, filters, paging, typing. */
function queryMix(
  providers: GeneratedProvider[],
): { reader: Actor; params: Omit<SearchParams, 'page' | 'pageSize'> & { page?: number } }[] {
  const [police, market] = [providers[0], providers[1]] as [GeneratedProvider, GeneratedProvider];
  const deptUser = reader('dept_user', police);
  const resourceAdmin = reader('resource_admin', market);
  const authority = reader('authority', police, '/410000/411300/');
  return [
    { reader: deptUser, params: { q: '证照' } },
    { reader: deptUser, params: { q: '户籍' } },
    { reader: resourceAdmin, params: { q: '统一社会信用代码' } },
    { reader: deptUser, params: { q: market.name } },
    { reader: deptUser, params: { q: '户籍 迁移 登记' } },
    { reader: authority, params: { q: '电子证照', catalogClass: 'base' } },
    { reader: deptUser, params: { q: '公积金', updateCycle: 'daily' } },
    { reader: authority, params: { q: '社会保险 参保', shareType: 'unconditional' } },
    { reader: resourceAdmin, params: { q: '营业执照', providerDepartmentId: market.key } },
    { reader: deptUser, params: { q: '不动产登记', openToPublic: true } },
    { reader: deptUser, params: { q: '信用', page: 3 } },
    { reader: deptUser, params: { q: '疫苗接' } },
    { reader: resourceAdmin, params: { q: '登记' } },
    { reader: deptUser, params: { area: 'population' } },
    { reader: authority, params: {} },
  ];
}

function percentile(sorted: number[], p: number): number {
  const at = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, at)] ?? Number.NaN;
}

async function timed(count: number, step: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await step(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

const round = (ms: number) => Math.round(ms * 100) / 100;

export async function run(options: BenchOptions): Promise<void> {
  const entries = option(options.args, 'entries', 100_000);
  const queries = option(options.args, 'queries', 600);
  const { storage, drop } = await open(options.dialect);
  try {
    const db = storage.db;
    await migrateToLatest(db, storage.dialect, catalogSearchMigrations);
    const index = new CatalogSearchIndex();
    const loadStart = Date.now();
    let n = 0;
    const docs = (function* () {
      for (const entry of generateCatalog(entries)) yield searchDocumentOf(entry, n++);
    })();
    await db.transaction().execute((trx) => index.bulkLoad(trx, docs));
    // A running instance's autovacuum clears the row versions the bulk load left behind (on
    // PostgreSQL the vector trigger writes each document row twice); measure that state.
    await (storage.dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db);
    // A running instance's WAL is checkpointed as it goes; measure that state, not one 200 MB WAL.
    if (storage.dialect === 'sqlite') await sql`pragma wal_checkpoint(truncate)`.execute(db);
    const loadSeconds = (Date.now() - loadStart) / 1000;
    console.log(
      `loaded ${entries} entries in ${loadSeconds.toFixed(1)} s (${Math.round(entries / loadSeconds)} /s)`,
    );

    const search = new CatalogSearch({ db });
    const mix = queryMix(generatedProviders());
    const runQuery = (i: number) => {
      const { reader, params } = mix[i % mix.length] as (typeof mix)[number];
      return search.search(reader, { page: 1, pageSize: 20, ...params });
    };
    await timed(Math.min(queries, 100), runQuery);
    for (const [i, { params }] of mix.entries()) {
      const result = await runQuery(i);
      const each = await timed(5, () => runQuery(i));
      console.log(
        `  ${JSON.stringify(params)} → ${result.total} hits, median ${round(percentile(each, 50))} ms`,
      );
    }
    const times = await timed(queries, runQuery);

    // Baseline on the same rows: the same words found by scanning the text, without the index.
    const words = ['证照', '户籍', '统一社会信用代码', '公积金', '营业执照'];
    const like = (i: number) => {
      const pattern = `%${words[i % words.length]}%`;
      return db
        .selectFrom('catalog_search_text')
        .select((eb) => eb.fn.countAll().as('n'))
        .where((eb) =>
          eb.or([eb('name', 'like', pattern), eb('summary', 'like', pattern), eb('items', 'like', pattern)]),
        )
        .execute();
    };
    const likeTimes = await timed(Math.max(20, Math.round(queries / 10)), like);
    const pkTimes = await timed(queries, (i) =>
      db
        .selectFrom('catalog_search_doc')
        .selectAll()
        .where('entry_id', '=', `bench-${(i * 7919) % entries}`)
        .execute(),
    );

    const p50 = percentile(times, 50);
    const likeP50 = percentile(likeTimes, 50);
    const figures = {
      bench: 'search',
      dialect: options.dialect,
      entries,
      queries,
      load_s: round(loadSeconds),
      p50_ms: round(p50),
      p95_ms: round(percentile(times, 95)),
      p99_ms: round(percentile(times, 99)),
      baseline_like_scan_p50_ms: round(likeP50),
      baseline_pk_lookup_p50_ms: round(percentile(pkTimes, 50)),
      /** Search p50 over the LIKE scan's p50: below 1, the index is faster than scanning. */
      ratio: round(p50 / likeP50),
    };
    console.log(
      `search p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms, p99 ${figures.p99_ms} ms over ${queries} queries; ` +
        `LIKE scan p50 ${figures.baseline_like_scan_p50_ms} ms, primary-key lookup p50 ${figures.baseline_pk_lookup_p50_ms} ms`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await storage.close();
    await drop();
  }
}
