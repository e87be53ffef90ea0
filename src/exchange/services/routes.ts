import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf, requestContext } from '../../org/index.js';
import { errorResponses, Nullable } from '../../platform/http/index.js';
import { readLimiter } from '../gateway/rate-limit.js';
import type { ExchangeDeps } from '../index.js';
import { EntryPageQuery, Id, literals, pageOf, strict, tags } from '../schemas.js';
import { proxyCall, UNDER_VERIFICATION_HEADER } from './proxy.js';
import type { InterfaceServices } from './registry.js';
import { SERVICE_METHODS, SERVICE_STATUSES } from './schema.js';

const API = '/api/v1/exchange/services';

const EntryId = Type.String({ pattern: '^[0-9A-Za-z_-]{1,64}$' });
const Method = literals(SERVICE_METHODS, 'HTTP 方法 / HTTP method');
const Methods = Type.Array(Method, { minItems: 1, maxItems: 2 });
const Url = Type.String({
  minLength: 8,
  maxLength: 2000,
  description: '提供部门接口地址（http/https，不含查询串）',
});
const TimeoutMs = Type.Integer({
  minimum: 100,
  maximum: 600_000,
  description: '超时（毫秒），不超过平台上限',
});
const MaxBytes = Type.Integer({
  minimum: 1024,
  maximum: 1024 ** 3,
  description: '响应大小上限（字节），不超过平台上限',
});
const FieldMap = Type.Record(
  Type.String({ minLength: 1, maxLength: 100 }),
  Type.String({ minLength: 1, maxLength: 200 }),
  {
    maxProperties: 500,
    description: '响应字段名 → 信息项名称 / response field → item name',
  },
);
const Passthrough = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  maxItems: 200,
  description: '不过滤的非信息项字段（仅标量）/ non-item fields passed unfiltered (scalars only)',
});
const Headers = Type.Record(
  Type.String({ minLength: 1, maxLength: 100 }),
  Type.String({ minLength: 1, maxLength: 4096 }),
  {
    maxProperties: 20,
    description:
      '调用提供部门接口时附加的请求头（如密钥），加密保存，不回显 / secret headers, sealed, never shown',
  },
);
const Spec = Type.Record(Type.String(), Type.Unknown(), {
  description: '接口规范说明文档（OpenAPI 3.x / Swagger 2.0 JSON）/ the OpenAPI document',
});
const SpecUrl = Type.String({
  minLength: 8,
  maxLength: 2000,
  description: '接口规范说明文档地址 / URL of the spec',
});

const ServiceSchema = Type.Object({
  id: Type.String(),
  entryId: Type.String(),
  entryCode: Type.String(),
  entryName: Type.String(),
  entryVersion: Type.Integer(),
  providerDepartmentId: Type.String(),
  url: Type.String(),
  methods: Type.Array(Method),
  timeoutMs: Nullable(Type.Integer()),
  maxBytes: Nullable(Type.Integer()),
  fieldMap: Type.Record(Type.String(), Type.String()),
  passthrough: Type.Array(Type.String()),
  headerNames: Type.Array(Type.String(), { description: '已登记的密钥请求头名称（不含值）' }),
  items: Type.Array(Type.String()),
  specProvided: Type.Boolean(),
  specUrl: Nullable(Type.String()),
  callable: Type.Boolean({ description: '启用且已提供接口规范说明文档 / active and specified' }),
  status: literals(SERVICE_STATUSES, '启用 / 停用 — active or disabled'),
  statusReason: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  lastCalledAt: Nullable(Type.String()),
  lastStatus: Nullable(Type.Integer()),
  lastDurationMs: Nullable(Type.Integer()),
});

const REGISTER_ERRORS = [
  'CATALOG_NOT_FOUND',
  'EXCHANGE_SERVICE_EXISTS',
  'EXCHANGE_SERVICE_ENTRY_NOT_PUBLISHED',
  'EXCHANGE_SERVICE_NOT_OFFERED',
  'EXCHANGE_SERVICE_URL_INVALID',
  'EXCHANGE_SERVICE_FIELD_MAP_INVALID',
  'EXCHANGE_SERVICE_HEADER_INVALID',
  'EXCHANGE_SERVICE_SPEC_INVALID',
];

const CALL_ERRORS = [
  'EXCHANGE_PURPOSE_REQUIRED',
  'EXCHANGE_PURPOSE_INVALID',
  'EXCHANGE_CASE_NUMBER_INVALID',
  'EXCHANGE_RATE_LIMITED',
  'EXCHANGE_SERVICE_NOT_REGISTERED',
  'EXCHANGE_SERVICE_DISABLED',
  'EXCHANGE_SERVICE_SPEC_MISSING',
  'EXCHANGE_SERVICE_METHOD_NOT_ALLOWED',
  'EXCHANGE_SERVICE_PATH_INVALID',
  'EXCHANGE_SERVICE_TIMEOUT',
  'EXCHANGE_SERVICE_UNREACHABLE',
  'EXCHANGE_SERVICE_FAILED',
  'EXCHANGE_SERVICE_TOO_LARGE',
  'EXCHANGE_SERVICE_NOT_FILTERABLE',
  'GRANT_MISSING',
  'GRANT_EXPIRED',
  'GRANT_NOT_YET_VALID',
  'GRANT_SUSPENDED',
  'GRANT_REVOKED',
  'GRANT_PURPOSE_MISMATCH',
  'GRANT_METHOD_NOT_ALLOWED',
];

/** The registry is written by people with specifications in hand: room for a large OpenAPI document. */
const REGISTRY_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Interface services: the provider's registry (`/services`), the specification for integrators,
 * and the gateway (`/resources/{entryId}/service/*`) through which consumers call them.
 */
export const serviceRoutes =
  (deps: ExchangeDeps & { services: InterfaceServices }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { services } = deps;

    app.post(
      API,
      {
        bodyLimit: REGISTRY_BODY_LIMIT,
        schema: {
          tags,
          summary: '登记接口服务 / Register an interface service',
          description:
            '提供部门信息资源管理员为已发布、共享方式含“平台接口”的目录登记本部门系统的接口。须提供接口规范说明文档（spec 或 specUrl）后方可调用（R47）。',
          body: Type.Object(
            {
              entryId: Id,
              url: Url,
              methods: Methods,
              timeoutMs: Type.Optional(TimeoutMs),
              maxBytes: Type.Optional(MaxBytes),
              fieldMap: Type.Optional(FieldMap),
              passthrough: Type.Optional(Passthrough),
              headers: Type.Optional(Headers),
              spec: Type.Optional(Spec),
              specUrl: Type.Optional(SpecUrl),
            },
            strict,
          ),
          response: { 201: ServiceSchema, ...errorResponses(...REGISTER_ERRORS) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await services.register(requestContext(request), request.body)),
    );

    app.get(
      API,
      {
        schema: {
          tags,
          summary: '接口服务登记列表 / Registered interface services',
          querystring: EntryPageQuery,
          response: {
            200: pageOf(ServiceSchema),
            ...errorResponses(),
          },
        },
      },
      async (request) => services.list(actorOf(request), request.query),
    );

    app.get(
      `${API}/:id`,
      {
        schema: {
          tags,
          summary: '接口服务登记 / One registered service',
          params: Type.Object({ id: Id }),
          response: { 200: ServiceSchema, ...errorResponses('EXCHANGE_SERVICE_NOT_FOUND') },
        },
      },
      async (request) => services.get(actorOf(request), request.params.id),
    );

    app.patch(
      `${API}/:id`,
      {
        bodyLimit: REGISTRY_BODY_LIMIT,
        schema: {
          tags,
          summary: '修改接口服务登记（同时按目录最新发布版本更新信息项）/ Update a registration',
          description: 'headers 给出时替换全部密钥请求头；null 清除可选项。',
          params: Type.Object({ id: Id }),
          body: Type.Object(
            {
              url: Type.Optional(Url),
              methods: Type.Optional(Methods),
              timeoutMs: Type.Optional(Nullable(TimeoutMs)),
              maxBytes: Type.Optional(Nullable(MaxBytes)),
              fieldMap: Type.Optional(FieldMap),
              passthrough: Type.Optional(Passthrough),
              headers: Type.Optional(Nullable(Headers)),
              spec: Type.Optional(Nullable(Spec)),
              specUrl: Type.Optional(Nullable(SpecUrl)),
            },
            strict,
          ),
          response: {
            200: ServiceSchema,
            ...errorResponses('EXCHANGE_SERVICE_NOT_FOUND', ...REGISTER_ERRORS),
          },
        },
      },
      async (request) => services.update(requestContext(request), request.params.id, request.body),
    );

    for (const change of ['disable', 'enable'] as const) {
      app.post(
        `${API}/:id/${change}`,
        {
          schema: {
            tags,
            summary:
              change === 'disable' ? '停用接口服务 / Disable a service' : '启用接口服务 / Enable a service',
            params: Type.Object({ id: Id }),
            body: Type.Optional(
              Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }, strict),
            ),
            response: { 200: ServiceSchema, ...errorResponses('EXCHANGE_SERVICE_NOT_FOUND') },
          },
        },
        async (request) =>
          services.setStatus(
            requestContext(request),
            request.params.id,
            change === 'disable' ? 'disabled' : 'active',
            request.body?.reason,
          ),
      );
    }

    app.get(
      '/api/v1/exchange/resources/:entryId/service-spec',
      {
        schema: {
          tags,
          summary: '接口规范说明文档 / The specification of a resource’s service',
          description: '可查看该目录的用户均可读取，供使用部门系统对接；不含提供部门的接口地址和密钥。',
          params: Type.Object({ entryId: Id }),
          response: {
            200: Type.Object({
              entryId: Type.String(),
              methods: Type.Array(Method),
              specUrl: Nullable(Type.String()),
              spec: Type.Unknown(),
              callable: Type.Boolean(),
            }),
            ...errorResponses('CATALOG_NOT_FOUND', 'EXCHANGE_SERVICE_NOT_REGISTERED'),
          },
        },
      },
      async (request) => services.spec(actorOf(request), request.params.entryId),
    );

    await app.register(proxyRoutes(deps));
  };

/**
 * The gateway's routes, in a scope of their own: any request body is taken raw, whatever its
 * content type, and forwarded as it came.
 */
const proxyRoutes =
  (deps: ExchangeDeps & { services: InterfaceServices }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { services } = deps;
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: deps.config.serviceMaxBytes },
      (_request, body, done) => done(null, body),
    );
    const limitRead = readLimiter(app as unknown as FastifyInstance, {
      config: deps.config,
      access: services.access,
    });
    const base = '/api/v1/exchange/resources/:entryId/service';
    for (const url of [base, `${base}/*`]) {
      app.route({
        method: ['GET', 'POST'],
        url,
        // A HEAD would reach the provider as a call of its own; only registered methods go through.
        exposeHeadRoute: false,
        bodyLimit: deps.config.serviceMaxBytes,
        schema: {
          // OpenAPI has no wildcard path: the document shows `/service`, whose description says
          // that any path below it is forwarded.
          hide: url !== base,
          tags,
          summary: '调用提供部门的接口服务（经平台网关）/ Call the provider’s service through the gateway',
          description:
            '也可调用 /service/{任意路径}：路径（/service 之后的部分）与查询串附加在提供部门登记的接口地址之后。须在请求头 X-Govshare-Purpose 说明用途，可选 X-Govshare-Case-Number。' +
            'JSON 响应按授权过滤：未授权的信息项及未登记的字段被删除，个人信息按授权脱敏；非 JSON 响应仅在授权全部信息项且均为明文时返回。每次调用记一条访问日志。' +
            '资源整体有未办结的校核申请时，响应头 X-Govshare-Under-Verification: resource 标明校核中（提供部门的响应格式中不识别记录键值，逐条记录的校核标记见联机查询、批量下载与变更订阅）。' +
            ' / While the resource as a whole is under verification, the header X-Govshare-Under-Verification: resource says so (R83); record keys are not identified in a provider’s own answer format, so record-level marks travel with key queries, downloads and change feeds.',
          params:
            url === base
              ? Type.Object({ entryId: EntryId })
              : Type.Object({ entryId: EntryId, '*': Type.String() }),
          response: errorResponses(...CALL_ERRORS),
        },
        handler: async (request, reply) => {
          const { entryId } = request.params as { entryId: string };
          const raw = request.raw.url ?? '';
          const question = raw.indexOf('?');
          const path = question === -1 ? raw : raw.slice(0, question);
          const prefix = `/api/v1/exchange/resources/${entryId}/service`;
          // The raw path, still encoded, is what is checked and forwarded: decoding it here and
          // re-encoding later could turn `%2F` into a separator.
          const rest = path.startsWith(prefix) ? path.slice(prefix.length) : '\u0000';
          const consumerGone = new AbortController();
          reply.raw.once('close', () => {
            if (!reply.raw.writableFinished) consumerGone.abort();
          });
          const answer = await proxyCall(
            {
              services,
              config: deps.config,
              cryptoSuite: deps.cryptoSuite,
              afterOpen: (read) => limitRead(reply, requestContext(request), read),
              verification: deps.verification,
            },
            requestContext(request),
            {
              entryId,
              method: request.method as 'GET' | 'POST',
              rest,
              query: question === -1 ? '' : raw.slice(question + 1),
              headers: request.headers,
              body: Buffer.isBuffer(request.body) ? request.body : undefined,
              cancel: consumerGone.signal,
            },
          );
          reply.status(answer.status);
          // Shared data, often personal: no cache on the way keeps a copy.
          reply.header('cache-control', 'no-store');
          if (answer.contentType) reply.header('content-type', answer.contentType);
          if (answer.contentLanguage) reply.header('content-language', answer.contentLanguage);
          if (answer.underVerification) reply.header(UNDER_VERIFICATION_HEADER, 'resource');
          return reply.send(answer.body);
        },
      });
    }
  };
