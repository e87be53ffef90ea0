import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { defineErrors } from '../errors/index.js';
import { effectiveProfile } from './effective.js';
import { type Profile, ProfileSchema } from './schema.js';

export { effectiveProfile, overridesOf, profileExpired, profileNotYetInForce } from './effective.js';
export {
  describeValue,
  isPending,
  itemName,
  type Lang,
  outcomeName,
  PENDING_HEADING,
  PENDING_ROOT,
  pendingIssue,
  pendingNote,
  provisionPath,
  sectionName,
} from './labels.js';
export {
  type EffectiveInfo,
  type EffectiveOutcomeName,
  type EffectiveValue,
  type PendingProvisionsBlock,
  type Profile,
  type ProfilePeriod,
  ProfileSchema,
} from './schema.js';

/** The base profile: 政务数据共享条例 (国务院令第809号), which every local profile sits on (R123). */
export const NATIONAL_PROFILE_ID = 'national';

export const ProfileErrors = defineErrors('profiles', {
  PROFILE_NOT_FOUND: {
    status: 404,
    zh: '未找到辖区配置：{id}',
    en: 'Jurisdiction profile not found: {id}',
  },
  PROFILE_INVALID: {
    status: 500,
    zh: '辖区配置文件 {file} 无效：{path} {reason}',
    en: 'Jurisdiction profile {file} is invalid: {path} {reason}',
  },
  PROFILE_SELECTION_CHANGED: {
    status: 409,
    zh: '本实例的政策配置是 {stored}，但环境变量 GOVSHARE_PROFILE 为 {requested}：首次启动后不能用环境变量更换政策配置。请运行 govshare profile set {requested} --reason <理由>（记入审计），或删去 GOVSHARE_PROFILE / 改回 {stored}。',
    en: 'This instance runs under the profile {stored}, but GOVSHARE_PROFILE says {requested}: the profile cannot be changed through the environment after the first start. Run govshare profile set {requested} --reason <text> (audited), or unset GOVSHARE_PROFILE / set it back to {stored}.',
  },
  PROFILE_UNCHANGED: {
    status: 409,
    zh: '本实例已在使用政策配置 {id}，无需更改',
    en: 'This instance already runs under the profile {id}',
  },
});

export interface ProfileSummary {
  id: string;
  name: Profile['name'];
  jurisdiction: Profile['jurisdiction'];
  inForce: { from: string | null; until: string | null };
}

const ID = /^[a-z][a-z0-9-]*$/;

// `profiles/` at the package root, found from this file so that neither cwd nor dist/ matter.
function defaultProfilesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'profiles')))
      return join(dir, 'profiles');
    const parent = dirname(dir);
    if (parent === dir) throw new Error('profiles directory not found above the govshare package');
    dir = parent;
  }
}

/**
 * Parses and validates one profile document; throws PROFILE_INVALID naming the file and the
 * JSON path of the first problem.
 */
export function parseProfile(file: string, text: string): Profile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw ProfileErrors.error('PROFILE_INVALID', { file, path: '/', reason: (error as Error).message });
  }
  const first = Value.Errors(ProfileSchema, data).First();
  if (first)
    throw ProfileErrors.error('PROFILE_INVALID', { file, path: first.path || '/', reason: first.message });
  const profile = data as Profile;
  const expectedId = file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  if (profile.id !== expectedId) {
    throw ProfileErrors.error('PROFILE_INVALID', {
      file,
      path: '/id',
      reason: { zh: `须与文件名一致（${expectedId}）`, en: `must equal the file name (${expectedId})` },
    });
  }
  return profile;
}

/**
 * Loads a jurisdiction profile by id (the file name in `profiles/`).
 *
 * @example loadProfile('guangzhou').updateTimeliness.otherData // { value: 3, unit: 'calendar_days', … }
 */
export function loadProfile(id: string, dir: string = defaultProfilesDir()): Profile {
  const file = join(dir, `${id}.json`);
  if (!ID.test(id) || !existsSync(file)) throw ProfileErrors.error('PROFILE_NOT_FOUND', { id });
  return parseProfile(file, readFileSync(file, 'utf8'));
}

/**
 * The profile the platform runs on: the local profile on top of the national one (R123), each
 * value naming its article and source; `national` itself comes back with every source marked.
 *
 * @example loadEffectiveProfile('lianyungang').deadlines.reply // 10 WD, 第二十一条, source 'national'
 */
export function loadEffectiveProfile(id: string, dir: string = defaultProfilesDir()): Profile {
  const local = loadProfile(id, dir);
  const national = id === NATIONAL_PROFILE_ID ? local : loadProfile(NATIONAL_PROFILE_ID, dir);
  return effectiveProfile(local, national);
}

/** Every profile in `profiles/`, each validated, sorted by id. */
export function listProfiles(dir: string = defaultProfilesDir()): Profile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => loadProfile(name.slice(0, -'.json'.length), dir));
}

export function summarizeProfile(profile: Profile): ProfileSummary {
  return {
    id: profile.id,
    name: profile.name,
    jurisdiction: profile.jurisdiction,
    inForce: profile.inForce.value,
  };
}
