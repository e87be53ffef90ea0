import type { ErrorCode } from './codes.js';
/**
 * The single error catalogue. Each module declares its errors with `defineErrors`; every code is
 * stable, carries an HTTP status and a message in zh-CN and en. `{name}` in a message is filled
 * from the error's params.
 */
export interface ErrorDefinition {
  status: number;
  zh: string;
  en: string;
}

const registry = new Map<string, ErrorDefinition & { module: string }>();

/**
 * A module's errors. Code that raises one imports the catalogue that defines it and calls
 * `error`, so the definition is always loaded where it is used and a code from another
 * module's catalogue fails the type check.
 */
export interface ErrorCatalogue<C extends string> {
  readonly module: string;
  readonly definitions: Readonly<Record<C, ErrorDefinition>>;
  /** The error `code` with its params, ready to throw. */
  error(code: C, params?: ErrorParams, options?: { cause?: unknown }): AppError;
}

export function defineErrors<const T extends Record<string, ErrorDefinition>>(
  module: string,
  defs: T,
): ErrorCatalogue<keyof T & ErrorCode> {
  for (const [code, def] of Object.entries(defs)) {
    const existing = registry.get(code);
    if (existing && existing.module !== module) throw new Error(`error code ${code} defined twice`);
    registry.set(code, { ...def, module });
  }
  return {
    module,
    definitions: defs as Readonly<Record<keyof T & ErrorCode, ErrorDefinition>>,
    error: (code, params, options) => new AppError(code, params, options),
  };
}

export function errorCatalogue(): ReadonlyMap<string, ErrorDefinition & { module: string }> {
  return registry;
}

export type Locale = 'zh-CN' | 'en';

/** A param worded in both languages: the message takes the one of its locale. */
export interface LocalizedParam {
  zh: string;
  en: string;
}

export interface ErrorParams {
  /** The offending input field, as a JSON pointer-ish path (`/body/username`). */
  field?: string;
  /** Why the input was refused: a `{zh, en}` pair where the words matter to a user. */
  reason?: string | LocalizedParam;
  [key: string]: unknown;
}

export type { ErrorCode } from './codes.js';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: ErrorParams;
  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    const def = registry.get(code);
    if (!def) throw new Error(`unknown error code ${code}`);
    super(`${code}: ${render(def.en, params, 'en')}`, options);
    this.name = 'AppError';
    this.code = code;
    this.status = def.status;
    this.params = params;
  }
  get field(): string | undefined {
    return this.params.field;
  }
  localized(locale: Locale): string {
    const def = registry.get(this.code);
    if (!def) return this.code;
    return render(locale === 'en' ? def.en : def.zh, this.params, locale);
  }
}

function render(template: string, params: ErrorParams, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    if (value === undefined) return whole;
    if (isLocalized(value)) return locale === 'en' ? value.en : value.zh;
    return String(value);
  });
}

function isLocalized(value: unknown): value is LocalizedParam {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LocalizedParam).zh === 'string' &&
    typeof (value as LocalizedParam).en === 'string'
  );
}

/** Picks zh-CN unless the client prefers English (Accept-Language). */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.tag && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export const CommonErrors = defineErrors('platform', {
  VALIDATION_FAILED: { status: 400, zh: '输入无效：{field} {reason}', en: 'Invalid input: {field} {reason}' },
  MALFORMED_JSON: { status: 400, zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  INPUT_ILL_FORMED_TEXT: {
    status: 400,
    zh: '输入含有无法存储的文本：{field}（须为合法的 UTF-8 / Unicode 文本，不得含孤立代理项或 NUL 字符）',
    en: 'Input holds text that cannot be stored: {field} (must be well-formed UTF-8 / Unicode without lone surrogates or NUL)',
  },
  UNKNOWN_FIELD: { status: 400, zh: '不允许的字段：{field}', en: 'Field not allowed: {field}' },
  BODY_TOO_LARGE: {
    status: 413,
    zh: '请求体超过 {limit} 字节上限',
    en: 'Request body exceeds the {limit}-byte limit',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型：{contentType}',
    en: 'Unsupported content type: {contentType}',
  },
  NOT_FOUND: { status: 404, zh: '资源不存在：{path}', en: 'Not found: {path}' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持的请求方法', en: 'Method not allowed' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Authentication required' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作：{action}', en: 'Not allowed: {action}' },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests, try again later' },
  INTERNAL: {
    status: 500,
    zh: '服务器内部错误，请联系平台管理单位并提供请求编号 {requestId}',
    en: 'Internal error; report request id {requestId} to the platform operator',
  },
  SERVICE_UNAVAILABLE: { status: 503, zh: '服务暂不可用：{reason}', en: 'Service unavailable: {reason}' },
  DB_NEWER_THAN_CODE: {
    status: 503,
    zh: '数据库结构（{migrations}）比程序新，请升级 govshare 后再启动',
    en: 'The database schema ({migrations}) is newer than this govshare; upgrade govshare before starting',
  },
  CONFLICT: { status: 409, zh: '与现有数据冲突：{reason}', en: 'Conflicts with existing data: {reason}' },
});

/**
 * The value, or `undefined` where the call answered exactly `code` (the row is not there): every
 * other failure (a lost connection, a lock timeout, a bug) is thrown on, never taken for "absent".
 *
 * @example const row = await absentOn(entryRow(trx, id, true), 'CATALOG_NOT_FOUND');
 */
export async function absentOn<T>(promise: Promise<T>, ...codes: string[]): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && codes.includes(error.code)) return undefined;
    throw error;
  }
}
