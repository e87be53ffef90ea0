import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_EXIT, upload } from '../../cli/exchange.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import type { RecordValues } from '../model.js';
import { type ApiRequester, type ExchangeWorld, sampleRecords } from '../test-support/index.js';
import { spawnUpload, startUploadWorld, type UploadWorld } from './test-support/upload.js';

const HEADER = ['公民身份号码', '姓名', '出生日期', '参保状态', '缴费基数', '更新时间', '是否有效'];
const csvOf = (records: RecordValues[]) =>
  [HEADER.join(','), ...records.map((r) => HEADER.map((h) => String(r[h] ?? '')).join(','))].join('\n');

describe.each(DIALECTS)('govshare exchange upload against a listening platform on %s', (dialect) => {
  let x: ExchangeWorld;
  let url: string;
  let node: ApiRequester;
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const run = async (path: string, extra: { keepGood?: boolean; entry?: string } = {}) => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk) => {
      text += chunk;
    });
    const progress: { phase: string; bytes: number }[] = [];
    const result = await upload({
      url,
      entry: extra.entry ?? x.entryId,
      file: path,
      keepGood: extra.keepGood,
      clientId: node.clientId,
      clientSecret: node.secret,
      out,
      bar: false,
      onProgress: (p) => progress.push(p),
    });
    return { ...result, text, progress };
  };

  let world: UploadWorld | undefined;
  beforeAll(async () => {
    world = await startUploadWorld(dialect, 'govshare-upload-');
    ({ x, url, node, dir } = world);
  }, 120_000);
  afterAll(() => world?.close());

  it('uploads a file with a progress stream and exits 0', async () => {
    const result = await run(file('ok.csv', csvOf(sampleRecords(3000, 200))));
    expect(result.exitCode).toBe(UPLOAD_EXIT.ok);
    expect(result.load).toMatchObject({ status: 'done', applied: 3000, rejected: 0 });
    expect(result.progress.length).toBeGreaterThan(0);
    expect(result.progress.at(-1)).toMatchObject({ phase: 'apply' });
    expect(result.text).toContain('写入 3000');
    expect(result.text).toContain('3000 written');
  });

  it('exits 2 when rows are rejected (all or nothing, and keep-good), naming them', async () => {
    const records = sampleRecords(20, 4000);
    const bad = records.map((r, i) => (i === 6 ? { ...r, 出生日期: '2001-02-29' } : r));
    const path = file('bad.csv', csvOf(bad));
    const strict = await run(path);
    expect(strict.exitCode).toBe(UPLOAD_EXIT.rejected);
    expect(strict.load).toMatchObject({ status: 'rejected', applied: 0, rejected: 1 });
    expect(strict.text).toContain('第 8 行 / row 8 出生日期: date');
    const lenient = await run(path, { keepGood: true });
    expect(lenient.exitCode).toBe(UPLOAD_EXIT.rejected);
    expect(lenient.load).toMatchObject({ status: 'done', applied: 19, rejected: 1 });
    expect(lenient.text).toContain('/rejects');
  });

  it('exits 1 when the upload cannot be made', async () => {
    const path = file('one.csv', csvOf(sampleRecords(1, 4500)));
    const missing = await run(path, { entry: 'no-such-entry' });
    expect(missing.exitCode).toBe(UPLOAD_EXIT.failure);
    expect(missing.error?.code).toBe('EXCHANGE_NOT_HOSTED');
    const header = await run(file('header.csv', '姓名\n张三\n'));
    expect(header.exitCode).toBe(UPLOAD_EXIT.failure);
    expect(header.error?.code).toBe('EXCHANGE_UPLOAD_HEADER');
  });

  // Spawning the real command once is enough: it is the same code on either database.
  if (dialect === 'sqlite')
    it('the govshare command reads the client from the environment and sets its exit code', async () => {
      const path = file(
        'cli.ndjson',
        sampleRecords(5, 4600)
          .map((r) => JSON.stringify(r))
          .join('\n'),
      );
      const child = spawnUpload({ url, entry: x.entryId, file: path, node });
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stdout).toContain('写入 5');
      expect(code).toBe(0);
    }, 60_000);
});
