import { startTestPlatform, TestClient, type TestPlatform } from '../../../test/support/platform.js';
import type { Platform, PlatformOptions } from '../../app/index.js';
import type { Clock } from '../../platform/clock/index.js';
import type { PlatformConfig } from '../../platform/config/index.js';
import type { DialectName } from '../../platform/db/index.js';
import type { Role } from '../roles.js';

/** The password the org tests give accounts they create; it passes the complexity rule. */
export const PASSWORD = 'Str0ng!Passw0rd';

/** Valid government USCCs (check characters correct) for departments the tests create. */
export const USCCS = [
  '11990100010242484J',
  '119901000102504093',
  '11990100010258320D',
  '119901000102662403',
  '11990100010274160Q',
  '11990100010282080E',
  '11990100010290005Y',
  '1199010201029791XW',
  '11990102010305836G',
  '119901020103137566',
  '11990121010321676C',
  '11990121010329598Q',
  '119901210103375127',
  '11990100010345432F',
  '119901000103533525',
] as const;

let addresses = 0;

/**
 * A TestClient calling from an address of its own: sign-in routes allow 10 calls a minute per
 * address, and tests that walk many sign-ins must not trip over each other's budget.
 */
export class OrgClient extends TestClient {
  readonly ip: string;

  constructor(private readonly target: Platform) {
    super(target);
    addresses += 1;
    this.ip = `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
  }

  override async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await this.target.http.inject({
      method: method as 'GET',
      url,
      remoteAddress: this.ip,
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
    let parsed: unknown;
    try {
      parsed = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      parsed = response.body;
    }
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests.
    return { status: response.statusCode, body: parsed as any, headers: response.headers };
  }
}

/** A platform with a county (990121) under the bootstrap city (990100) and a second city (990200). */
export interface OrgWorld {
  t: TestPlatform;
  platform: Platform;
  city: { id: string; path: string };
  county: { id: string; path: string };
  otherCity: { id: string; path: string };
  /** The bootstrap operator's department, in the city. */
  cityDepartmentId: string;
  /** The signed-in bootstrap administrators. */
  sysadmin: OrgClient;
  secadmin: OrgClient;
  auditadmin: OrgClient;
}

export interface OrgWorldOptions {
  clock?: Clock;
  config?: Partial<PlatformConfig>;
  plugins?: PlatformOptions['plugins'];
  /** Serve on a real port, with the built portal (browser tests). */
  listen?: boolean;
  webDist?: string;
}

export async function startOrgWorld(dialect: DialectName, options: OrgWorldOptions = {}): Promise<OrgWorld> {
  const t = await startTestPlatform({ dialect, ...options });
  const { platform } = t;
  const db = platform.storage.db;
  const city = await db
    .selectFrom('jurisdiction')
    .select(['id', 'path'])
    .where('code', '=', '990100')
    .executeTakeFirstOrThrow();
  const { jurisdictions } = platform.services;
  const county = await jurisdictions.create(undefined, {
    code: '990121',
    name: '示范县',
    level: 'county',
    parentId: city.id,
  });
  const otherCity = await jurisdictions.create(undefined, {
    code: '990200',
    name: '邻市',
    level: 'city',
    parentId: null,
  });
  const cityDepartment = await db.selectFrom('department').select('id').executeTakeFirstOrThrow();
  const admin = async (role: Role) => {
    const account = t.bootstrap.find((a) => a.role === role);
    if (!account) throw new Error(`no bootstrap ${role}`);
    const client = new OrgClient(platform);
    await client.signIn(account.username, account.password);
    return client;
  };
  return {
    t,
    platform,
    city,
    county,
    otherCity,
    cityDepartmentId: cityDepartment.id,
    sysadmin: await admin('operator'),
    secadmin: await admin('security_admin'),
    auditadmin: await admin('auditor'),
  };
}

export async function createDepartment(
  platform: Platform,
  name: string,
  uscc: string,
  jurisdictionId: string,
): Promise<string> {
  const department = await platform.services.departments.create(undefined, {
    name,
    shortName: name.slice(0, 10),
    uscc,
    jurisdictionId,
    kind: 'government',
  });
  return department.id;
}

/** Creates an account with a set (not one-time) password, as the CLI does. */
export async function createUser(
  platform: Platform,
  username: string,
  departmentId: string,
  roles: Role[],
): Promise<string> {
  const { user } = await platform.services.users.create(undefined, {
    username,
    displayName: username,
    departmentId,
    roles,
    password: PASSWORD,
  });
  return user.id;
}

/** A client signed in through every step the account needs (TOTP enrolment for privileged roles). */
export async function signedIn(
  platform: Platform,
  username: string,
  password = PASSWORD,
): Promise<OrgClient> {
  const client = new OrgClient(platform);
  await client.signIn(username, password);
  return client;
}

/** Creates an account of the department with the roles and signs it in. */
export async function signedInUser(
  platform: Platform,
  username: string,
  departmentId: string,
  roles: Role[],
): Promise<OrgClient> {
  await createUser(platform, username, departmentId, roles);
  return signedIn(platform, username);
}

/** The id of the account a client is signed in as. */
export async function signedInId(client: OrgClient): Promise<string> {
  return (await client.request('GET', '/api/v1/auth/me')).body.me.id as string;
}

/** Approves, refuses or collects a dual-control request as the client's account. */
export function decideRequest(
  client: OrgClient,
  requestId: string,
  step: 'approve' | 'refuse' | 'collect',
): ReturnType<OrgClient['request']> {
  return client.request(
    'POST',
    `/api/v1/dual-control-requests/${requestId}/${step}`,
    step === 'collect' ? undefined : {},
  );
}

/** The kinds of the notices an account received, read from the table (its owner may be unable to sign in). */
export async function noticeKindsOf(platform: Platform, userId: string): Promise<string[]> {
  const rows = await platform.storage.db
    .selectFrom('notice')
    .select('kind')
    .where('recipient_user_id', '=', userId)
    .execute();
  return rows.map((n) => n.kind);
}
