import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './load.js';
import { SAMPLE_CONFIG } from './sample.js';

const ENV = {
  GOVSHARE_CLIENT_ID: 'gs_node',
  GOVSHARE_CLIENT_SECRET: 's3cret',
  HUKOU_DB_PASSWORD: 'p@ss',
  SOCIAL_DB_PASSWORD: 'q',
};

function problems(text: string, env: NodeJS.ProcessEnv = ENV): string[] {
  try {
    parseConfig('/etc/govshare/agent.yaml', text, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** The 1-based line of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('R45 agent configuration', () => {
  it('reads the documented sample, secrets from the environment, defaults filled in', () => {
    const config = parseConfig('/etc/govshare/agent.yaml', SAMPLE_CONFIG, ENV);
    expect(config.node).toEqual({
      name: '示范市公安局前置机-1',
      stateDir: '/etc/govshare/agent-state',
      logLevel: 'info',
    });
    expect(config.platform).toMatchObject({
      clientId: 'gs_node',
      clientSecret: 's3cret',
      timeoutSeconds: 60,
    });
    expect(config.databases.get('hukou')?.url).toBe('postgres://agent:p@ss@10.0.0.5:5432/hukou');
    expect(config.databases.get('exports')).toMatchObject({ type: 'csv', path: '/data/exports' });
    const [population, licences] = config.outbound;
    expect(population).toMatchObject({
      mode: 'updated_at',
      updatedAt: { column: 'updated_at' },
      softDelete: { column: 'is_deleted' },
      intervalSeconds: 1,
      compareMinutes: 60,
      batchSize: 2000,
      onReject: 'skip',
    });
    expect(population?.items.map((i) => [i.item, i.column])).toEqual([
      ['公民身份号码', 'id_number'],
      ['姓名', 'full_name'],
      ['出生日期', 'birth_date'],
    ]);
    expect(population?.items[0]?.at).toBe(
      `/etc/govshare/agent.yaml:${lineOf(SAMPLE_CONFIG, '公民身份号码: id_number')}:7`,
    );
    expect(licences).toMatchObject({ mode: 'hash', intervalSeconds: 300 });
    expect(config.inbound[0]).toMatchObject({
      purpose: 'data_verification',
      caseNumber: 'SB-2026-001',
      create: true,
      keyColumn: 'gs_key',
      from: 'beginning',
      waitSeconds: 20,
      batchSize: 500,
    });
  });

  it('names the line and column of every problem, all at once', () => {
    const text = SAMPLE_CONFIG.replace('batchSize: 2000', 'batchSize: 9000')
      .replace('      mode: hash', '      mode: hashes')
      .replace('    purpose: data_verification', '    purpose: curiosity')
      .replace('  logLevel: info', '  logLevel: info\n  colour: red');
    const found = problems(text, { ...ENV, SOCIAL_DB_PASSWORD: undefined });
    const at = (needle: string, col: number) => `/etc/govshare/agent.yaml:${lineOf(text, needle)}:${col}: `;
    expect(found).toEqual([
      expect.stringContaining(`${at('colour: red', 3)}未知配置项 node.colour / unknown key node.colour`),
      expect.stringContaining(
        `${at('SOCIAL_DB_PASSWORD', 10)}databases.social.url 引用的环境变量 SOCIAL_DB_PASSWORD 未设置`,
      ),
      expect.stringContaining(`${at('batchSize: 9000', 16)}outbound[0].batchSize 应为 1–5000 之间的整数`),
      expect.stringContaining(`${at('mode: hashes', 13)}outbound[1].sync.mode 应为 updated_at | hash 之一`),
      expect.stringContaining(`${at('purpose: curiosity', 14)}inbound[0].purpose 应为`),
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(problems('node:\n  name: [unclosed\nplatform: {}\n')).toEqual([
      expect.stringMatching(/^\/etc\/govshare\/agent\.yaml:\d+:\d+: YAML 语法错误 \/ YAML syntax error/),
    ]);
    expect(problems('')).toEqual([expect.stringContaining('配置文件为空 / the configuration is empty')]);
  });

  it('checks references between sections and the sync settings', () => {
    const text = `node: { name: n }
platform: { url: "http://127.0.0.1:8080", clientId: a, clientSecret: b }
databases:
  files: { type: csv, path: /data }
  local: { type: sqlite, path: ./local.db }
outbound:
  - name: one
    entryId: e1
    database: nowhere
    table: people
    items: { 公民身份号码: id }
  - name: two
    entryId: e2
    database: files
    table: people.csv
    items: { 公民身份号码: id }
    sync: { updatedAt: changed }
  - name: one
    entryId: e3
    database: local
    table: "bad name"
    items: {}
inbound:
  - name: three
    entryId: e4
    purpose: other
    database: files
    table: copy
    keyColumn: id
    items: { 公民身份号码: id }
`;
    const found = problems(text);
    expect(found).toEqual([
      expect.stringContaining(':9:15: 未定义的数据库 nowhere'),
      expect.stringContaining(':17:11: CSV 目录只支持 hash 模式'),
      expect.stringContaining(':21:12: outbound[2].table 的值“bad name”无效'),
      expect.stringContaining(':22:12: outbound[2].items 至少映射一个信息项'),
      expect.stringContaining(':27:15: 接收端不能是 CSV 目录'),
      expect.stringContaining(':29:16: keyColumn id 与某信息项的列同名'),
    ]);
  });

  it('rejects a mapping name used twice and a configuration without mappings', () => {
    const base = `node: { name: n }
platform: { url: "http://x", clientId: a, clientSecret: b }
databases: { d: { type: sqlite, path: a.db } }
`;
    expect(problems(base)).toEqual([expect.stringContaining('至少需要一个 outbound 或 inbound 映射')]);
    const twice = `${base}outbound:
  - { name: m, entryId: e, database: d, table: t, items: { a: b } }
inbound:
  - { name: m, entryId: e, purpose: other, database: d, table: t2 }
`;
    expect(problems(twice)).toEqual([
      expect.stringContaining(':7:5: 映射名 m 重复 / mapping name m is used twice'),
    ]);
  });
});
