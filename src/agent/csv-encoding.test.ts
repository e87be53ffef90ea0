import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import iconv from 'iconv-lite';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { ConfigError, parseConfig } from './config/load.js';
import { Agent } from './runner.js';
import { expectedRecord, PEOPLE_ITEMS, type Person, people } from './test-support/department.js';
import { type AgentWorld, startAgentWorld, until } from './test-support/world.js';

const COLUMNS = ['id_number', 'full_name', 'birth', 'status', 'base', 'changed', 'valid'] as const;
const cell = (v: unknown) => (v === null ? '' : `"${String(v).replaceAll('"', '""')}"`);
const csvOf = (rows: Person[]) =>
  `${[COLUMNS.join(','), ...rows.map((p) => COLUMNS.map((c) => cell(p[c])).join(','))].join('\r\n')}\r\n`;
const gb18030 = (text: string) => iconv.encode(text, 'gb18030');

// Issue 22: the front-end node reads a folder of CSV exports in UTF-8 (with or without BOM) or
// GB18030 — configured or recognized — and sends the same rows; it logs how each file was read.
// Another encoding, a broken byte or a configured encoding that does not match stops the mapping
// with a message naming it.
describe.each(DIALECTS)('agent CSV source in UTF-8 and GB18030, platform on %s (issue 22)', (dialect) => {
  let world: AgentWorld;
  let agent: Agent | undefined;
  let run = 0;
  const logged: Array<Record<string, unknown>> = [];
  const exports = () => `${world.dir}/exports`;
  /** Writes the export as a department system would: elsewhere, then renamed into the folder. */
  const put = (data: Buffer | string) => {
    writeFileSync(`${world.dir}/people.tmp`, data);
    renameSync(`${world.dir}/people.tmp`, `${exports()}/people.csv`);
  };
  const yaml = (encoding?: string) => `node: { name: 文件前置机, stateDir: ${world.dir}/state-${run} }
platform: { url: "${world.url}", clientId: ${world.provider.clientId}, clientSecret: "\${SECRET}" }
databases:
  files: { type: csv, path: ${exports()}${encoding ? `, encoding: ${encoding}` : ''} }
outbound:
  - name: people
    entryId: ${world.x.entryId}
    database: files
    table: people.csv
    items:${PEOPLE_ITEMS}
    sync: { mode: hash, intervalSeconds: 0.2 }
    batchSize: 200
`;
  /** A node with a fresh state (it sends every row again), logging into `logged`. */
  const start = (encoding?: string) => {
    run += 1;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    });
    const config = parseConfig(`${world.dir}/agent-${run}.yaml`, yaml(encoding), {
      SECRET: world.provider.secret,
    });
    agent = new Agent(config, { log: pino({ level: 'info' }, sink), version: 'test' });
    agent.start();
    return agent;
  };
  const stop = async () => {
    await agent?.stop(5_000);
    agent = undefined;
  };
  const synced = (a: Agent, rows: number) =>
    until(
      'the CSV rows to be acknowledged',
      () => a.statuses[0]?.rowsSynced === rows && a.statuses[0]?.phase === 'idle',
      60_000,
    );
  const refusal = (a: Agent, text: string) =>
    until(
      `the mapping to stop with「${text}」`,
      () => (a.statuses[0]?.lastError ?? '').includes(text),
      30_000,
    );

  beforeAll(async () => {
    world = await startAgentWorld(dialect);
    mkdirSync(exports());
  }, 120_000);
  afterAll(async () => {
    await stop();
    await world.close();
  });

  it('the same export as UTF-8, UTF-8 with BOM and GB18030 (recognized and configured) gives identical rows, each read logged', async () => {
    const rows = people(1500, 7000);
    const text = csvOf(rows);
    const expected = new Map(rows.map((p) => [p.id_number, expectedRecord(p)]));

    put(text);
    await synced(start(), rows.length);
    await stop();
    expect(await world.platformRows()).toEqual(expected);
    const changes = (await world.changes()).length;
    expect(logged.find((l) => l.encoding === 'utf-8')).toMatchObject({
      msg: '已按 UTF-8 编码读取（自动识别） / read as UTF-8 (detected)',
      encodingSource: 'detected',
    });

    const variants: Array<[string, Buffer, string | undefined, string]> = [
      [
        'UTF-8 with BOM',
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
        undefined,
        '已按 UTF-8 编码读取（自动识别）',
      ],
      ['GB18030 recognized', gb18030(text), undefined, '已按 GB18030 编码读取（自动识别）'],
      ['GB18030 configured as gbk', gb18030(text), 'gbk', '已按 GB18030 编码读取 / read as GB18030'],
    ];
    for (const [what, data, encoding, notice] of variants) {
      logged.length = 0;
      put(data);
      // A fresh state sends every row: the platform finds each one unchanged.
      await synced(start(encoding), rows.length);
      await stop();
      expect(await world.platformRows(), what).toEqual(expected);
      expect((await world.changes()).length, what).toBe(changes);
      expect(
        logged.some((l) => String(l.msg).startsWith(notice)),
        what,
      ).toBe(true);
    }
  }, 180_000);

  it('Shift_JIS, a broken GB18030 byte and a configured encoding that does not match stop the mapping, naming why', async () => {
    const before = (await world.changes()).length;
    const japanese = `氏名,ふりがな,住所\r\n${Array.from(
      { length: 40 },
      (_, i) => `山田太郎${i},やまだ たろう,東京都千代田区丸の内${i}丁目`,
    ).join('\r\n')}\r\n`;
    put(iconv.encode(japanese, 'shift_jis'));
    await refusal(start(), '文件看起来是 Shift_JIS 编码，平台只接受 UTF-8 与 GB18030');
    await stop();

    // Far past the part the encoding is decided on: found when that page is read.
    const rows = people(1500, 7000);
    const lines = csvOf(rows).split('\r\n');
    put(
      Buffer.concat([
        gb18030(`${lines.slice(0, 1200).join('\r\n')}\r\n`),
        Buffer.from([0x81, 0x20]),
        gb18030(lines.slice(1200).join('\r\n')),
      ]),
    );
    await refusal(start(), '第 1201 行含有不是有效 GB18030 编码的字节');
    await stop();

    put(csvOf(rows));
    await refusal(start('gb18030'), '声明的字符编码 GB18030 与文件内容不符：文件是 UTF-8 编码');
    await stop();
    expect((await world.changes()).length).toBe(before);
  }, 180_000);

  it('the configuration names an encoding the node cannot read, on its line', () => {
    expect(() => parseConfig(`${world.dir}/bad.yaml`, yaml('shift_jis'), { SECRET: 's' })).toThrow(
      ConfigError,
    );
    try {
      parseConfig(`${world.dir}/bad.yaml`, yaml('big5'), { SECRET: 's' });
    } catch (error) {
      expect((error as ConfigError).problems.join('\n')).toMatch(
        /bad\.yaml:4:\d+: .*声明的字符编码 big5 不受支持/,
      );
    }
  });
});
