import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformClient, PlatformError, StoppedError } from './platform-client.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

describe('R45 agent platform client', () => {
  let server: Server;
  let url: string;
  let handler: Handler;
  const hits: string[] = [];
  let tokens = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
        if (req.url === '/api/v1/auth/token') {
          tokens += 1;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ access_token: `t${tokens}`, expires_in: 900 }));
          return;
        }
        handler(req, res, body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const client = (retries: PlatformError[] = []) =>
    new PlatformClient({
      url,
      clientId: 'gs_x',
      clientSecret: 's',
      timeoutMs: 2000,
      userAgent: 'test',
      onRetry: (error) => retries.push(error),
    });
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  it('retries 5xx and 429 (honouring Retry-After), then succeeds', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls += 1;
      if (calls === 1) return json(res, 503, { error: { code: 'UNAVAILABLE', message: 'busy' } });
      if (calls === 2)
        return json(
          res,
          429,
          { error: { code: 'RATE_LIMITED', message: 'slow down' } },
          { 'retry-after': '0' },
        );
      return json(res, 200, { ok: true });
    };
    const retries: PlatformError[] = [];
    expect(await client(retries).request('GET', '/x')).toEqual({ ok: true });
    expect(retries.map((e) => e.status)).toEqual([503, 429]);
  });

  it('does not retry a validation error: it is refused the same way every time', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls += 1;
      json(res, 422, {
        error: { code: 'EXCHANGE_BATCH_REJECTED', message: 'bad', details: { rejected: [] } },
      });
    };
    const error = await client()
      .request('POST', '/batches', { body: { ops: [] } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ status: 422, code: 'EXCHANGE_BATCH_REJECTED', retryable: false });
    expect(calls).toBe(1);
  });

  it('fetches a new token once when the platform no longer knows the old one', async () => {
    const c = client();
    handler = (_req, res) => json(res, 200, {});
    await c.request('GET', '/a');
    handler = (req, res) =>
      req.headers.authorization === `Bearer t${tokens}` && tokens > 1
        ? json(res, 200, { renewed: true })
        : json(res, 401, { error: { code: 'AUTH_TOKEN_INVALID', message: 'no' } });
    expect(await c.request('GET', '/b')).toEqual({ renewed: true });
  });

  it('treats an unreachable platform as retryable and stops retrying when told to stop', async () => {
    const dead = new PlatformClient({
      url: 'http://127.0.0.1:1',
      clientId: 'a',
      clientSecret: 'b',
      timeoutMs: 500,
      userAgent: 't',
    });
    const error = await dead.request('GET', '/x', { attempts: 2 }).catch((e) => e);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK', retryable: true });
    const stop = new AbortController();
    const pending = dead.request('GET', '/x', { stop: stop.signal }).catch((e) => e);
    setTimeout(() => stop.abort(), 300);
    expect(await pending).toBeInstanceOf(StoppedError);
  });
});
