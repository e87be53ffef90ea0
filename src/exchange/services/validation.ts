import type { HostedColumn } from '../model.js';
import { ServiceErrors } from './errors.js';
import { hasControl } from './forward.js';

/**
 * The rules a registration must meet before it is stored. The registered URL is the one place the
 * gateway ever connects to for this resource, so it is checked hard: http(s) only, no user
 * information (secrets go in sealed headers, never in a URL that is shown and audited), no query
 * (the consumer's query string is appended), no fragment.
 */
export function checkServiceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw ServiceErrors.error('EXCHANGE_SERVICE_URL_INVALID', {
      field: '/body/url',
      reason: { zh: '不是合法 URL', en: 'not a URL' },
    });
  }
  const invalid = (reason: string) =>
    ServiceErrors.error('EXCHANGE_SERVICE_URL_INVALID', { field: '/body/url', reason });
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid('仅支持 http / https — http(s) only');
  if (url.username || url.password)
    throw invalid('不得含用户名或口令，请用请求头登记密钥 — no credentials; register them as headers');
  if (url.search || raw.includes('?')) throw invalid('不得含查询串 — no query string');
  if (url.hash || raw.includes('#')) throw invalid('不得含片段 — no fragment');
  return url.href;
}

/** A response field name: 1–100 characters, no control characters. */
function validField(name: string): boolean {
  return [...name].length >= 1 && [...name].length <= 100 && !hasControl(name);
}

/**
 * A field map names, for response fields that do not carry an item's name, the item they carry.
 * Each target must be an item of the entry; passthrough fields may not be items or mapped fields,
 * or a provider could release an item by declaring it "passthrough".
 */
export function checkFieldMap(
  columns: readonly HostedColumn[],
  fieldMap: Readonly<Record<string, string>>,
  passthrough: readonly string[],
): void {
  const items = new Set(columns.filter((c) => c.active).map((c) => c.item));
  const invalid = (field: string, reason: string) =>
    ServiceErrors.error('EXCHANGE_SERVICE_FIELD_MAP_INVALID', { field, reason });
  for (const [field, item] of Object.entries(fieldMap)) {
    if (!validField(field))
      throw invalid('/body/fieldMap', `字段名无效 / bad field name "${field.slice(0, 40)}"`);
    if (!items.has(item))
      throw invalid(`/body/fieldMap/${field}`, `“${item}”不是该资源的信息项 / not an item of the resource`);
    if (items.has(field) && field !== item)
      throw invalid(`/body/fieldMap/${field}`, `“${field}”本身是信息项 / is itself an item`);
  }
  for (const field of passthrough) {
    if (!validField(field))
      throw invalid('/body/passthrough', `字段名无效 / bad field name "${field.slice(0, 40)}"`);
    if (items.has(field) || field in fieldMap)
      throw invalid('/body/passthrough', `“${field}”是信息项或已映射，不能直通 / is an item or mapped`);
  }
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Headers the gateway sets itself or that describe the connection, not the provider's request. */
const RESERVED = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'content-type',
  'expect',
]);

/** The provider's secret headers, names lower-cased; values are visible ASCII only. */
export function checkHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    const invalid = (reason: string) =>
      ServiceErrors.error('EXCHANGE_SERVICE_HEADER_INVALID', {
        field: '/body/headers',
        name: rawName.slice(0, 60),
        reason,
      });
    if (!TOKEN.test(name)) throw invalid('名称无效 / not a header name');
    if (RESERVED.has(name) || name.startsWith('x-govshare-'))
      throw invalid('由平台设置 / set by the platform');
    if (!/^[\x20-\x7e]{1,4096}$/.test(value))
      throw invalid('值须为 1–4096 个可见 ASCII 字符 / 1–4096 visible ASCII');
    out[name] = value;
  }
  return out;
}

const MAX_SPEC_CHARS = 2 * 1024 * 1024;

/**
 * R47: the specification document (接口规范说明文档) as an OpenAPI 3.x (or Swagger 2.0) JSON
 * document: a version, `info.title` and at least one path. The gateway does not fetch a spec URL
 * itself (it would connect where the registry says, on a reader's behalf); the URL is a reference.
 */
export function checkSpec(spec: unknown): string {
  const invalid = (reason: string) =>
    ServiceErrors.error('EXCHANGE_SERVICE_SPEC_INVALID', { field: '/body/spec', reason });
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    throw invalid('须为 JSON 对象 / a JSON object');
  const doc = spec as Record<string, unknown>;
  const openapi = typeof doc.openapi === 'string' && /^3\.\d+(\.\d+)?$/.test(doc.openapi);
  const swagger = doc.swagger === '2.0';
  if (!openapi && !swagger)
    throw invalid('须含 openapi: "3.x" 或 swagger: "2.0" / needs openapi 3.x or swagger 2.0');
  const info = doc.info as Record<string, unknown> | undefined;
  if (typeof info !== 'object' || info === null || typeof info.title !== 'string' || info.title.trim() === '')
    throw invalid('须含 info.title / needs info.title');
  const paths = doc.paths as Record<string, unknown> | undefined;
  if (typeof paths !== 'object' || paths === null || Array.isArray(paths) || Object.keys(paths).length === 0)
    throw invalid('须至少说明一个接口路径 / needs at least one path');
  for (const path of Object.keys(paths))
    if (!path.startsWith('/'))
      throw invalid(`路径须以 / 开头 / path "${path.slice(0, 40)}" must start with /`);
  const text = JSON.stringify(spec);
  if (text.length > MAX_SPEC_CHARS) throw invalid('超过 2 MiB / larger than 2 MiB');
  return text;
}

export function checkSpecUrl(raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
    throw ServiceErrors.error('EXCHANGE_SERVICE_SPEC_INVALID', {
      field: '/body/specUrl',
      reason: { zh: '须为不含口令的 http(s) 地址', en: 'an http(s) URL without credentials' },
    });
  return url.href;
}
