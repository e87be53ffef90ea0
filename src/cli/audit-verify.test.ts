import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../app/backup/test-support/index.js';
import { createPlatform } from '../app/index.js';
import { loadConfig } from '../platform/config/index.js';

// A torn copy of a live SQLite file (cp under load) still opens, and `audit verify` used to call it
// intact: the storage is checked first, and a damaged database is named as such, with exit code 5.
describe('govshare audit verify on a damaged database (issue 15)', () => {
  it('reports the damage with exit code 5, never "intact" and never a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govshare-damaged-'));
    try {
      const env = { GOVSHARE_DATA_DIR: dir, DATABASE_URL: '' };
      const platform = await createPlatform(loadConfig(env), { jobs: false, webDist: '/nonexistent' });
      const db = platform.storage.db;
      // Enough audit entries that the damage lands in their pages.
      for (let i = 0; i < 40; i++)
        await platform.services.audit.record(
          db,
          { actor: undefined, requestId: `r${i}` },
          {
            action: 'test.fill',
            targetType: 'test',
            targetId: `${i} ${'x'.repeat(2000)}`,
          },
        );
      await platform.close();
      const intact = await runCli(['audit', 'verify'], env);
      expect(intact.code, intact.stderr).toBe(0);

      const path = join(dir, 'govshare.db');
      const size = statSync(path).size;
      const fd = openSync(path, 'r+');
      writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
      closeSync(fd);
      const damaged = await runCli(['audit', 'verify'], env);
      expect(damaged.code, damaged.stderr).toBe(5);
      expect(damaged.stdout).toContain('DAMAGED');
      expect(damaged.stdout).not.toContain('intact');
      expect(damaged.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
