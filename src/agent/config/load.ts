import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar } from 'yaml';
import { CharsetRefused, declaredCharset, type TextCharset } from '../../platform/charset/index.js';
import { PURPOSES } from '../../sharing/index.js';
import {
  type AgentConfig,
  DATABASE_TYPES,
  type DatabaseConfig,
  type InboundMapping,
  type ItemColumn,
  type OutboundMapping,
  SYNC_MODES,
} from './model.js';
import { type Section, YamlReader } from './reader.js';

/** Thrown when the file is not a valid configuration; `problems` each start with `file:line:col`. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const NAME = /^[\p{L}\p{N}_.-]{1,100}$/u;
const NAME_HINT = '1–100 个字母、数字、_ . - / letters, digits, _ . -';
const IDENT = /^[\p{L}_][\p{L}\p{N}_$]{0,62}$/u;
const TABLE = /^[\p{L}_][\p{L}\p{N}_$]{0,62}(\.[\p{L}_][\p{L}\p{N}_$]{0,62})?$/u;
const TABLE_HINT = '表名，可带模式名：schema.table / a table name, optionally schema.table';
const CSV_FILE = /^[^/\\]+\.(csv|CSV)$/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;
const ITEM = /^\S(.{0,98}\S)?$/u;

function databaseOf(
  reader: YamlReader,
  name: string,
  section: Section,
  baseDir: string,
): DatabaseConfig | undefined {
  const type = section.oneOf('type', DATABASE_TYPES, { required: true });
  const timezone = section.string('timezone', {
    default: '+08:00',
    pattern: OFFSET,
    hint: '如 +08:00 / e.g. +08:00',
  });
  let url: string | undefined;
  let path: string | undefined;
  let encoding: TextCharset | undefined;
  const declared = section.string('encoding', {
    pattern: /^[\w.:-]{1,40}$/,
    hint: 'utf-8 | gbk | gb2312 | gb18030',
  });
  if (declared !== undefined) {
    if (type !== 'csv')
      reader.fail(
        section.child('encoding'),
        'encoding 只适用于 csv 目录',
        'encoding applies to a csv folder only',
      );
    try {
      encoding = declaredCharset(declared);
    } catch (error) {
      if (!(error instanceof CharsetRefused)) throw error;
      reader.fail(section.child('encoding'), error.reason.zh, error.reason.en);
    }
  }
  if (type === 'postgres' || type === 'mysql') {
    url = section.string('url', {
      required: true,
      pattern: type === 'postgres' ? /^postgres(ql)?:\/\// : /^(mysql|mariadb):\/\//,
      hint:
        type === 'postgres'
          ? 'postgres://user:$PASSWORD@host:5432/db'
          : 'mysql://user:$PASSWORD@host:3306/db',
    });
    if (url) url = url.replace(/^mariadb:/, 'mysql:');
  } else if (type === 'sqlite' || type === 'csv') {
    const raw = section.string('path', { required: true });
    if (raw) path = resolve(baseDir, raw);
  }
  if (!NAME.test(name))
    reader.fail(
      section.node,
      `数据库名“${name}”无效（${NAME_HINT}）`,
      `database name "${name}" is not valid`,
    );
  if (!type || !timezone || (!url && !path)) return undefined;
  return { name, type, url, path, timezone, ...(encoding ? { encoding } : {}), at: section.at };
}

function itemColumns(
  section: Section | undefined,
  reader: YamlReader,
  path: string,
  unique: boolean,
): ItemColumn[] {
  if (!section) return [];
  const out: ItemColumn[] = [];
  for (const { key, keyNode, value } of section.entries()) {
    const at = reader.at(keyNode);
    if (!ITEM.test(key)) {
      reader.fail(keyNode, `${path} 中的信息项名“${key}”无效`, `item name "${key}" in ${path} is not valid`);
      continue;
    }
    const column = value === null ? key : isScalar(value) ? String(value.value ?? key) : undefined;
    if (column === undefined || !IDENT.test(column)) {
      reader.fail(value ?? keyNode, `${path}.${key} 应为列名`, `${path}.${key} must be a column name`);
      continue;
    }
    if (unique && out.some((c) => c.column === column))
      reader.fail(
        value ?? keyNode,
        `列 ${column} 在 ${path} 中出现两次`,
        `column ${column} appears twice in ${path}`,
      );
    out.push({ item: key, column, at });
  }
  return out;
}

/** The database a mapping names, which must be one defined under `databases`. */
function mappedDatabase(
  m: Section,
  reader: YamlReader,
  databases: Map<string, DatabaseConfig>,
  declared: Set<string>,
): { database: string | undefined; db: DatabaseConfig | undefined } {
  const database = m.string('database', { required: true });
  const db = database ? databases.get(database) : undefined;
  if (database && !db && !declared.has(database))
    reader.fail(
      m.child('database'),
      `未定义的数据库 ${database}（见 databases）`,
      `database ${database} is not defined under databases`,
    );
  return { database, db };
}

function outboundOf(
  m: Section,
  reader: YamlReader,
  databases: Map<string, DatabaseConfig>,
  declared: Set<string>,
): OutboundMapping | undefined {
  const name = m.string('name', { required: true, pattern: NAME, hint: NAME_HINT });
  const entryId = m.string('entryId', { required: true });
  const { database, db } = mappedDatabase(m, reader, databases, declared);
  const isCsv = db?.type === 'csv';
  const table = m.string('table', {
    required: true,
    pattern: isCsv ? CSV_FILE : TABLE,
    hint: isCsv ? '目录中的 CSV 文件名 / a CSV file name in the folder' : TABLE_HINT,
  });
  const itemsNode = m.child('items');
  const items = itemColumns(m.section('items', true), reader, `${m.path}.items`, false);
  if (isMap(itemsNode) && itemsNode.items.length === 0)
    reader.fail(
      itemsNode,
      `${m.path}.items 至少映射一个信息项`,
      `${m.path}.items must map at least one item`,
    );
  const sync = m.section('sync');
  const column = sync?.string('updatedAt', { pattern: IDENT, hint: '列名 / a column name' });
  const mode =
    sync?.oneOf('mode', SYNC_MODES, { default: column ? 'updated_at' : 'hash' }) ??
    (column ? 'updated_at' : 'hash');
  if (mode === 'updated_at' && !column && sync)
    reader.fail(
      sync.node,
      `${m.path}.sync.mode 为 updated_at 时须给出 updatedAt 列`,
      `${m.path}.sync: mode updated_at needs an updatedAt column`,
    );
  if (mode === 'updated_at' && isCsv)
    reader.fail(sync?.node ?? m.node, 'CSV 目录只支持 hash 模式', 'a CSV folder syncs in hash mode only');
  const softDelete = sync?.string('softDelete', { pattern: IDENT, hint: '列名 / a column name' });
  const intervalSeconds =
    sync?.number('intervalSeconds', { min: 0.05, max: 86_400, default: mode === 'hash' ? 60 : 1 }) ??
    (mode === 'hash' ? 60 : 1);
  const compareMinutes = sync?.number('compareMinutes', { min: 0, max: 525_600, default: 60 }) ?? 60;
  sync?.done();
  const batchSize = m.number('batchSize', { integer: true, min: 1, max: 5000, default: 2000 });
  const onReject = m.oneOf('onReject', ['skip', 'stop'] as const, { default: 'skip' });
  if (!name || !entryId || !database || !table || items.length === 0 || !batchSize || !onReject)
    return undefined;
  return {
    name,
    entryId,
    database,
    table,
    items,
    mode,
    updatedAt: column ? { column, at: reader.at(sync?.child('updatedAt')) } : undefined,
    softDelete: softDelete ? { column: softDelete, at: reader.at(sync?.child('softDelete')) } : undefined,
    intervalSeconds,
    compareMinutes,
    batchSize,
    onReject,
    at: m.at,
  };
}

function inboundOf(
  m: Section,
  reader: YamlReader,
  databases: Map<string, DatabaseConfig>,
  declared: Set<string>,
): InboundMapping | undefined {
  const name = m.string('name', { required: true, pattern: NAME, hint: NAME_HINT });
  const entryId = m.string('entryId', { required: true });
  const purpose = m.oneOf('purpose', PURPOSES, { required: true });
  const caseNumber = m.string('caseNumber', {
    pattern: /^[\x21-\x7e\u3000-\u9fff\uff00-\uffef]{1,64}$/u,
    hint: '1–64 个可见字符 / 1–64 visible characters',
  });
  const { database, db } = mappedDatabase(m, reader, databases, declared);
  if (db?.type === 'csv')
    reader.fail(
      m.child('database'),
      '接收端不能是 CSV 目录',
      'an inbound mapping cannot write to a CSV folder',
    );
  const table = m.string('table', { required: true, pattern: TABLE, hint: TABLE_HINT });
  const create = m.boolean('create', { default: true });
  const keyColumn = m.string('keyColumn', {
    default: 'gs_key',
    pattern: IDENT,
    hint: '列名 / a column name',
  });
  const items = itemColumns(m.section('items'), reader, `${m.path}.items`, true);
  if (keyColumn && items.some((c) => c.column === keyColumn))
    reader.fail(
      m.child('keyColumn'),
      `keyColumn ${keyColumn} 与某信息项的列同名`,
      `keyColumn ${keyColumn} is also an item's column`,
    );
  const from = m.oneOf('from', ['beginning', 'latest'] as const, { default: 'beginning' });
  const waitSeconds = m.number('waitSeconds', { min: 0, max: 30, integer: true, default: 20 });
  const batchSize = m.number('batchSize', { min: 1, max: 1000, integer: true, default: 500 });
  if (!name || !entryId || !purpose || !database || !table || create === undefined || !keyColumn || !from)
    return undefined;
  if (waitSeconds === undefined || !batchSize) return undefined;
  return {
    name,
    entryId,
    purpose,
    caseNumber,
    database,
    table,
    create,
    keyColumn,
    items,
    from,
    waitSeconds,
    batchSize,
    at: m.at,
  };
}

/**
 * Parses and validates a configuration text. Every problem is collected and reported with the
 * line that holds it; `${NAME}` in any text value is replaced by that environment variable.
 *
 * @example parseConfig('agent.yaml', readFileSync('agent.yaml', 'utf8'), process.env)
 */
export function parseConfig(file: string, text: string, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  const reader = new YamlReader(file, text, env);
  if (reader.errors.length > 0) throw new ConfigError(reader.errors);
  const baseDir = dirname(resolve(file));
  const root = reader.map(reader.root, '');
  if (!root)
    throw new ConfigError(
      reader.errors.length > 0 ? reader.errors : [`${file}: 配置文件为空 / the configuration is empty`],
    );
  const nodeSection = root.section('node', true);
  const name = nodeSection?.string('name', {
    required: true,
    pattern: /^\S(.{0,98}\S)?$/u,
    hint: '1–100 个字符 / 1–100 characters',
  });
  const stateDir = resolve(
    baseDir,
    nodeSection?.string('stateDir', { default: 'agent-state' }) ?? 'agent-state',
  );
  const logLevel =
    nodeSection?.oneOf('logLevel', ['debug', 'info', 'warn', 'error'] as const, { default: 'info' }) ??
    'info';
  nodeSection?.done();

  const platform = root.section('platform', true);
  const url = platform?.string('url', {
    required: true,
    pattern: /^https?:\/\/[^\s/]+/,
    hint: 'http(s)://host[:port]',
  });
  const clientId = platform?.string('clientId', { required: true });
  const clientSecret = platform?.string('clientSecret', { required: true });
  const timeoutSeconds = platform?.number('timeoutSeconds', { min: 1, max: 600, default: 60 });
  platform?.done();

  const databases = new Map<string, DatabaseConfig>();
  const dbSection = root.section('databases', true);
  for (const { key, value } of dbSection?.entries() ?? []) {
    const section = reader.map(value, `databases.${key}`, dbSection?.node);
    if (!section) {
      if (value === null)
        reader.fail(dbSection?.keyNode(key), `databases.${key} 缺少内容`, `databases.${key} is empty`);
      continue;
    }
    const db = databaseOf(reader, key, section, baseDir);
    section.done();
    if (db) databases.set(key, db);
  }

  const declared = new Set((dbSection?.entries() ?? []).map((e) => e.key));
  const outbound = root.list('outbound', (m) => outboundOf(m, reader, databases, declared));
  const inbound = root.list('inbound', (m) => inboundOf(m, reader, databases, declared));
  root.done();
  const seen = new Set<string>();
  for (const mapping of [...outbound, ...inbound]) {
    if (seen.has(mapping.name))
      reader.errors.push(
        `${mapping.at}: 映射名 ${mapping.name} 重复 / mapping name ${mapping.name} is used twice`,
      );
    seen.add(mapping.name);
  }
  if (reader.errors.length === 0 && outbound.length + inbound.length === 0)
    reader.errors.push(
      `${root.at}: 至少需要一个 outbound 或 inbound 映射 / at least one outbound or inbound mapping is needed`,
    );
  if (reader.errors.length > 0) throw new ConfigError(reader.errors);
  return {
    file,
    node: { name: name as string, stateDir, logLevel },
    platform: {
      url: (url as string).replace(/\/+$/, ''),
      clientId: clientId as string,
      clientSecret: clientSecret as string,
      timeoutSeconds: timeoutSeconds as number,
      at: platform?.at ?? file,
    },
    databases,
    outbound,
    inbound,
  };
}

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): AgentConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `${file}: 无法读取配置文件 / cannot read the configuration: ${(error as Error).message}`,
    ]);
  }
  return parseConfig(file, text, env);
}
