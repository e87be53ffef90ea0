import { backoffMs, sleep } from './backoff.js';

/** An answer of the platform that is not a success, or a network failure (`status` 0). */
export class PlatformError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'PlatformError';
  }

  /** Network errors, 5xx and 429 pass with time; a 4xx will be refused again, the same way. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500 || this.status === 408;
  }
}

export class StoppedError extends Error {
  constructor() {
    super('stopped');
    this.name = 'StoppedError';
  }
}

export interface PlatformClientOptions {
  url: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  userAgent: string;
  /** Told of each failure that will be retried. */
  onRetry?(error: PlatformError, attempt: number, delayMs: number): void;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Stops waiting between retries (shutdown); an in-flight request is left to finish. */
  stop?: AbortSignal;
  /** Aborts the request itself too (long polls). */
  abort?: AbortSignal;
  /** Give up after this many attempts (default: retry until stopped). */
  attempts?: number;
  timeoutMs?: number;
  /** Told of each failure of this call that will be retried (a mapping shows it as its last error). */
  onRetry?(error: PlatformError): void;
}

/**
 * The agent's only way to the platform: the public API with an API client's bearer token, fetched
 * and renewed at the token endpoint. Network failures, 5xx and 429 are retried with exponential
 * backoff and jitter (429 honours Retry-After); other 4xx are returned at once.
 */
export class PlatformClient {
  #token: { value: string; expiresAt: number } | undefined;
  #tokenPromise: Promise<string> | undefined;

  constructor(private readonly options: PlatformClientOptions) {}

  async #fetch(method: string, path: string, options: RequestOptions, token?: string): Promise<unknown> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.options.timeoutMs);
    const signal = options.abort ? AbortSignal.any([timeout, options.abort]) : timeout;
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    };
    let response: Response;
    try {
      response = await fetch(`${this.options.url}${path}`, {
        method,
        headers,
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
        signal,
      });
    } catch (error) {
      if (options.abort?.aborted) throw new StoppedError();
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = timeout.aborted
        ? 'timeout'
        : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw new PlatformError(0, 'NETWORK', `平台不可达 / platform unreachable: ${reason}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (options.abort?.aborted) throw new StoppedError();
      throw new PlatformError(0, 'NETWORK', `平台响应中断 / response cut off: ${(error as Error).message}`);
    }
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // A proxy's HTML error page: keep the text for the message.
    }
    if (response.ok) return body;
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    const failure = new PlatformError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      `${method} ${path}: ${response.status} ${error?.code ?? ''} ${error?.message ?? String(text).slice(0, 200)}`.trim(),
      body,
    );
    (failure as PlatformError & { retryAfter?: number }).retryAfter =
      Number(response.headers.get('retry-after')) || undefined;
    throw failure;
  }

  async #accessToken(force = false): Promise<string> {
    if (!force && this.#token && this.#token.expiresAt - Date.now() > 60_000) return this.#token.value;
    this.#tokenPromise ??= (async () => {
      try {
        const answer = (await this.#fetch('POST', '/api/v1/auth/token', {
          body: {
            grant_type: 'client_credentials',
            client_id: this.options.clientId,
            client_secret: this.options.clientSecret,
          },
        })) as { access_token: string; expires_in: number };
        this.#token = { value: answer.access_token, expiresAt: Date.now() + answer.expires_in * 1000 };
        return answer.access_token;
      } finally {
        this.#tokenPromise = undefined;
      }
    })();
    return this.#tokenPromise;
  }

  /** One authenticated call, retried as the class describes; resolves with the parsed JSON body. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      if (options.stop?.aborted) throw new StoppedError();
      try {
        const token = await this.#accessToken();
        return (await this.#fetch(method, path, options, token)) as T;
      } catch (error) {
        if (!(error instanceof PlatformError)) throw error;
        if (error.status === 401 && !refreshed) {
          // Tokens are short-lived and the platform may have restarted: fetch a new one once.
          refreshed = true;
          this.#token = undefined;
          attempt -= 1;
          continue;
        }
        if (!error.retryable || (options.attempts !== undefined && attempt + 1 >= options.attempts))
          throw error;
        const retryAfter = (error as PlatformError & { retryAfter?: number }).retryAfter;
        const delay = retryAfter ? retryAfter * 1000 : backoffMs(attempt);
        this.options.onRetry?.(error, attempt + 1, delay);
        options.onRetry?.(error);
        await sleep(delay, options.stop);
      }
    }
  }
}
