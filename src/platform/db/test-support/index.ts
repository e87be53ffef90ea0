import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { type DialectName, openStorage, type Storage } from '../index.js';

/**
 * The storage suite runs on every dialect available: SQLite always, PostgreSQL when
 * GOVSHARE_TEST_DATABASE_URL is set (CI sets it). Use with `describe.each(DIALECTS)`.
 */
export const TEST_PG_URL = process.env.GOVSHARE_TEST_DATABASE_URL || undefined;
export const DIALECTS: DialectName[] = TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestStorage<DB> extends Storage<DB> {
  /** SQLite file path, for tests that reopen the same database. */
  sqlitePath?: string;
  pgSchema?: string;
  /** Closes and removes everything the test created. */
  dispose(): Promise<void>;
}

let counter = 0;

/**
 * What every database of a kind starts with (the platform's schema): `prepare` runs once per test
 * process and dialect on a template, and each database opened with it starts as a copy — a file
 * copy on SQLite, the template's dump replayed in one round trip on PostgreSQL — instead of
 * running every migration again (over a second per PostgreSQL schema).
 */
export interface StorageTemplate {
  /** Tells templates apart within a process. */
  key: string;
  prepare(storage: Storage<unknown>): Promise<void>;
}

/** A template made: the SQLite file, or the PostgreSQL dump with the schema name it speaks of. */
interface MadeTemplate {
  sqlitePath?: string;
  dump?: string;
  schema?: string;
}

/**
 * Where the run's global setup left the templates it made once for every test process
 * (`writeTemplates`); without it each process makes its own on first use.
 */
const SHARED_DIR = 'GOVSHARE_TEST_TEMPLATES';

const templates = new Map<string, Promise<MadeTemplate>>();
let scratchDir: string | undefined;
function scratch(): string {
  if (!scratchDir) {
    const dir = mkdtempSync(join(tmpdir(), 'govshare-templates-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    scratchDir = dir;
  }
  return scratchDir;
}

const sharedFile = (dir: string, key: string, dialect: DialectName) =>
  join(dir, `${key}.${dialect === 'sqlite' ? 'db' : 'json'}`);

function shared(dialect: DialectName, key: string): MadeTemplate | undefined {
  const dir = process.env[SHARED_DIR];
  if (!dir) return undefined;
  const file = sharedFile(dir, key, dialect);
  if (!existsSync(file)) return undefined;
  return dialect === 'sqlite'
    ? { sqlitePath: file }
    : (JSON.parse(readFileSync(file, 'utf8')) as MadeTemplate);
}

function template(dialect: DialectName, t: StorageTemplate): Promise<MadeTemplate> {
  const id = `${t.key}/${dialect}`;
  let made = templates.get(id);
  if (!made) {
    const ready = shared(dialect, t.key);
    made = ready ? Promise.resolve(ready) : makeTemplate(dialect, t, scratch());
    // A failed template is made again by the next caller rather than failing every later test.
    made.catch(() => templates.delete(id));
    templates.set(id, made);
  }
  return made;
}

/**
 * Makes each template once for the whole run, for every dialect this machine tests, into `dir`
 * (a global setup's), and tells the test processes where: they start from copies of it.
 */
export async function writeTemplates(dir: string, list: StorageTemplate[]): Promise<void> {
  process.env[SHARED_DIR] = dir;
  for (const t of list)
    for (const dialect of DIALECTS) {
      try {
        const made = await makeTemplate(dialect, t, dir);
        const file = sharedFile(dir, t.key, dialect);
        if (dialect === 'sqlite' && made.sqlitePath) renameSync(made.sqlitePath, file);
        else writeFileSync(file, JSON.stringify(made));
      } catch (error) {
        // Without it (no pg_dump on the PATH) each process makes its own; the tests are the same.
        console.warn(`○ ${t.key} template on ${dialect} not made once for the run: ${String(error)}`);
      }
    }
}

async function makeTemplate(dialect: DialectName, t: StorageTemplate, dir: string): Promise<MadeTemplate> {
  const name = `tmpl_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  if (dialect === 'sqlite') {
    const sqlitePath = join(dir, `${name}.db`);
    const storage = await openStorage<unknown>({ sqlitePath });
    try {
      await t.prepare(storage);
    } finally {
      // Closing the last connection checkpoints the WAL into the file the copies are made from.
      await storage.close();
    }
    return { sqlitePath };
  }
  if (!TEST_PG_URL) throw new Error('GOVSHARE_TEST_DATABASE_URL is not set');
  const storage = await openStorage<unknown>({ databaseUrl: TEST_PG_URL, pgSchema: name, pgPoolSize: 1 });
  try {
    await t.prepare(storage);
    const { stdout } = await promisify(execFile)(
      'pg_dump',
      ['--schema', name, '--inserts', '--no-owner', '--no-privileges', '--dbname', TEST_PG_URL],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    // psql's own commands (\restrict) are not SQL; the rest replays as one simple query.
    const dump = stdout
      .split('\n')
      .filter((line) => !line.startsWith('\\'))
      .join('\n');
    return { dump, schema: name };
  } finally {
    await storage.close();
    await dropSchema(name);
  }
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database of the given dialect: a temp SQLite file or a new PostgreSQL schema, empty or,
 * with a `template`, holding what the template prepared.
 */
export async function openTestStorage<DB>(
  dialect: DialectName,
  options: { template?: StorageTemplate } = {},
): Promise<TestStorage<DB>> {
  // No template (pg_dump missing): an empty database, which the platform migrates on start.
  const made = options.template
    ? await template(dialect, options.template).catch(() => undefined)
    : undefined;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'govshare-test-'));
    const sqlitePath = join(dir, 'test.db');
    if (made?.sqlitePath) copyFileSync(made.sqlitePath, sqlitePath);
    const storage = await openStorage<DB>({ sqlitePath });
    return {
      ...storage,
      sqlitePath,
      async dispose() {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!TEST_PG_URL) throw new Error('GOVSHARE_TEST_DATABASE_URL is not set');
  const pgSchema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  if (made?.dump && made.schema) {
    // A client of its own: the dump sets the session's search_path.
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    try {
      await client.query(made.dump.replaceAll(made.schema, pgSchema));
    } finally {
      await client.end();
    }
  }
  const storage = await openStorage<DB>({ databaseUrl: TEST_PG_URL, pgSchema, pgPoolSize: 4 });
  return {
    ...storage,
    pgSchema,
    async dispose() {
      await storage.close();
      await dropSchema(pgSchema);
    },
  };
}
