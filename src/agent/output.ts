import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { MappingStatus } from './status.js';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/**
 * Where the agent writes: on a terminal, readable log lines under one progress line that keeps
 * updating; otherwise (a service, a pipe) JSON log lines (pino), progress included every 10 s.
 */
export class Output {
  readonly log: Logger;
  readonly tty: boolean;
  #line = '';
  #timer: NodeJS.Timeout | undefined;
  #last = new Map<string, { rows: number; at: number; rate: number }>();

  constructor(
    level: string,
    base: Record<string, unknown>,
    private readonly stream: NodeJS.WriteStream = process.stdout,
  ) {
    this.tty = Boolean(stream.isTTY);
    if (!this.tty) {
      this.log = pino({ level, base, timestamp: pino.stdTimeFunctions.isoTime }, stream);
      return;
    }
    const self = this;
    const human = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const text of chunk.toString('utf8').split('\n')) {
          if (!text) continue;
          try {
            const { level: n, time, msg, err, ...rest } = JSON.parse(text) as Record<string, unknown>;
            for (const k of Object.keys(base)) delete rest[k];
            delete rest.pid;
            delete rest.hostname;
            const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
            const error = err ? ` — ${(err as { message?: string }).message ?? ''}` : '';
            self.#print(`${String(time).slice(11, 19)} ${LEVELS[n as number] ?? n} ${msg}${extra}${error}`);
          } catch {
            self.#print(text);
          }
        }
        done();
      },
    });
    this.log = pino({ level, base, timestamp: pino.stdTimeFunctions.isoTime }, human);
  }

  #print(text: string): void {
    this.stream.write(`\r\x1b[K${text}\n${this.#line}`);
  }

  /** Starts showing the mappings' progress: a line on a terminal, a log entry otherwise. */
  start(statuses: () => MappingStatus[]): void {
    const every = this.tty ? 500 : 10_000;
    this.#timer = setInterval(() => this.#render(statuses()), every);
    this.#timer.unref();
  }

  #rate(s: MappingStatus): number {
    const now = Date.now();
    const last = this.#last.get(s.name);
    let rate = last?.rate ?? 0;
    if (last && now - last.at >= 1000) {
      rate = ((s.rowsThisRun - last.rows) * 1000) / (now - last.at);
      this.#last.set(s.name, { rows: s.rowsThisRun, at: now, rate });
    } else if (!last) this.#last.set(s.name, { rows: s.rowsThisRun, at: now, rate: 0 });
    return rate;
  }

  #render(statuses: MappingStatus[]): void {
    const parts = statuses.map((s) => {
      const rate = this.#rate(s);
      const arrow = s.direction === 'outbound' ? '↑' : '↓';
      const lag = s.lagSeconds === null ? '—' : `${s.lagSeconds.toFixed(1)}s`;
      const seq = s.direction === 'inbound' ? ` ${s.cursor ?? 0}/${s.lastSeq ?? '?'}` : '';
      const error = s.lastError ? ' ⚠' : '';
      return {
        s,
        rate,
        text: `${arrow}${s.name} ${s.phase}${seq} · ${s.rowsThisRun.toLocaleString('en')} 行 rows · ${Math.round(rate).toLocaleString('en')}/s · 延迟 lag ${lag}${error}`,
      };
    });
    if (this.tty) {
      this.#line = parts
        .map((p) => p.text)
        .join(' | ')
        .slice(0, (this.stream.columns ?? 160) - 1);
      this.stream.write(`\r\x1b[K${this.#line}`);
    } else {
      this.log.info(
        {
          progress: parts.map((p) => ({
            mapping: p.s.name,
            direction: p.s.direction,
            phase: p.s.phase,
            rows: p.s.rowsThisRun,
            rowsPerSec: Math.round(p.rate),
            lagSeconds: p.s.lagSeconds,
            ...(p.s.direction === 'inbound' ? { cursor: p.s.cursor, lastSeq: p.s.lastSeq } : {}),
            lastError: p.s.lastError,
          })),
        },
        '进度 / progress',
      );
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.tty && this.#line) this.stream.write('\n');
    this.#line = '';
  }
}
