import { existsSync } from 'node:fs';
import pino from 'pino';
import type { AgentConfig, DatabaseConfig } from './config/model.js';
import { InboundSync } from './inbound.js';
import { OutboundSync } from './outbound.js';
import { PlatformClient } from './platform-client.js';
import { openSink, type Sink } from './sinks/index.js';
import { openSource, type Source } from './sources/index.js';
import type { StateStore } from './state.js';
import { describeError, MappingError } from './status.js';

export interface CheckLine {
  ok: boolean;
  /** `warn` lines do not fail the check. */
  warn?: boolean;
  subject: string;
  message: string;
}

/**
 * `govshare agent check`: can the node reach the platform and every database, and does every
 * mapping fit its table and its catalog entry (and, inbound, is there a subscription grant)?
 * Reads only: no state directory, no table, no heartbeat, no data sent.
 */
export async function checkAgent(config: AgentConfig, version: string): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const ok = (subject: string, message: string) => lines.push({ ok: true, subject, message });
  const bad = (subject: string, message: string) => lines.push({ ok: false, subject, message });
  const client = new PlatformClient({
    url: config.platform.url,
    clientId: config.platform.clientId,
    clientSecret: config.platform.clientSecret,
    timeoutMs: Math.min(config.platform.timeoutSeconds, 15) * 1000,
    userAgent: `govshare-agent/${version}`,
  });
  let platformUp = false;
  try {
    await client.request('GET', '/api/v1/exchange/nodes', { attempts: 2 }).catch((error) => {
      // A node's client may not monitor nodes: a 403 still proves the token works.
      if ((error as { status?: number }).status !== 403) throw error;
    });
    platformUp = true;
    ok('platform', `已连接并取得令牌 / connected, token issued: ${config.platform.url}`);
  } catch (error) {
    bad('platform', `${config.platform.at}: ${describeError(error)}`);
  }

  const sources = new Map<string, Source>();
  const sinks = new Map<string, Sink>();
  const inboundDbs = new Set(config.inbound.map((m) => m.database));
  const used = new Set([...inboundDbs, ...config.outbound.map((m) => m.database)]);
  for (const db of config.databases.values()) {
    if (!used.has(db.name)) {
      lines.push({
        ok: true,
        warn: true,
        subject: `database ${db.name}`,
        message: `${db.at}: 未被任何映射使用 / not used by any mapping`,
      });
      continue;
    }
    try {
      if (inboundDbs.has(db.name) && db.type === 'sqlite' && !existsSync(db.path as string)) {
        ok(`database ${db.name}`, `文件将在运行时创建 / the file will be created at run: ${db.path}`);
        continue;
      }
      const probe = await connect(db, sources, sinks, inboundDbs.has(db.name));
      ok(`database ${db.name}`, `已连接 / connected (${db.type})${probe}`);
    } catch (error) {
      bad(`database ${db.name}`, `${db.at}: 无法连接 / cannot connect: ${describeError(error)}`);
    }
  }

  const log = pino({ level: 'silent' });
  for (const mapping of config.outbound) {
    const source = sources.get(mapping.database);
    if (!platformUp || !source) continue;
    const sync = new OutboundSync({
      mapping,
      database: config.databases.get(mapping.database) as DatabaseConfig,
      source,
      store: undefined as unknown as StateStore,
      client,
      log,
      nodeName: config.node.name,
      clientId: config.platform.clientId,
      stateDir: config.node.stateDir,
    });
    try {
      const { warnings } = await sync.validate();
      ok(
        `outbound ${mapping.name}`,
        `${mapping.table} → ${mapping.entryId}：${mapping.items.length} 个信息项 / items, ${mapping.mode}`,
      );
      for (const w of warnings)
        lines.push({ ok: true, warn: true, subject: `outbound ${mapping.name}`, message: w });
    } catch (error) {
      for (const p of error instanceof MappingError ? error.problems : [describeError(error)])
        bad(`outbound ${mapping.name}`, p);
    }
  }
  for (const mapping of config.inbound) {
    const sink = sinks.get(mapping.database);
    if (!platformUp) continue;
    const sync = new InboundSync({
      mapping,
      database: config.databases.get(mapping.database) as DatabaseConfig,
      sink: sink as Sink,
      client,
      log,
    });
    try {
      const columns = await sync.columns();
      const refused = await sync.checkGrant(columns);
      if (refused) bad(`inbound ${mapping.name}`, refused);
      const existing = sink ? await sink.columns(mapping.table) : undefined;
      if (!existing) {
        if (mapping.create)
          ok(
            `inbound ${mapping.name}`,
            `表 ${mapping.table} 将在运行时创建 / table ${mapping.table} will be created`,
          );
        else
          bad(
            `inbound ${mapping.name}`,
            `${mapping.at}: 表 ${mapping.table} 不存在（create: false）/ table ${mapping.table} does not exist`,
          );
      } else {
        const missing = [mapping.keyColumn, ...columns.map((c) => c.column)].filter(
          (c) => !existing.includes(c),
        );
        for (const c of missing)
          bad(
            `inbound ${mapping.name}`,
            `${mapping.at}: 表 ${mapping.table} 没有列 ${c} / table ${mapping.table} has no column ${c}`,
          );
        if (missing.length === 0 && !refused)
          ok(
            `inbound ${mapping.name}`,
            `${mapping.entryId} → ${mapping.table}：${columns.length} 个信息项 / items`,
          );
      }
    } catch (error) {
      for (const p of error instanceof MappingError ? error.problems : [describeError(error)])
        bad(`inbound ${mapping.name}`, p);
    }
  }
  for (const s of sources.values()) await s.close().catch(() => undefined);
  for (const s of sinks.values()) await s.close().catch(() => undefined);
  return lines;
}

async function connect(
  db: DatabaseConfig,
  sources: Map<string, Source>,
  sinks: Map<string, Sink>,
  inbound: boolean,
): Promise<string> {
  if (db.type === 'csv') {
    if (!existsSync(db.path as string)) throw new Error(`目录不存在 / no such folder: ${db.path}`);
    sources.set(db.name, openSource(db));
    return '';
  }
  const source = openSource(db);
  sources.set(db.name, source);
  // Any query proves the connection; a table that does not exist is fine here.
  await source.columns('govshare_agent_cursor');
  if (inbound) sinks.set(db.name, openSink(db, undefined, true));
  return '';
}
