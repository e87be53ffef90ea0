import { startTestPlatform, type TestPlatform } from '../../../../test/support/platform.js';
import { sampleContent } from '../../../catalog/test-support/content.js';
import { readyToSubmit } from '../../../catalog/test-support/preparation.js';
import type { Role } from '../../../org/roles.js';
import { createDepartment, createUser, OrgClient, PASSWORD, USCCS } from '../../../org/test-support/index.js';
import type { DialectName } from '../../../platform/db/index.js';

/** A signed-in account the fuzz speaks as; it signs in again when a request ended its session. */
export interface Actor {
  role: string;
  username: string;
  client: OrgClient;
  password: string;
  totpSecret?: string;
}

export interface FuzzWorld {
  t: TestPlatform;
  actors: Actor[];
  auditor: Actor;
  /** Ids of real objects no actor depends on (a department, a user, an entry…), for valid values. */
  ids: string[];
  /** Signs the actor in again when a request ended its session (a sign-out, a replaced TOTP…). */
  signInAgainIfSignedOut(actor: Actor): Promise<void>;
}

/**
 * A platform with every kind of account signed in: the three bootstrap administrators, a resource
 * administrator and a department user of 公安, the city's authority; one published entry.
 */
export async function startFuzzWorld(dialect: DialectName): Promise<FuzzWorld> {
  const t = await startTestPlatform({ dialect });
  const p = t.platform;
  const city = await p.storage.db
    .selectFrom('jurisdiction')
    .select('id')
    .where('code', '=', '990100')
    .executeTakeFirstOrThrow();
  // The bootstrap operator's department, the only one before the world adds its own.
  const cityDepartment = (await p.storage.db.selectFrom('department').select('id').executeTakeFirstOrThrow())
    .id;
  const police = await createDepartment(p, '示范市公安局', USCCS[0] as string, city.id);
  const target = await createDepartment(p, '示范市人力资源和社会保障局', USCCS[2] as string, city.id);
  const targetUser = await createUser(p, 'target.user', target, ['dept_user']);

  const actors: Actor[] = [];
  const signIn = async (role: string, username: string, password: string) => {
    const client = new OrgClient(p);
    const signed = await client.signIn(username, password);
    const actor: Actor = { role, username, client, ...signed };
    actors.push(actor);
    return actor;
  };
  for (const account of t.bootstrap) await signIn(account.role, account.username, account.password);
  const local: [string, string, Role[]][] = [
    ['police.admin', police, ['resource_admin']],
    ['police.user', police, ['dept_user']],
    ['city.authority', cityDepartment, ['authority']],
  ];
  for (const [username, department, roles] of local) {
    await createUser(p, username, department, roles);
    await signIn(roles[0] as string, username, PASSWORD);
  }
  const auditor = actors.find((a) => a.role === 'auditor');
  if (!auditor) throw new Error('no auditor among the bootstrap accounts');

  const step = async (actor: Actor, url: string, body: unknown = {}) => {
    const res = await actor.client.request('POST', url, body);
    if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const byName = (name: string) => actors.find((a) => a.username === name) as Actor;
  const entry = (await step(byName('police.admin'), '/api/v1/catalog/entries', { content: sampleContent() }))
    .id as string;
  await readyToSubmit(p, entry);
  await step(byName('police.admin'), `/api/v1/catalog/entries/${entry}/submit`);
  await step(byName('city.authority'), `/api/v1/catalog/entries/${entry}/ratify`);
  await step(byName('police.admin'), `/api/v1/catalog/entries/${entry}/publish`);

  return {
    t,
    actors,
    auditor,
    ids: [target, targetUser, entry, city.id],
    async signInAgainIfSignedOut(actor) {
      const me = await actor.client.request('GET', '/api/v1/auth/me');
      if (me.status === 200 && me.body?.stage === 'done') return;
      // From a new address: sign-in routes allow 10 calls a minute per address.
      actor.client = new OrgClient(p);
      const signed = await actor.client.signIn(actor.username, actor.password, actor.totpSecret);
      actor.password = signed.password;
      if (signed.totpSecret) actor.totpSecret = signed.totpSecret;
    },
  };
}
