import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticator } from 'otplib';
import { type BootstrapAccount, bootstrapIfEmpty, bootstrapOptionsFrom } from '../../src/app/bootstrap.js';
import type { Database } from '../../src/app/database.js';
import { createPlatform, type Platform, type PlatformOptions } from '../../src/app/index.js';
import type { Clock } from '../../src/platform/clock/index.js';
import { loadConfig, type PlatformConfig } from '../../src/platform/config/index.js';
import type { DialectName } from '../../src/platform/db/index.js';
import { openTestStorage } from '../../src/platform/db/test-support/index.js';
import { MIGRATED } from './templates.js';

export interface TestPlatform {
  platform: Platform;
  /** Base URL when started with `listen: true`. */
  url: string;
  bootstrap: BootstrapAccount[];
  close(): Promise<void>;
}

/**
 * A real platform on a fresh database of the given dialect (temp SQLite file or a new PostgreSQL
 * schema), bootstrapped with the three administrator accounts. `listen: true` opens a real port.
 */
export async function startTestPlatform(
  options: {
    dialect?: DialectName;
    listen?: boolean;
    clock?: Clock;
    config?: Partial<PlatformConfig>;
    webDist?: string;
    /** Route plugins registered with the platform's own (a case type declared by a test). */
    plugins?: PlatformOptions['plugins'];
  } = {},
): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'govshare-platform-'));
  const storage = await openTestStorage<Database>(options.dialect ?? 'sqlite', { template: MIGRATED });
  const config = loadConfig({}, { dataDir, port: 0, ...options.config });
  const platform = await createPlatform(config, {
    storage,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.webDist ? { webDist: options.webDist } : {}),
    ...(options.plugins ? { plugins: options.plugins } : {}),
  });
  const bootstrap = (await bootstrapIfEmpty(platform, bootstrapOptionsFrom({}))) ?? [];
  let url = '';
  if (options.listen) {
    await platform.http.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(platform.http.server.address() as AddressInfo).port}`;
  }
  return {
    platform,
    url,
    bootstrap,
    async close() {
      await platform.close();
      await storage.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An in-process HTTP client that keeps the session cookie, like a browser would. */
export class TestClient {
  cookie = '';
  constructor(private readonly platform: Platform) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await this.platform.http.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const setCookie = response.headers['set-cookie'];
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    if (first) this.cookie = first.split(';')[0] ?? '';
    return {
      status: response.statusCode,
      // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the route answered.
      body: response.body ? (safeJson(response.body) as any) : undefined,
      headers: response.headers,
    };
  }

  /**
   * Signs in through every step the account needs: changes a one-time password, enrols or
   * verifies TOTP. Returns the password and TOTP secret now in force.
   */
  async signIn(
    username: string,
    password: string,
    totpSecret?: string,
  ): Promise<{ password: string; totpSecret?: string }> {
    let res = await this.request('POST', '/api/v1/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    let current = password;
    let secret = totpSecret;
    while (res.body.stage !== 'done') {
      if (res.body.stage === 'password_change') {
        const next = `Ch4nged!${[...username].reverse().join('')}#9`;
        res = await this.request('POST', '/api/v1/auth/password', {
          currentPassword: current,
          newPassword: next,
        });
        current = next;
      } else if (res.body.stage === 'totp_enrol') {
        const enrol = await this.request('POST', '/api/v1/auth/totp/enrol');
        secret = enrol.body.secret as string;
        res = await this.request('POST', '/api/v1/auth/totp/confirm', {
          code: authenticator.generate(secret),
        });
      } else if (res.body.stage === 'totp_verify') {
        if (!secret) throw new Error('TOTP secret needed');
        // A code works once per time step; tests sign the same account in many times a step.
        await this.platform.storage.db
          .updateTable('app_user')
          .set({ totp_last_step: null })
          .where('username', '=', username)
          .execute();
        res = await this.request('POST', '/api/v1/auth/totp/verify', {
          code: authenticator.generate(secret),
        });
      }
      if (res.status !== 200)
        throw new Error(`sign-in step for ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return { password: current, ...(secret ? { totpSecret: secret } : {}) };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
