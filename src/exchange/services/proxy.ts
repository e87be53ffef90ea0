import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { authorize } from '../../org/index.js';
import type { CryptoSuite, ExchangeConfig } from '../../platform/config/index.js';
import type { RequestContext } from '../../platform/context/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { OpenedRead } from '../access.js';
import { readStatementOf } from '../access.js';
import type { RecordVerification } from '../model.js';
import { ExchangeActions } from '../policies.js';
import { ServiceErrors } from './errors.js';
import { filterResponse, responsePlan } from './filter.js';
import { callUpstream, upstreamHeaders, upstreamUrl } from './forward.js';
import type { InterfaceServices, ServiceResource } from './registry.js';
import type { ServiceMethod } from './schema.js';

/** A consumer's call as the route hands it over. */
export interface ServiceCall {
  entryId: string;
  method: ServiceMethod;
  /** The path below `/service`, as received (still percent-encoded), `''` or starting with `/`. */
  rest: string;
  /** The raw query string, without `?`. */
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer | undefined;
  /** Aborts the upstream call when the consumer has gone away. */
  cancel?: AbortSignal | undefined;
}

/** What the consumer receives. */
export interface ServiceReply {
  status: number;
  contentType: string | undefined;
  contentLanguage: string | undefined;
  body: Buffer;
  /** The resource as a whole is under verification (R83): the route says so in a header. */
  underVerification: boolean;
}

/**
 * The response header naming a proxied answer's resource as under verification (R83): `resource`.
 * A provider's answer is its own format, in which the gateway does not identify record keys (its
 * access entry names none either), so record-level marks cannot travel in it; a request on the
 * resource as a whole marks every answer of it, through this header.
 */
export const UNDER_VERIFICATION_HEADER = 'x-govshare-under-verification';

export interface ProxyDeps {
  services: InterfaceServices;
  config: Pick<ExchangeConfig, 'serviceTimeoutMs' | 'serviceMaxBytes'>;
  cryptoSuite: CryptoSuite;
  /** Called right after the grant check: the rate limiter. */
  afterOpen?: ((read: OpenedRead<ServiceResource>) => Promise<void>) | undefined;
  /** Whether the resource is under verification as a whole (R83); none where unbound. */
  verification?: RecordVerification | undefined;
}

function hash(suite: CryptoSuite, ...parts: (string | Buffer)[]): string {
  const h = createHash(suite === 'sm' ? 'sm3' : 'sha256');
  for (const part of parts) h.update(part);
  return h.digest('hex');
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** An answer the gateway cannot filter passes only to a read that covers every item in clear. */
function coversAll(read: OpenedRead<ServiceResource>): boolean {
  const granted = new Set(read.columns.map((c) => c.item));
  return read.masked.size === 0 && read.resource.columns.every((c) => !c.active || granted.has(c.item));
}

/**
 * One call through the gateway (接口服务代理): the access check (purpose, grant with method
 * `interface`, audited refusals), the rate limit, the upstream call, the grant's filter on the
 * answer, and exactly one access entry, durable before the answer is sent. A call that fails
 * after the grant check (timeout, unreachable, too large, upstream error, unfilterable answer)
 * is audited with the status the consumer gets.
 *
 * The access entry names no record keys (the gateway does not parse the provider's paths); it
 * holds digests (SM3 or SHA-256) of the request (method, path, query, body) and of the answer as
 * delivered, so that a disputed call can be matched against what either side kept, without the
 * trace holding the personal data itself.
 */
export async function proxyCall(
  deps: ProxyDeps,
  ctx: RequestContext,
  call: ServiceCall,
): Promise<ServiceReply> {
  const { services } = deps;
  const { access } = services;
  const statement = readStatementOf(call.headers);
  authorize(ctx.actor, ExchangeActions['exchange.read'], { departmentId: ctx.actor.departmentId });
  const resource = await services.resource(call.entryId);
  const refuse = (error: AppError) => access.refuse(ctx, call.entryId, 'interface', statement, error);
  if (!resource)
    return refuse(ServiceErrors.error('EXCHANGE_SERVICE_NOT_REGISTERED', { entryId: call.entryId }));
  const { service } = resource;
  if (service.disabled)
    return refuse(ServiceErrors.error('EXCHANGE_SERVICE_DISABLED', { code: resource.entry.code }));
  if (!service.specProvided)
    return refuse(ServiceErrors.error('EXCHANGE_SERVICE_SPEC_MISSING', { code: resource.entry.code }));
  if (!service.methods.includes(call.method))
    return refuse(
      ServiceErrors.error('EXCHANGE_SERVICE_METHOD_NOT_ALLOWED', {
        method: call.method,
        allowed: service.methods.join(', '),
      }),
    );
  let url: URL;
  try {
    url = upstreamUrl(service.url, call.rest, call.query);
  } catch (error) {
    return refuse(error as AppError);
  }
  const read = await access.open(ctx, call.entryId, 'interface', statement);
  await deps.afterOpen?.(read);

  const requestBody = call.method === 'POST' ? (call.body ?? Buffer.alloc(0)) : Buffer.alloc(0);
  const requestDigest = hash(deps.cryptoSuite, `${call.method} ${call.rest}?${call.query}\n`, requestBody);
  const timeoutMs = Math.min(service.timeoutMs ?? deps.config.serviceTimeoutMs, deps.config.serviceTimeoutMs);
  const maxBytes = Math.min(service.maxBytes ?? deps.config.serviceMaxBytes, deps.config.serviceMaxBytes);
  const started = performance.now();
  const record = async (status: number, detail: Record<string, unknown>) => {
    const durationMs = Math.round(performance.now() - started);
    await access.recordRead(ctx, read, {
      keys: [],
      resultCount: status < 400 ? 1 : 0,
      status,
      detail: { requestDigest, durationMs, ...detail },
    });
    services.noteCall(service.id, status, durationMs);
  };

  let answer: Awaited<ReturnType<typeof callUpstream>>;
  try {
    answer = await callUpstream({
      url,
      method: call.method,
      headers: upstreamHeaders(call.headers, services.headersOf(resource), {
        purpose: statement.purpose,
        caseNumber: statement.caseNumber,
        consumerDepartmentId: ctx.actor.departmentId,
        requestId: ctx.requestId ?? '',
        grantId: read.grant.id,
      }),
      body: call.method === 'POST' ? requestBody : undefined,
      timeoutMs,
      maxBytes,
      cancel: call.cancel,
      guard: services.guard,
    });
  } catch (error) {
    const failure =
      error instanceof AppError
        ? error
        : ServiceErrors.error('EXCHANGE_SERVICE_UNREACHABLE', {}, { cause: error });
    await record(failure.status, {
      failed: failure.code,
      upstreamStatus: failure.params.upstreamStatus ?? null,
      responseDigest: null,
      bytes: 0,
    });
    throw failure;
  }

  let body = answer.body;
  let contentType = answer.contentType;
  let dropped = 0;
  if (body.length > 0) {
    let parsed: unknown;
    let isJson = false;
    if (contentType && JSON_TYPE.test(contentType)) {
      try {
        parsed = JSON.parse(body.toString('utf8'));
        isJson = true;
      } catch {
        isJson = false;
      }
    }
    if (isJson) {
      const filtered = filterResponse(
        parsed,
        responsePlan(resource.columns, service.fieldMap, service.passthrough, read),
      );
      body = Buffer.from(JSON.stringify(filtered.value), 'utf8');
      contentType = 'application/json; charset=utf-8';
      dropped = filtered.dropped;
    } else if (!coversAll(read)) {
      const refusal = ServiceErrors.error('EXCHANGE_SERVICE_NOT_FILTERABLE');
      await record(refusal.status, {
        failed: refusal.code,
        upstreamStatus: answer.status,
        upstreamContentType: contentType ?? null,
        responseDigest: null,
        bytes: 0,
      });
      throw refusal;
    }
  }
  await record(answer.status, {
    upstreamStatus: answer.status,
    responseDigest: hash(deps.cryptoSuite, body),
    bytes: body.length,
    droppedFields: dropped,
  });
  const underVerification = (await deps.verification?.resourceUnderVerification(call.entryId)) ?? false;
  return {
    status: answer.status,
    contentType,
    contentLanguage: answer.contentLanguage,
    body,
    underVerification,
  };
}
