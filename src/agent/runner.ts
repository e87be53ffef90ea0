import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { backoffMs, sleep } from './backoff.js';
import type { AgentConfig, DatabaseConfig } from './config/model.js';
import { InboundSync } from './inbound.js';
import { OutboundSync } from './outbound.js';
import { PlatformClient, StoppedError } from './platform-client.js';
import { openSink, type Sink } from './sinks/index.js';
import { CursorMovedError } from './sinks/types.js';
import { openSource, type Source } from './sources/index.js';
import { StateStore } from './state.js';
import { describeError, MappingError, type MappingStatus } from './status.js';

/** A mapping that will not work until its configuration, table or catalog entry changes is retried this often. */
const MAPPING_RETRY_MS = 60_000;

export interface AgentOptions {
  log: Logger;
  version: string;
  /** Milliseconds between heartbeats; the platform's answer may change it. */
  heartbeatMs?: number;
}

type Sync = OutboundSync | InboundSync;

/**
 * The running node: one loop per mapping, a heartbeat, and a clean stop. `stop()` lets each loop
 * finish the batch in hand and save its state; a long poll in progress is abandoned (nothing of it
 * was applied).
 */
export class Agent {
  readonly client: PlatformClient;
  readonly syncs: Sync[] = [];
  readonly startedAt = new Date().toISOString();
  #store: StateStore | undefined;
  #sources = new Map<string, Source>();
  #sinks = new Map<string, Sink>();
  #stop = new AbortController();
  #loops: Promise<void>[] = [];
  #heartbeatMs: number;
  #lockFile: string;

  constructor(
    readonly config: AgentConfig,
    private readonly options: AgentOptions,
  ) {
    const log = options.log;
    this.#heartbeatMs = options.heartbeatMs ?? 20_000;
    this.#lockFile = join(config.node.stateDir, 'agent.lock');
    this.client = new PlatformClient({
      url: config.platform.url,
      clientId: config.platform.clientId,
      clientSecret: config.platform.clientSecret,
      timeoutMs: config.platform.timeoutSeconds * 1000,
      userAgent: `govshare-agent/${options.version}`,
      onRetry: (error, attempt, delay) =>
        log.warn(
          { attempt, delayMs: Math.round(delay), status: error.status },
          `重试 / retrying: ${error.message}`,
        ),
    });
  }

  get statuses(): MappingStatus[] {
    return this.syncs.map((s) => s.status);
  }

  #database(name: string): DatabaseConfig {
    return this.config.databases.get(name) as DatabaseConfig;
  }

  #onDbError = (error: Error) =>
    this.options.log.warn({ err: error }, '数据库连接出错 / database connection error');

  #source(name: string): Source {
    let source = this.#sources.get(name);
    if (!source) {
      source = openSource(this.#database(name), this.#onDbError, (detail, message) =>
        this.options.log.info(detail, message),
      );
      this.#sources.set(name, source);
    }
    return source;
  }

  #sink(name: string): Sink {
    let sink = this.#sinks.get(name);
    if (!sink) {
      sink = openSink(this.#database(name), this.#onDbError);
      this.#sinks.set(name, sink);
    }
    return sink;
  }

  /** Refuses to share a state directory with another running agent: both would send every batch. */
  #lock(): void {
    if (existsSync(this.#lockFile)) {
      const pid = Number(readFileSync(this.#lockFile, 'utf8'));
      let alive = false;
      if (pid > 0 && pid !== process.pid)
        try {
          process.kill(pid, 0);
          alive = true;
        } catch {
          alive = false;
        }
      if (alive)
        throw new Error(
          `另一个前置机进程（${pid}）正在使用状态目录 ${this.config.node.stateDir} / another agent (pid ${pid}) uses ${this.config.node.stateDir}`,
        );
    }
    writeFileSync(this.#lockFile, String(process.pid));
  }

  /** Opens the state and the databases and starts every mapping's loop and the heartbeat. */
  start(): void {
    const { config } = this;
    this.#store = new StateStore(config.node.stateDir);
    this.#lock();
    const log = this.options.log;
    for (const mapping of config.outbound) {
      const sync = new OutboundSync({
        mapping,
        database: this.#database(mapping.database),
        source: this.#source(mapping.database),
        store: this.#store,
        client: this.client,
        log,
        nodeName: config.node.name,
        clientId: config.platform.clientId,
        stateDir: config.node.stateDir,
      });
      this.syncs.push(sync);
    }
    for (const mapping of config.inbound) {
      const sync = new InboundSync({
        mapping,
        database: this.#database(mapping.database),
        sink: this.#sink(mapping.database),
        client: this.client,
        log,
      });
      this.syncs.push(sync);
    }
    this.#loops = this.syncs.map((sync) => this.#loop(sync));
    this.#loops.push(this.#heartbeatLoop());
  }

  async #loop(sync: Sync): Promise<void> {
    const log = this.options.log.child({ mapping: sync.mapping.name });
    const stop = this.#stop.signal;
    let prepared = false;
    let failures = 0;
    /** The outage this loop recorded; a later step that succeeds clears it (rejected rows stay). */
    let outage: string | undefined;
    while (!stop.aborted) {
      try {
        if (!prepared) {
          for (const warning of await sync.prepare(stop)) log.warn(warning);
          prepared = true;
          log.info(`映射就绪 / mapping ready (${sync.status.direction})`);
        }
        const more = await sync.step(stop);
        failures = 0;
        if (outage !== undefined && sync.status.lastError === outage) sync.status.lastError = null;
        outage = undefined;
        if (!more) {
          const idle =
            sync instanceof OutboundSync
              ? sync.mapping.intervalSeconds * 1000
              : sync.mapping.waitSeconds === 0
                ? 1000
                : 0;
          if (idle > 0) await sleep(idle, stop);
        }
      } catch (error) {
        if (error instanceof StoppedError || stop.aborted) break;
        sync.status.lastError = describeError(error);
        outage = sync.status.lastError;
        sync.status.phase = 'error';
        if (error instanceof MappingError) {
          for (const problem of error.problems) log.error(problem);
          prepared = false;
          await sleep(MAPPING_RETRY_MS, stop);
        } else {
          if (error instanceof CursorMovedError) prepared = false;
          const delay = backoffMs(failures++);
          log.warn({ delayMs: Math.round(delay) }, `${sync.status.lastError}`);
          await sleep(delay, stop);
        }
      }
    }
    sync.status.phase = 'stopped';
  }

  heartbeatBody() {
    return {
      nodeName: this.config.node.name,
      version: this.options.version,
      startedAt: this.startedAt,
      mappings: this.statuses.map((s) => ({
        name: s.name,
        direction: s.direction,
        entryId: s.entryId,
        lagSeconds: s.lagSeconds === null ? null : Math.round(s.lagSeconds * 10) / 10,
        lastSyncedAt: s.lastSyncedAt,
        rowsSynced: s.rowsSynced,
        lastError: s.lastError ? s.lastError.slice(0, 2000) : null,
      })),
      lastError: null,
    };
  }

  async heartbeat(): Promise<void> {
    const answer = await this.client.request<{ heartbeatSeconds?: number }>(
      'POST',
      '/api/v1/exchange/nodes/heartbeat',
      {
        body: this.heartbeatBody(),
        attempts: 1,
        timeoutMs: 10_000,
      },
    );
    if (answer.heartbeatSeconds && !this.options.heartbeatMs)
      this.#heartbeatMs = answer.heartbeatSeconds * 1000;
  }

  async #heartbeatLoop(): Promise<void> {
    const stop = this.#stop.signal;
    let failing = false;
    while (!stop.aborted) {
      try {
        await this.heartbeat();
        if (failing) this.options.log.info('心跳恢复 / heartbeat restored');
        failing = false;
      } catch (error) {
        if (!failing) this.options.log.warn(`心跳失败 / heartbeat failed: ${describeError(error)}`);
        failing = true;
      }
      await sleep(this.#heartbeatMs, stop);
    }
  }

  /** Lets every loop finish its batch, sends a last heartbeat, closes everything. */
  async stop(graceMs = 30_000): Promise<boolean> {
    this.#stop.abort();
    const finished = await Promise.race([
      Promise.allSettled(this.#loops).then(() => true),
      sleep(graceMs).then(() => false),
    ]);
    await this.heartbeat().catch(() => undefined);
    for (const source of this.#sources.values()) await source.close().catch(() => undefined);
    for (const sink of this.#sinks.values()) await sink.close().catch(() => undefined);
    if (finished) {
      this.#store?.close();
      rmSync(this.#lockFile, { force: true });
    }
    return finished;
  }
}
