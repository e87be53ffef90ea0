import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTemplates } from '../src/platform/db/test-support/index.js';
import { MIGRATED } from './support/templates.js';

/**
 * Says plainly, before anything runs, which parts of the suite this machine can run, and migrates
 * the platform's schema once for every test process to copy (removed after the run).
 */
export default async function setup(): Promise<() => void> {
  const pg = process.env.GOVSHARE_TEST_DATABASE_URL;
  const chromium = process.env.GOVSHARE_CHROMIUM ?? '/usr/bin/chromium';
  const lines = [
    pg
      ? `● PostgreSQL：存储测试在 SQLite 与 PostgreSQL 上运行 / storage tests run on SQLite and PostgreSQL (${pg.replace(/\/\/[^@]*@/, '//')})`
      : '○ PostgreSQL：未设置 GOVSHARE_TEST_DATABASE_URL，存储测试只在 SQLite 上运行 / GOVSHARE_TEST_DATABASE_URL not set: storage tests run on SQLite only',
    existsSync(chromium)
      ? `● Chromium：浏览器测试使用 ${chromium} / browser tests use ${chromium}`
      : `○ Chromium：未找到 ${chromium}，不运行浏览器测试（apt-get install chromium） / ${chromium} not found: browser tests NOT run`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'govshare-templates-'));
  await writeTemplates(dir, [MIGRATED]);
  return () => rmSync(dir, { recursive: true, force: true });
}
