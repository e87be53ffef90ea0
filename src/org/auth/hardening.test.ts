import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import argon2 from 'argon2';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { createUser, OrgClient, type OrgWorld, PASSWORD, startOrgWorld } from '../test-support/index.js';

const STEP_MS = 30_000;
/** The code of the time step `steps` away from `at`. */
const codeAt = (secret: string, at: number, steps = 0) =>
  authenticator.clone({ epoch: at + steps * STEP_MS }).generate(secret);

/**
 * Writes a request's head and the first 64 KiB of a body of `declared` bytes on a real socket,
 * and answers the status line the server sends within `waitMs`, or undefined when it is still
 * waiting for the rest of the body.
 */
async function partialUpload(port: number, path: string, declared: number, waitMs = 3000) {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let answer = '';
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString('latin1');
  });
  socket.on('error', () => undefined);
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: text/csv\r\nContent-Length: ${declared}\r\n\r\n`,
  );
  socket.write(Buffer.alloc(64 * 1024, 0x61));
  const started = Date.now();
  while (!answer.includes('\r\n\r\n') && Date.now() - started < waitMs)
    await new Promise((resolve) => setTimeout(resolve, 20));
  socket.destroy();
  return answer.includes('\r\n\r\n') ? answer.slice(0, answer.indexOf('\r\n')) : undefined;
}

describe.each(DIALECTS)('issue 12 sessions and requests hardened on %s', (dialect) => {
  let w: OrgWorld;
  let port: number;
  const fresh = () => new OrgClient(w.platform);
  const login = (username: string, password: string, client = fresh()) =>
    client.request('POST', '/api/v1/auth/login', { username, password });

  /** Signs in a TOTP-role account and binds a factor with a code of a chosen step; answers the secret. */
  const enrolled = async (username: string, confirmStep: number, at: number) => {
    await createUser(w.platform, username, w.cityDepartmentId, ['operator']);
    const client = fresh();
    expect((await login(username, PASSWORD, client)).body.stage).toBe('totp_enrol');
    const secret = (await client.request('POST', '/api/v1/auth/totp/enrol')).body.secret as string;
    const confirmed = await client.request('POST', '/api/v1/auth/totp/confirm', {
      code: codeAt(secret, at, confirmStep),
    });
    expect(confirmed.body.stage).toBe('done');
    return { secret, client };
  };
  /** A session at the TOTP step. */
  const atTotp = async (username: string) => {
    const client = fresh();
    expect((await login(username, PASSWORD, client)).body.stage).toBe('totp_verify');
    return client;
  };
  const verify = (client: OrgClient, code: string) =>
    client.request('POST', '/api/v1/auth/totp/verify', { code });

  beforeAll(async () => {
    w = await startOrgWorld(dialect);
    await w.platform.http.listen({ host: '127.0.0.1', port: 0 });
    port = (w.platform.http.server.address() as AddressInfo).port;
  });
  afterAll(() => w.t.close());

  it('attack: replaying a TOTP code (the enrolment code, or one already used to sign in) is refused', async () => {
    const at = Date.now();
    const { secret } = await enrolled('rita', 0, at);
    // The code that confirmed the enrolment is spent.
    const first = await atTotp('rita');
    const replayedEnrolment = await verify(first, codeAt(secret, at));
    expect(replayedEnrolment.status).toBe(401);
    expect(replayedEnrolment.body.error.code).toBe('AUTH_TOTP_INVALID');
    expect((await verify(first, codeAt(secret, at, 1))).body.stage).toBe('done');
    // A code seen on the wire (shoulder, phishing proxy) does not sign in a second session.
    const second = await atTotp('rita');
    for (const steps of [1, 0]) {
      const replayed = await verify(second, codeAt(secret, at, steps));
      expect(replayed.status, `step ${steps}`).toBe(401);
      expect(replayed.body.error.code).toBe('AUTH_TOTP_INVALID');
    }
    expect((await second.request('GET', '/api/v1/auth/me')).body.stage).toBe('totp_verify');
  });

  it('attack: two sign-ins racing with the same TOTP code, only one is let in', async () => {
    const at = Date.now();
    const { secret } = await enrolled('sam', 0, at);
    const sessions = await Promise.all([atTotp('sam'), atTotp('sam'), atTotp('sam')]);
    const code = codeAt(secret, at, 1);
    const results = await Promise.all(sessions.map((client) => verify(client, code)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });

  it('attack: a borrowed session cannot replace the second factor without the password and a current code', async () => {
    const at = Date.now();
    const { secret, client } = await enrolled('una', 0, at);
    const enrol = await client.request('POST', '/api/v1/auth/totp/enrol');
    expect(enrol.status).toBe(409);
    expect(enrol.body.error.code).toBe('AUTH_STAGE_INVALID');
    const replace = (body: Record<string, string>) =>
      client.request('POST', '/api/v1/auth/totp/replace', body);
    const wrongPassword = await replace({ currentPassword: 'Wr0ng!Password', code: codeAt(secret, at, 1) });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.error).toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
      field: '/body/currentPassword',
    });
    expect((await replace({ currentPassword: PASSWORD })).body.error.code).toBe('AUTH_TOTP_INVALID');
    // The code that confirmed the enrolment is spent here too.
    expect((await replace({ currentPassword: PASSWORD, code: codeAt(secret, at) })).body.error.code).toBe(
      'AUTH_TOTP_INVALID',
    );

    const replaced = await replace({ currentPassword: PASSWORD, code: codeAt(secret, at, 1) });
    expect(replaced.status).toBe(200);
    const newSecret = replaced.body.secret as string;
    expect(newSecret).not.toBe(secret);
    const confirmed = await client.request('POST', '/api/v1/auth/totp/confirm', {
      code: codeAt(newSecret, Date.now()),
    });
    expect(confirmed.body.stage).toBe('done');
    const next = await atTotp('una');
    expect((await verify(next, codeAt(secret, at, 1))).status).toBe(401);
    expect((await verify(next, codeAt(newSecret, Date.now(), 1))).body.stage).toBe('done');
  });

  it('attack: anonymous 20 MB bodies to the catalog import and the service proxy are refused before they are read', async () => {
    for (const [path, size] of [
      ['/api/v1/catalog/import', 20 * 1024 * 1024],
      ['/api/v1/exchange/resources/01J0000000000000000000000/service/persons', 10 * 1024 * 1024],
    ] as const) {
      // Only 64 KiB of the declared body is ever sent: an answer means it was not waited for.
      const status = await partialUpload(port, path, size);
      expect(status, path).toBe('HTTP/1.1 401 Unauthorized');
    }
  });

  it('attack: a cross-site text/plain POST carrying the session cookie does not rotate an API client (CSRF)', async () => {
    await createUser(w.platform, 'ra_csrf', w.cityDepartmentId, ['resource_admin']);
    const admin = fresh();
    await admin.signIn('ra_csrf', PASSWORD);
    const created = await admin.request('POST', '/api/v1/api-clients', {
      name: '跨站测试',
      departmentId: w.cityDepartmentId,
    });
    expect(created.status).toBe(201);
    const id = created.body.client.id as string;
    const rotate = (headers: Record<string, string>) =>
      w.platform.http.inject({
        method: 'POST',
        url: `/api/v1/api-clients/${id}/rotate`,
        remoteAddress: admin.ip,
        headers: { cookie: admin.cookie, 'content-type': 'text/plain', ...headers },
        payload: 'x',
      });
    const publicOrigin = new URL(w.platform.config.publicUrl).origin;
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
      { origin: publicOrigin, 'sec-fetch-site': 'cross-site' },
    ]) {
      const res = await rotate(headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().error.code).toBe('AUTH_CROSS_SITE_REFUSED');
    }
    const token = await fresh().request('POST', '/api/v1/auth/token', {
      grant_type: 'client_credentials',
      client_id: created.body.client.clientId,
      client_secret: created.body.clientSecret,
    });
    expect(token.status, 'the secret was not rotated').toBe(200);
    // The portal itself, and clients that are not browsers, still work.
    for (const headers of <Record<string, string>[]>[
      { origin: publicOrigin, 'sec-fetch-site': 'same-origin' },
      { origin: 'http://localhost:80', host: 'localhost:80' },
      {},
    ])
      expect((await rotate(headers)).statusCode, JSON.stringify(headers)).toBe(200);
    // Reads change nothing and stay open to other origins' GETs (the answer is still same-origin only).
    const read = await w.platform.http.inject({
      method: 'GET',
      url: '/api/v1/auth/sso',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('attack: a password from the leaked-password lists (Password123!) is refused, with a clear message', async () => {
    await createUser(w.platform, 'wendy', w.cityDepartmentId, ['dept_user']);
    const client = fresh();
    await client.signIn('wendy', PASSWORD);
    for (const weak of ['Password123!', 'P@ssw0rd2024!', 'Qwerty123456!']) {
      const res = await client.request(
        'POST',
        '/api/v1/auth/password',
        { currentPassword: PASSWORD, newPassword: weak },
        { 'accept-language': 'zh-CN' },
      );
      expect(res.status, weak).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'AUTH_PASSWORD_COMMON', field: '/body/newPassword' });
      expect(res.body.error.message).toContain('过于常见');
    }
    const good = await client.request('POST', '/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Gov#Share2026!',
    });
    expect(good.status).toBe(200);
  });

  it('attack: the sign-in answer does not tell a locked account from an unknown user name (enumeration)', async () => {
    await createUser(w.platform, 'vera', w.cityDepartmentId, ['dept_user']);
    for (let i = 0; i < w.platform.config.login.maxFailures; i++) {
      const res = await login('vera', 'Wr0ng!Password');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const locked = await login('vera', PASSWORD);
    const unknown = await login('vera-nobody', PASSWORD);
    expect(locked.status).toBe(401);
    expect({ status: locked.status, error: { ...locked.body.error, requestId: '' } }).toEqual({
      status: unknown.status,
      error: { ...unknown.body.error, requestId: '' },
    });
    // Timing: a locked account verifies the password hash once, as an unknown name verifies a
    // decoy's; counted, not timed (argon2 dominates the answer's time either way).
    const verify = vi.spyOn(argon2, 'verify');
    try {
      for (const username of ['vera', 'vera-nobody']) {
        verify.mockClear();
        await login(username, PASSWORD);
        expect(verify, username).toHaveBeenCalledTimes(1);
      }
    } finally {
      verify.mockRestore();
    }
  });
});
