import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import helmet from 'helmet';
import { type AppError, CommonErrors } from '../errors/index.js';
import { ErrorBody, frameworkError, MAX_PARAM_LENGTH, sendError, toAppError } from './errors.js';
import { lazySerializers, lazyValidator } from './lazy-compile.js';
import { nameOperations } from './operation-id.js';
import { DEFAULT_REQUEST_LOG, type RequestLogOptions, registerRequestLog } from './request-log.js';
import { addSafeNumberKeywords, safeNumbers } from './safe-numbers.js';
import { registerWellFormedInput } from './well-formed.js';

export { ErrorBody, errorResponses, sendError, toAppError } from './errors.js';
export type { RequestLogMode, RequestLogOptions } from './request-log.js';
export { DeadlineSchema, Id, literals, Nullable, strict } from './schemas.js';
export { allStorable, isStorableText } from './well-formed.js';

export type HttpServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers without authentication (health, login, docs). Everything else requires it. */
    public?: boolean;
  }
}

export interface HttpOptions {
  bodyLimitBytes: number;
  /** Fastify's own logger settings, or `loggerInstance`: the platform's logger, shared with its services. */
  logger?: FastifyServerOptions['logger'];
  loggerInstance?: FastifyBaseLogger;
  /** Document title and version in OpenAPI. */
  version: string;
  /** Trust X-Forwarded-For from a reverse proxy in front (off by default). */
  trustProxy?: boolean;
  /** Which requests get a log line (default: failures and slow ones); see request-log.ts. */
  requestLog?: RequestLogOptions;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

function makeAjv(coerce: boolean): Ajv {
  // Bodies are validated strictly (a string is never taken for a number); path, query and
  // headers arrive as text and are coerced. Unknown properties are rejected, never dropped.
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    allErrors: false,
    strict: false,
    strictNumbers: true,
  });
  addFormats.default(ajv);
  addSafeNumberKeywords(ajv);
  return ajv;
}

/** The HTTP plumbing every route stands on: ids, logs, headers, limits, validation, errors, OpenAPI. */
export async function createHttpServer(options: HttpOptions): Promise<HttpServer> {
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger }),
    // Fastify's own two lines a request are replaced by registerRequestLog's one.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimitBytes,
    trustProxy: options.trustProxy ?? false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    schemaController: { compilersFactory: { buildSerializer: lazySerializers() } },
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      sendError(frameworkError(error, request), request, reply);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    lazyValidator(() => (httpPart === 'body' ? strict : coercing).compile(safeNumbers(schema))),
  );
  registerWellFormedInput(app as unknown as FastifyInstance);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerRequestLog(app as unknown as FastifyInstance, options.requestLog ?? DEFAULT_REQUEST_LOG);

  app.addSchema(ErrorBody);

  // Security headers, built once: @fastify/helmet rebuilds helmet's middleware (and re-parses the
  // CSP) on every request, which cost the exchange's key query a tenth of its time.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => CommonErrors.error('RATE_LIMITED'),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'govshare 政务信息资源共享交换平台 API',
        version: options.version,
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        description:
          '政务部门系统对接接口。所有错误以 `{ "error": { "code", "message", "field", "requestId" } }` 返回，错误代码见 docs/errors.md。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'govshare_session' },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
      // Paths are absolute from the platform's own address, whatever host serves it.
      servers: [{ url: '/', description: '本平台 / this platform' }],
    },
    // Every operation named for generated clients (openapi-typescript, openapi-generator): per
    // method, since one route may answer several (the service proxy takes GET and POST).
    transformObject: (documentObject) =>
      'openapiObject' in documentObject
        ? nameOperations(documentObject.openapiObject)
        : documentObject.swaggerObject,
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) || `def-${i}` },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    staticCSP: true,
    transformSpecification: (spec) => spec,
  });
  // The JSON document at a stable, documented path (swagger-ui serves it at /api/docs/json too).
  app.get('/api/docs/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );

  app.setErrorHandler((error, request, reply) => {
    let appError: AppError;
    try {
      appError = toAppError(error, request);
    } catch (failure) {
      // Whatever goes wrong here, the answer stays the platform's own, with the request id.
      request.log.error({ err: failure, original: error, requestId: request.id }, 'error handling failed');
      appError = CommonErrors.error('INTERNAL', { requestId: request.id });
    }
    if (appError.status >= 500) request.log.error({ err: error, requestId: request.id }, 'request failed');
    // The request line (request-log.ts) already tells of every refusal; the code, field and a
    // library's replaced message (an unreadable file) are there for debugging.
    else
      request.log.debug(
        { code: appError.code, field: appError.field, cause: appError.cause },
        'request refused',
      );
    if (reply.sent || reply.raw.headersSent) {
      // A streamed answer broke off after its head went out: nothing more can be said to the client.
      reply.raw.destroy();
      return reply;
    }
    return sendError(appError, request, reply);
  });

  return app as unknown as HttpServer;
}
