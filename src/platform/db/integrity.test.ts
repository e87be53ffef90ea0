import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStorage } from './index.js';
import { checkIntegrity } from './integrity.js';
import { DIALECTS, openTestStorage } from './test-support/index.js';

describe.each(DIALECTS)('checkIntegrity on %s', (dialect) => {
  it('answers ok for a sound database', async () => {
    const storage = await openTestStorage(dialect);
    try {
      await sql`create table t (id integer primary key, v text)`.execute(storage.db);
      expect(await checkIntegrity(storage)).toEqual({ ok: true, problems: [] });
    } finally {
      await storage.dispose();
    }
  });
});

describe('checkIntegrity on a damaged SQLite file', () => {
  it('lists the problems of a file whose pages were overwritten (torn copy, disk damage)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govshare-integrity-'));
    try {
      const path = join(dir, 'damaged.db');
      const raw = new SQLite(path);
      raw.exec('create table t (id integer primary key, v text); create index t_v on t (v);');
      const insert = raw.prepare('insert into t (v) values (?)');
      // One transaction: 5,000 separate durable commits took 50 s on a loaded machine.
      raw.transaction(() => {
        for (let i = 0; i < 5000; i++) insert.run(`value ${i} ${'x'.repeat(40)}`);
      })();
      raw.close();
      // Garbage over pages in the middle of the file: the header still says SQLite.
      const size = statSync(path).size;
      const fd = openSync(path, 'r+');
      writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
      closeSync(fd);
      const storage = await openStorage({ sqlitePath: path });
      try {
        const result = await checkIntegrity(storage);
        expect(result.ok).toBe(false);
        expect(result.problems.length).toBeGreaterThan(0);
      } finally {
        await storage.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
