import { writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server, Socket } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { decodeValue } from '../../exchange/hosting/columns.js';
import type { ItemValue } from '../../exchange/model.js';
import {
  type ExchangeWorld,
  type ExchangeWorldOptions,
  startExchangeWorld,
} from '../../exchange/test-support/index.js';
import type { DialectName } from '../../platform/db/index.js';
import { parseConfig } from '../config/load.js';
import { Agent } from '../runner.js';
import { scratchDir } from './databases.js';

/** An API client's credentials, as a node's configuration holds them. */
export interface Credentials {
  clientId: string;
  secret: string;
}

/**
 * A platform listening on a real port with the police's hosted entry (`exchangeContent`, no
 * records yet), an API client for the police (the provider's node) and one for 人社 (a
 * subscriber's node, granted a subscription), and a temp directory for configurations and state.
 */
export interface AgentWorld {
  x: ExchangeWorld;
  url: string;
  provider: Credentials;
  consumer: Credentials;
  dir: string;
  /** The hosted rows now: canonical key → record by item name. */
  platformRows(entryId?: string): Promise<Map<string, Record<string, ItemValue>>>;
  /** The resource's change log in seq order. */
  changes(entryId?: string): Promise<Array<{ seq: number; op: string; key: string; source: string }>>;
  /** Writes a configuration file and answers its path. */
  writeConfig(name: string, yaml: string): string;
  close(): Promise<void>;
}

/**
 * The head of an agent configuration: the node, its state in the world's folder, and the platform
 * reached as `client` (the provider's node unless told) with the secret from `${SECRET}`.
 */
export function agentHead(
  world: AgentWorld,
  name: string,
  state: string,
  options: { client?: Credentials; logLevel?: string } = {},
): string {
  return `node:
  name: ${name}
  stateDir: ${world.dir}/${state}
${options.logLevel ? `  logLevel: ${options.logLevel}\n` : ''}platform:
  url: ${world.url}
  clientId: ${(options.client ?? world.provider).clientId}
  clientSecret: \${SECRET}
`;
}

export async function startAgentWorld(
  dialect: DialectName,
  options: ExchangeWorldOptions = {},
): Promise<AgentWorld> {
  const x = await startExchangeWorld(dialect, { records: 0, ...options });
  await x.platform.http.listen({ port: 0, host: '127.0.0.1' });
  const port = (x.platform.http.server.address() as AddressInfo).port;
  const provider = await x.apiClient(x.w.departments.police, '公安前置机');
  const consumer = await x.apiClient(x.w.departments.hrss, '人社前置机');
  const tmp = scratchDir();
  return {
    x,
    url: `http://127.0.0.1:${port}`,
    provider: { clientId: provider.clientId, secret: provider.secret },
    consumer: { clientId: consumer.clientId, secret: consumer.secret },
    dir: tmp.dir,
    async platformRows(entryId = x.entryId) {
      const resource = await x.hosted(entryId);
      const active = resource.columns.filter((c) => c.active);
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(resource.table)}`.execute(
        x.platform.storage.db,
      );
      return new Map(
        rows.map((row) => [
          String(row._key),
          Object.fromEntries(active.map((c) => [c.item, decodeValue(c, row[c.column])])),
        ]),
      );
    },
    async changes(entryId = x.entryId) {
      const resource = await x.hosted(entryId);
      const rows = await x.platform.storage.db
        .selectFrom('exchange_change')
        .select(['seq', 'op', 'key', 'source'])
        .where('resource_id', '=', resource.id)
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    },
    writeConfig(name, yaml) {
      const path = join(tmp.dir, name);
      writeFileSync(path, yaml);
      return path;
    },
    async close() {
      // A long poll the agent abandoned can leave its connection counted as active, and
      // http.close() would wait for it.
      x.platform.http.server.closeAllConnections();
      await x.close();
      tmp.drop();
    },
  };
}

/** Runs an agent in this process on a configuration text; `stop` it when done. */
export function startAgent(
  file: string,
  yaml: string,
  env: NodeJS.ProcessEnv = {},
  options: { heartbeatMs?: number } = {},
): Agent {
  const config = parseConfig(file, yaml, env);
  const agent = new Agent(config, {
    log: pino({ level: process.env.GOVSHARE_AGENT_TEST_LOG ?? 'silent' }),
    version: 'test',
    ...options,
  });
  agent.start();
  return agent;
}

/** Polls `check` until it answers true, or fails with `what` after `ms`. */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  ms = 20_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
      last = undefined;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/**
 * A TCP proxy in front of the platform whose connection can be cut (network loss) and restored
 * on the same port.
 */
export class CuttableProxy {
  #server: Server | undefined;
  #sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Drops every connection and refuses new ones. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const s of this.#sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async close(): Promise<void> {
    await this.cut();
  }
}
