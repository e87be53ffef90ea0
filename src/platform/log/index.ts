import { type DestinationStream, type LoggerOptions, type Logger as PinoLogger, pino } from 'pino';

/**
 * The log a service writes to: pino's own interface, narrowed to what services use, so a module
 * takes `log: Logger` without depending on pino. The composition root makes one pino logger,
 * shared by Fastify's request log, and gives each module a child bound to its name
 * (`log.child({ module: 'exchange' })`).
 */
export interface Logger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/**
 * How the platform logs, as Fastify's `logger` option spells it: false (nothing), true (info to
 * stdout), or pino options with an optional `stream` (tests read the lines) or `file`.
 */
export type LogSettings = boolean | (LoggerOptions & { stream?: DestinationStream; file?: string });

/** The platform's one pino logger; a disabled one writes nothing but keeps the interface. */
export function createLogger(settings: LogSettings | undefined): PinoLogger {
  if (!settings) return pino({ enabled: false });
  if (settings === true) return pino();
  const { stream, file, ...options } = settings;
  if (stream && file) throw new Error('log settings name both a stream and a file');
  if (stream) return pino(options, stream);
  return file ? pino(options, pino.destination(file)) : pino(options);
}
