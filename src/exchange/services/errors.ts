import { defineErrors } from '../../platform/errors/index.js';

/**
 * Errors of interface services (接口服务): the provider's registry of its own endpoints, and the
 * gateway that forwards a consumer's call to them.
 */
export const ServiceErrors = defineErrors('exchange', {
  EXCHANGE_SERVICE_NOT_FOUND: {
    status: 404,
    zh: '接口服务 {id} 不存在',
    en: 'Interface service {id} does not exist',
  },
  EXCHANGE_SERVICE_NOT_REGISTERED: {
    status: 404,
    zh: '信息资源 {entryId} 未登记接口服务',
    en: 'Resource {entryId} has no registered interface service',
  },
  EXCHANGE_SERVICE_EXISTS: {
    status: 409,
    zh: '信息资源 {code} 已登记接口服务，请修改原登记',
    en: 'Resource {code} already has an interface service; update it instead',
  },
  EXCHANGE_SERVICE_ENTRY_NOT_PUBLISHED: {
    status: 409,
    zh: '信息资源 {code} 尚未发布，不能登记接口服务',
    en: 'Resource {code} is not published; no interface service can be registered',
  },
  EXCHANGE_SERVICE_NOT_OFFERED: {
    status: 409,
    zh: '信息资源 {code} 的共享方式不含“平台接口”，不能登记接口服务',
    en: 'Resource {code} is not shared through a platform interface; no service can be registered',
  },
  EXCHANGE_SERVICE_URL_INVALID: {
    status: 422,
    zh: '接口地址无效：{reason}',
    en: 'Invalid service URL: {reason}',
  },
  EXCHANGE_SERVICE_FIELD_MAP_INVALID: {
    status: 422,
    zh: '字段映射无效：{reason}',
    en: 'Invalid field map: {reason}',
  },
  EXCHANGE_SERVICE_HEADER_INVALID: {
    status: 422,
    zh: '请求头“{name}”不能登记：{reason}',
    en: 'Header "{name}" cannot be registered: {reason}',
  },
  EXCHANGE_SERVICE_SPEC_INVALID: {
    status: 422,
    zh: '接口规范说明文档无效：{reason}',
    en: 'Invalid interface specification: {reason}',
  },
  EXCHANGE_SERVICE_SPEC_MISSING: {
    status: 409,
    zh: '信息资源 {code} 的接口服务尚未提供接口规范说明文档（OpenAPI），暂不能调用',
    en: 'The interface service of resource {code} has no specification (OpenAPI) yet and cannot be called',
  },
  EXCHANGE_SERVICE_DISABLED: {
    status: 409,
    zh: '信息资源 {code} 的接口服务已停用',
    en: 'The interface service of resource {code} is disabled',
  },
  EXCHANGE_SERVICE_METHOD_NOT_ALLOWED: {
    status: 405,
    zh: '该接口服务不接受 {method} 请求（允许：{allowed}）',
    en: 'The interface service does not accept {method} (allowed: {allowed})',
  },
  EXCHANGE_SERVICE_PATH_INVALID: {
    status: 400,
    zh: '接口路径无效：不得含“.”“..”路径段、编码的斜杠或控制字符，不得改变服务地址',
    en: 'Invalid service path: no "." or ".." segments, encoded slashes or control characters, and the service address cannot change',
  },
  EXCHANGE_SERVICE_TIMEOUT: {
    status: 504,
    zh: '提供部门的接口服务未在 {timeoutMs} 毫秒内响应',
    en: "The provider's service did not answer within {timeoutMs} ms",
  },
  EXCHANGE_SERVICE_UNREACHABLE: {
    status: 502,
    zh: '无法连接提供部门的接口服务',
    en: "The provider's service cannot be reached",
  },
  EXCHANGE_SERVICE_FAILED: {
    status: 502,
    zh: '提供部门的接口服务出错（状态码 {upstreamStatus}）',
    en: "The provider's service failed (status {upstreamStatus})",
  },
  EXCHANGE_SERVICE_TOO_LARGE: {
    status: 502,
    zh: '提供部门的接口服务响应超过 {maxBytes} 字节上限',
    en: "The provider's service answered more than the {maxBytes}-byte limit",
  },
  EXCHANGE_SERVICE_NOT_FILTERABLE: {
    status: 403,
    zh: '接口服务返回的不是 JSON，无法按授权范围过滤；仅授权全部信息项且均不脱敏时可获取',
    en: 'The service did not answer JSON, which cannot be filtered to the grant; only a grant of every item, none masked, receives it',
  },
  EXCHANGE_SERVICE_ADDRESS_REFUSED: {
    status: 502,
    zh: '接口服务地址 {host} 指向本机、内网或保留地址，平台不予连接（运维人员可在允许的网络中登记）',
    en: 'The service address {host} points to loopback, a private or a reserved network; the platform does not connect there (operators may allow the network)',
  },
});
