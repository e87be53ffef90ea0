/** The one way the portal talks to the govshare API: same origin, session cookie, localized errors. */

import type { BodyOf, ErrorBody, KnownPath, Method, PathFor, QueryOf, ResponseOf } from './contract.ts';

/**
 * An error answer's `error`; the portal makes one up without a request id where no answer came
 * (the network) or it was not JSON (a proxy's page).
 */
export type ApiErrorBody = Omit<ErrorBody['error'], 'requestId'> & { requestId?: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** JSON pointer of the offending input, e.g. `/body/uscc`. */
  readonly field: string | undefined;
  readonly requestId: string | undefined;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.requestId = body.requestId;
  }
}

type Listener = () => void;

let language = 'zh-CN';
const unauthorizedListeners = new Set<Listener>();

/** The UI language, sent as Accept-Language so the API answers errors in it. */
export function setApiLanguage(lang: string): void {
  language = lang;
}

/** Called when any call is answered 401: the session is gone, back to the login page. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** A call as the contract has it: the method, and the body and query the path takes for it. */
export interface RequestOptions<P extends string, M extends Method> {
  method?: M;
  body?: BodyOf<P, M>;
  query?: QueryOf<P, M>;
  /**
   * A 401 is part of this call's answer (wrong password, wrong code) rather than a lost session,
   * so it is shown where the call was made instead of returning to the login page.
   */
  expectUnauthorized?: boolean;
}

function urlOf(path: string, query?: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

/**
 * Calls the API at a path as the contract has it (written without `/api/v1`); the answer is typed
 * from the contract for the path and method, and a path the contract lacks fails the type check.
 */
export async function api<P extends PathFor<M> & KnownPath<P, M>, M extends Method = 'GET'>(
  path: P,
  options: RequestOptions<P, M> = {},
): Promise<ResponseOf<P, M>> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  const init: RequestInit = { method: options.method ?? 'GET', credentials: 'same-origin', headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), init);
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: networkMessage() });
  }
  if (response.status === 204) {
    if (init.method !== 'GET') afterChange?.();
    return undefined as ResponseOf<P, M>;
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const body = (parsed as { error?: ApiErrorBody } | undefined)?.error ?? {
      code: `HTTP_${response.status}`,
      message: `${response.status} ${response.statusText}`,
    };
    const error = new ApiError(response.status, body);
    if (response.status === 401 && !options.expectUnauthorized) {
      for (const listener of unauthorizedListeners) listener();
    }
    throw error;
  }
  if (init.method !== 'GET') afterChange?.();
  return parsed as ResponseOf<P, M>;
}

let afterChange: (() => void) | undefined;

/** Called after every successful change (any method but GET): the portal's cache marks its answers stale. */
export function onChange(listener: () => void): void {
  afterChange = listener;
}

function networkMessage(): string {
  return language.startsWith('zh')
    ? '无法连接服务器，请检查网络后重试'
    : 'Cannot reach the server; check the network and retry';
}

/** `/body/uscc` → `['uscc']`, the form field an API error belongs to; undefined when it names none. */
export function fieldPath(field: string | undefined): string[] | undefined {
  if (!field) return undefined;
  const parts = field.split('/').filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'querystring' || parts[0] === 'params') parts.shift();
  return parts.length > 0 ? parts : undefined;
}
