import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';

/**
 * Single sign-on against a real OpenID provider: panva's oidc-provider runs in-process with its
 * development login and consent pages, and a fetch-driven "browser" walks the whole redirect dance
 * (govshare → IdP → login → consent → govshare callback). SQLite only: nothing here depends on the
 * dialect beyond two ordinary queries that the user and audit suites already cover on PostgreSQL.
 */

// oidc-provider ships no type declarations; the test names the little of its surface it uses.
interface OidcProvider {
  on(event: 'server_error', listener: (ctx: unknown, error: Error) => void): void;
  callback(): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;
const OIDC_PROVIDER: string = 'oidc-provider';

const CLIENT = { id: 'govshare', secret: 'a-long-enough-client-secret-for-tests' };
/**
 * IdP accounts by subject: the dev login form takes the account id, which is the `sub`.
 * `sub-alice-2` carries alice's username under a different subject (a reassigned name at the IdP).
 */
const IDP_ACCOUNTS: Record<string, { sub: string; preferred_username: string }> = {
  'sub-alice': { sub: 'sub-alice', preferred_username: 'alice' },
  'sub-mallory': { sub: 'sub-mallory', preferred_username: 'mallory' },
  'sub-alice-2': { sub: 'sub-alice-2', preferred_username: 'alice' },
};

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Cookies per host, as a browser keeps them (paths are ignored: sending extra cookies is harmless here). */
class CookieJar {
  readonly #byHost = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.#byHost.get(url.host) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }

  store(url: URL, response: Response): void {
    const jar = this.#byHost.get(url.host) ?? new Map<string, string>();
    this.#byHost.set(url.host, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a),
      );
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(host: string, name: string): string | undefined {
    return this.#byHost.get(host)?.get(name);
  }
}

/** One browser: follows redirects by hand so every hop's cookies and locations are seen. */
class Browser {
  readonly jar = new CookieJar();

  async fetch(url: URL, init: { method?: string; form?: Record<string, string>; accept?: string } = {}) {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: this.jar.header(url),
        accept: init.accept ?? 'text/html,application/xhtml+xml,*/*;q=0.8',
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    this.jar.store(url, response);
    return response;
  }
}

interface SsoOutcome {
  /** The govshare callback's answer. */
  response: Response;
  browser: Browser;
}

describe('single sign-on through OpenID Connect (统一身份认证)', () => {
  let idpServer: Server;
  let issuer: string;
  let govshareUrl: string;
  let t: TestPlatform;

  /**
   * Signs in at the IdP as the account `subject` and returns govshare's answer to the callback. `tamper` may
   * rewrite the callback URL the IdP redirected to, as an attacker would.
   */
  async function signInThroughIdp(
    subject: string,
    options: { tamper?: (url: URL) => void; accept?: string } = {},
  ) {
    const browser = new Browser();
    let url = new URL('/api/v1/auth/oidc/start', govshareUrl);
    let response = await browser.fetch(url);
    for (let hop = 0; hop < 20; hop++) {
      if (response.status >= 300 && response.status < 400) {
        url = new URL(response.headers.get('location') ?? '', url);
        if (url.origin === govshareUrl && url.pathname === '/api/v1/auth/oidc/callback') {
          options.tamper?.(url);
          response = await browser.fetch(url, options.accept ? { accept: options.accept } : {});
          return { response, browser } satisfies SsoOutcome;
        }
        response = await browser.fetch(url);
        continue;
      }
      // A dev interaction page of the IdP: the login form first, then the consent form.
      const page = await response.text();
      expect(response.status, page).toBe(200);
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      const form: Record<string, string> =
        prompt === 'login' ? { prompt, login: subject, password: 'any' } : { prompt: 'consent' };
      response = await browser.fetch(url, { method: 'POST', form });
    }
    throw new Error('too many redirects');
  }

  async function startIdp(port: number): Promise<void> {
    const { default: Provider } = (await import(OIDC_PROVIDER)) as { default: ProviderClass };
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: [`${govshareUrl}/api/v1/auth/oidc/callback`],
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      pkce: { required: () => true },
      // Explicit lifetimes keep the provider from printing a notice for each default it falls back on.
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
      claims: { openid: ['sub'], profile: ['preferred_username'] },
      cookies: { keys: ['oidc-test-cookie-key'] },
      findAccount: async (_ctx: unknown, id: string) => {
        const account = IDP_ACCOUNTS[id];
        return account ? { accountId: account.sub, claims: async () => account } : undefined;
      },
    });
    provider.on('server_error', (_ctx, error) => console.error('IdP server_error', error));
    idpServer = createServer(provider.callback());
    await new Promise<void>((resolve) => idpServer.listen(port, '127.0.0.1', resolve));
  }

  beforeAll(async () => {
    const [idpPort, govsharePort] = [await freePort(), await freePort()];
    issuer = `http://127.0.0.1:${idpPort}`;
    govshareUrl = `http://127.0.0.1:${govsharePort}`;
    t = await startTestPlatform({
      config: {
        publicUrl: govshareUrl,
        oidc: {
          issuer,
          clientId: CLIENT.id,
          clientSecret: CLIENT.secret,
          label: '省统一身份认证平台',
          usernameClaim: 'preferred_username',
        },
      },
    });
    // The redirect URI must be known before the platform starts, so it listens on a port chosen beforehand.
    await t.platform.http.listen({ host: '127.0.0.1', port: govsharePort });
    const department = await t.platform.storage.db
      .selectFrom('department')
      .select('id')
      .executeTakeFirstOrThrow();
    await t.platform.services.users.create(undefined, {
      username: 'alice',
      displayName: '李爱丽',
      departmentId: department.id,
    });
  });

  afterAll(async () => {
    await new Promise((resolve) => (idpServer ? idpServer.close(resolve) : resolve(undefined)));
    await t?.close();
  });

  it('answers AUTH_SSO_FAILED with a reason, not a 500, while the identity provider is down', async () => {
    // The IdP is not listening yet: discovery fails and is not cached as a failure.
    const json = await fetch(`${govshareUrl}/api/v1/auth/oidc/start`, {
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    expect(json.status).toBe(401);
    const body = (await json.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('AUTH_SSO_FAILED');
    expect(body.error.message).toMatch(/无法连接身份提供方/);
    expect(body.error.message).not.toMatch(/unreachable/);
    const english = await fetch(`${govshareUrl}/api/v1/auth/oidc/start`, {
      redirect: 'manual',
      headers: { accept: 'application/json', 'accept-language': 'en' },
    });
    const said = ((await english.json()) as { error: { message: string } }).error.message;
    expect(said).toMatch(/^Single sign-on failed: identity provider unreachable \(/);
    expect(said).not.toMatch(/身份提供方/);
    const browser = await fetch(`${govshareUrl}/api/v1/auth/oidc/start`, { redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/login?sso_error=AUTH_SSO_FAILED');

    await startIdp(Number(new URL(issuer).port));
  });

  it('tells the portal that single sign-on is enabled, with its label', async () => {
    const response = await fetch(`${govshareUrl}/api/v1/auth/sso`);
    expect(await response.json()).toEqual({ enabled: true, label: '省统一身份认证平台' });
  });

  it('documents both routes in a valid OpenAPI document', async () => {
    const spec = (await (await fetch(`${govshareUrl}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    const result = await new Validator().validate(spec);
    expect(result.errors ?? []).toEqual([]);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/oidc/start', '/api/v1/auth/oidc/callback']),
    );
  });

  it('redirects to the IdP with PKCE, state and nonce kept in an HttpOnly SameSite=Lax cookie', async () => {
    const response = await fetch(`${govshareUrl}/api/v1/auth/oidc/start`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin).toBe(issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: CLIENT.id,
      response_type: 'code',
      redirect_uri: `${govshareUrl}/api/v1/auth/oidc/callback`,
      code_challenge_method: 'S256',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(location.searchParams.get(p)).toBeTruthy();
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('govshare_oidc='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth\/oidc\/callback/);
  });

  it('signs a known user in, links the IdP subject, and the session answers /auth/me', async () => {
    const { response, browser } = await signInThroughIdp('sub-alice');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
    const sessionCookie = response.headers.getSetCookie().find((c) => c.startsWith('govshare_session='));
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Strict/i);
    expect(sessionCookie).toMatch(/Path=\//);

    const host = new URL(govshareUrl).host;
    const me = await fetch(`${govshareUrl}/api/v1/auth/me`, {
      headers: { cookie: `govshare_session=${browser.jar.get(host, 'govshare_session')}` },
    });
    expect(me.status).toBe(200);
    const state = (await me.json()) as { stage: string; me: { username: string } };
    expect(state.stage).toBe('done');
    expect(state.me.username).toBe('alice');

    const db = t.platform.storage.db;
    const user = await db
      .selectFrom('app_user')
      .select(['id', 'oidc_subject'])
      .where('username', '=', 'alice')
      .executeTakeFirstOrThrow();
    expect(user.oidc_subject).toBe('sub-alice');
    const entries = await db.selectFrom('audit_entry').selectAll().where('target_id', '=', user.id).execute();
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.oidcLink', 'auth.login']));
    const login = entries.find((e) => e.action === 'auth.login');
    expect(login?.outcome).toBe('success');
    expect(JSON.parse(login?.detail ?? '{}')).toMatchObject({ via: 'oidc' });
  });

  it('signs the same person in again once linked', async () => {
    const { response } = await signInThroughIdp('sub-alice');
    expect(response.headers.get('location')).toBe('/');
  });

  it('refuses the same username arriving with a different subject', async () => {
    const { response } = await signInThroughIdp('sub-alice-2');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login?sso_error=AUTH_SSO_FAILED');
    expect(response.headers.getSetCookie().some((c) => c.startsWith('govshare_session='))).toBe(false);
    const user = await t.platform.storage.db
      .selectFrom('app_user')
      .select('oidc_subject')
      .where('username', '=', 'alice')
      .executeTakeFirstOrThrow();
    expect(user.oidc_subject).toBe('sub-alice');
    const refusal = await t.platform.storage.db
      .selectFrom('audit_entry')
      .select('detail')
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .where('actor_name', '=', 'alice')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(refusal.detail)).toMatchObject({ reason: 'oidc_subject_mismatch', via: 'oidc' });
  });

  it('refuses an IdP account with no govshare account, and audits it as a failed login', async () => {
    const { response } = await signInThroughIdp('sub-mallory');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login?sso_error=AUTH_SSO_UNKNOWN_USER');
    expect(response.headers.getSetCookie().some((c) => c.startsWith('govshare_session='))).toBe(false);
    const failures = await t.platform.storage.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .where('target_id', '=', 'mallory')
      .execute();
    expect(failures).toHaveLength(1);
    expect(JSON.parse(failures[0]?.detail ?? '{}')).toMatchObject({ reason: 'unknown', via: 'oidc' });
  });

  it('refuses a callback whose state was tampered with', async () => {
    const { response } = await signInThroughIdp('sub-alice', {
      tamper: (url) => url.searchParams.set('state', 'forged-state'),
      accept: 'application/json',
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('AUTH_SSO_FAILED');
    expect(body.error.message).toMatch(/"state"/);
    expect(response.headers.getSetCookie().some((c) => c.startsWith('govshare_session='))).toBe(false);
  });

  it('refuses a callback that was not started from govshare', async () => {
    const response = await fetch(`${govshareUrl}/api/v1/auth/oidc/callback?code=x&state=y`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login?sso_error=AUTH_SSO_FAILED');
  });
});
