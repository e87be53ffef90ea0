import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AppError, CommonErrors } from '../errors/index.js';

/**
 * Text that every store keeps exactly: well-formed UTF-16 (no lone surrogate, which SQLite and
 * PostgreSQL would store as U+FFFD) without U+0000 (which PostgreSQL refuses and SQLite keeps).
 * Checked once at the boundary so that what a handler hashes, stores and reads back is the same.
 */
export function isStorableText(text: string): boolean {
  return text.isWellFormed() && !text.includes('\0');
}

/**
 * A container whose own properties are data: what JSON, the query string and the router build
 * (the router's params objects sit one prototype above null). Buffers and streams are not.
 */
function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * True when every string in `value` — keys included — is storable text. Walks with its own stack,
 * so a deeply nested body cannot overflow the call stack, and builds no paths: the common case
 * (everything clean) costs one native check per string.
 */
export function allStorable(value: unknown): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (!isPlainContainer(value)) return true;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      for (const item of current) {
        if (typeof item === 'string') {
          if (!isStorableText(item)) return false;
        } else if (isPlainContainer(item)) stack.push(item);
      }
    } else {
      for (const key in current as Record<string, unknown>) {
        if (!Object.hasOwn(current as object, key)) continue;
        if (!isStorableText(key)) return false;
        const item = (current as Record<string, unknown>)[key];
        if (typeof item === 'string') {
          if (!isStorableText(item)) return false;
        } else if (isPlainContainer(item)) stack.push(item);
      }
    }
  }
  return true;
}

/** One JSON Pointer reference token (RFC 6901), shown in the error with its bad characters escaped. */
function token(key: string): string {
  return printable(key.replaceAll('~', '~0').replaceAll('/', '~1'));
}

/** The text with lone surrogates and NUL shown as \uXXXX, so the error message itself is storable. */
function printable(text: string): string {
  return text
    .toWellFormed()
    .replaceAll('\0', '\\u0000')
    .replace(/\uFFFD/g, '\\ufffd');
}

/** The JSON pointer (below `base`) of the first string or key that is not storable; only called after `allStorable` said no. */
export function firstUnstorable(value: unknown, base: string): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : base;
  if (!isPlainContainer(value)) return undefined;
  const stack: Array<[unknown, string]> = [[value, base]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    const entries: Array<[string, unknown]> = Array.isArray(current)
      ? current.map((item, i) => [String(i), item])
      : Object.entries(current as Record<string, unknown>);
    for (const [key, item] of entries) {
      const at = `${path}/${token(key)}`;
      if (!Array.isArray(current) && !isStorableText(key)) return at;
      if (typeof item === 'string') {
        if (!isStorableText(item)) return at;
      } else if (isPlainContainer(item)) stack.push([item, at]);
    }
  }
  return undefined;
}

function refuse(field: string): AppError {
  return CommonErrors.error('INPUT_ILL_FORMED_TEXT', { field });
}

/**
 * Header values the platform reads as text. The exchange compares the purpose code as sent and
 * decodes the case number from raw UTF-8 bytes (Node hands them over one latin1 character per
 * byte; see src/exchange/access.ts), so both must be UTF-8 here. Node's parser already refuses NUL
 * in any header.
 */
const TEXT_HEADERS = ['x-govshare-purpose', 'x-govshare-case-number'] as const;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const NOT_PLAIN_ASCII = /[^ -~]/;

/** The UTF-8 text of a header value as Node hands it over (one latin1 character per byte), or undefined if the bytes are not UTF-8. */
function headerText(value: string): string | undefined {
  try {
    return strictUtf8.decode(Buffer.from(value, 'latin1'));
  } catch {
    return undefined;
  }
}

/** Throws INPUT_ILL_FORMED_TEXT naming the first ill-formed string of the request's parsed input. */
export function checkRequestText(request: FastifyRequest): void {
  for (const [part, value] of [
    ['params', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ] as const)
    if (!allStorable(value)) throw refuse(firstUnstorable(value, `/${part}`) ?? `/${part}`);
  for (const name of TEXT_HEADERS) {
    const value = request.headers[name];
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      if (!NOT_PLAIN_ASCII.test(one)) continue; // printable ASCII, the usual purpose code: nothing to decode
      const text = headerText(one);
      if (text === undefined || !isStorableText(text)) throw refuse(`/headers/${name}`);
    }
  }
}

/**
 * Makes ill-formed text stop at the door: JSON bodies are decoded as strict UTF-8 (invalid bytes
 * are refused, not turned into U+FFFD), and every string of body, query, path and text headers is
 * checked before validation, so no handler — and no audit entry — ever sees a lone surrogate or
 * NUL. Multipart and streamed uploads decode their own text and are not covered here.
 */
export function registerWellFormedInput(app: FastifyInstance): void {
  // Fastify's own parser with its prototype-poisoning guards, fed text decoded strictly.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(refuse('/body'), undefined);
      return;
    }
    parseJson(request, text, done);
  });
  app.addHook('preValidation', (request, _reply, done) => {
    try {
      checkRequestText(request);
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  });
}
