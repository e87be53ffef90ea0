import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '../../platform/errors/index.js';
import type { AddressGuard } from '../../platform/net/index.js';
import { ServiceErrors } from './errors.js';

/** Whether text holds a C0 control character or DEL. */
export function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * The upstream URL of a call: the registered URL's path, then the consumer's path below it, then
 * the consumer's query. The consumer never chooses scheme, host or port, and cannot climb out of
 * the registered base path: dot segments, encoded slashes or backslashes and control characters
 * are refused rather than normalised, since the provider's server might decode them differently.
 *
 * @example upstreamUrl('https://rk.gov.example/api/v2', '/persons/110105', 'fields=all')
 *   // https://rk.gov.example/api/v2/persons/110105?fields=all
 */
export function upstreamUrl(registered: string, rest: string, query: string): URL {
  const base = new URL(registered);
  if (rest !== '' && !rest.startsWith('/')) throw ServiceErrors.error('EXCHANGE_SERVICE_PATH_INVALID');
  const segments = rest === '' ? [] : rest.slice(1).split('/');
  for (const segment of segments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw ServiceErrors.error('EXCHANGE_SERVICE_PATH_INVALID');
    }
    if (
      decoded === '.' ||
      decoded === '..' ||
      /[/\\]/.test(decoded) ||
      hasControl(decoded) ||
      /[\\ ]/.test(segment) ||
      /%2e|%2f|%5c/i.test(decoded)
    )
      throw ServiceErrors.error('EXCHANGE_SERVICE_PATH_INVALID');
  }
  if (hasControl(query) || query.includes('#')) throw ServiceErrors.error('EXCHANGE_SERVICE_PATH_INVALID');
  const target = new URL(base.href);
  const basePath = base.pathname.endsWith('/') ? base.pathname.slice(0, -1) : base.pathname;
  target.pathname = rest === '' ? base.pathname : `${basePath}${rest}`;
  target.search = query === '' ? '' : `?${query}`;
  // Belt and braces: whatever the parsing above missed, the origin and base path must hold.
  if (target.origin !== base.origin || !target.pathname.startsWith(basePath))
    throw ServiceErrors.error('EXCHANGE_SERVICE_PATH_INVALID');
  return target;
}

/** Consumer headers that describe the content, passed on; everything else stays at the gateway. */
const FORWARDED = ['content-type', 'accept', 'accept-language'] as const;

/** What the gateway tells the provider about a call, besides the provider's own secret headers. */
export interface CallFacts {
  purpose: string;
  caseNumber?: string | undefined;
  consumerDepartmentId: string;
  requestId: string;
  grantId: string;
}

/**
 * The headers of the upstream request: a few content headers of the consumer's (never its
 * Authorization, cookies or connection headers), the provider's sealed headers, then the facts
 * of the call, which neither side can override.
 */
export function upstreamHeaders(
  consumer: IncomingHttpHeaders,
  provider: Readonly<Record<string, string>>,
  facts: CallFacts,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = consumer[name];
    if (typeof value === 'string' && value !== '') out[name] = value;
  }
  Object.assign(out, provider);
  out['x-govshare-purpose'] = facts.purpose;
  // fetch takes header values as byte strings: a Chinese case number goes as its UTF-8 bytes,
  // the way it arrived.
  if (facts.caseNumber)
    out['x-govshare-case-number'] = Buffer.from(facts.caseNumber, 'utf8').toString('latin1');
  out['x-govshare-consumer'] = facts.consumerDepartmentId;
  out['x-govshare-request-id'] = facts.requestId;
  out['x-govshare-grant'] = facts.grantId;
  return out;
}

/** The provider's answer, read whole (it must be filtered before anything is sent on). */
export interface UpstreamAnswer {
  status: number;
  contentType: string | undefined;
  contentLanguage: string | undefined;
  body: Buffer;
}

export interface UpstreamCall {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: Buffer | undefined;
  timeoutMs: number;
  maxBytes: number;
  /** Aborts the call when the consumer has gone away. */
  cancel?: AbortSignal | undefined;
  /** Refuses, at connect time, addresses the gateway may not reach (SSRF, DNS rebinding). */
  guard: AddressGuard;
}

/**
 * Calls the provider. Never hangs: the whole exchange, body included, is bound by `timeoutMs`
 * (→ EXCHANGE_SERVICE_TIMEOUT); the body is read as a stream and the call aborted past
 * `maxBytes` (→ EXCHANGE_SERVICE_TOO_LARGE); a refused connection or unknown host →
 * EXCHANGE_SERVICE_UNREACHABLE; a 5xx → EXCHANGE_SERVICE_FAILED, and so are a redirect (never
 * followed: it would lead away from the registered address) and a 401/407 (the gateway called
 * with the provider's own registered credentials: the registration is wrong, not the consumer).
 * Other 4xx answers are the provider's answer to the consumer and pass on, filtered. Each error
 * carries `upstreamStatus` when the provider answered at all.
 */
export async function callUpstream(call: UpstreamCall): Promise<UpstreamAnswer> {
  const abort = new AbortController();
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const signal = AbortSignal.any([abort.signal, timeout, ...(call.cancel ? [call.cancel] : [])]);
  const failure = (error: unknown, status?: number): AppError => {
    if (error instanceof AppError) return error;
    // fetch wraps what the guard's lookup refused as the cause of its "fetch failed".
    if (error instanceof Error && error.cause instanceof AppError) return error.cause;
    if (timeout.aborted)
      return ServiceErrors.error('EXCHANGE_SERVICE_TIMEOUT', {
        timeoutMs: call.timeoutMs,
        upstreamStatus: status,
      });
    return ServiceErrors.error('EXCHANGE_SERVICE_UNREACHABLE', { upstreamStatus: status }, { cause: error });
  };
  let response: Response;
  try {
    call.guard.checkLiteral(call.url);
    // Node's fetch takes an undici dispatcher; the portal's DOM typing of this file does not know it.
    const init: RequestInit & { dispatcher: unknown } = {
      dispatcher: call.guard.dispatcher,
      method: call.method,
      headers: call.headers,
      ...(call.body && call.method === 'POST' ? { body: new Uint8Array(call.body) } : {}),
      redirect: 'manual',
      signal,
    };
    response = await fetch(call.url, init as RequestInit);
  } catch (error) {
    throw failure(error);
  }
  const status = response.status;
  if (status >= 500 || (status >= 300 && status < 400) || status === 401 || status === 407) {
    abort.abort();
    throw ServiceErrors.error('EXCHANGE_SERVICE_FAILED', { upstreamStatus: status });
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > call.maxBytes) {
    abort.abort();
    throw ServiceErrors.error('EXCHANGE_SERVICE_TOO_LARGE', {
      maxBytes: call.maxBytes,
      upstreamStatus: status,
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // A reader rather than `for await`: the portal's type-check (DOM streams) shares this file.
    const reader = response.body?.getReader();
    for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
      const chunk = read.value;
      size += chunk.byteLength;
      if (size > call.maxBytes) {
        abort.abort();
        throw ServiceErrors.error('EXCHANGE_SERVICE_TOO_LARGE', {
          maxBytes: call.maxBytes,
          upstreamStatus: status,
        });
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    abort.abort();
    throw failure(error, status);
  }
  return {
    status,
    contentType: response.headers.get('content-type') ?? undefined,
    contentLanguage: response.headers.get('content-language') ?? undefined,
    body: Buffer.concat(chunks, size),
  };
}
