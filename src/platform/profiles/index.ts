import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { AppError, defineErrors } from '../errors/index.js';
import { type Profile, ProfileSchema } from './schema.js';

export { type Profile, type ProfilePeriod, ProfileSchema } from './schema.js';

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
    throw new AppError('PROFILE_INVALID', { file, path: '/', reason: (error as Error).message });
  }
  const first = Value.Errors(ProfileSchema, data).First();
  if (first) throw new AppError('PROFILE_INVALID', { file, path: first.path || '/', reason: first.message });
  const profile = data as Profile;
  const expectedId = file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  if (profile.id !== expectedId) {
    throw new AppError('PROFILE_INVALID', {
      file,
      path: '/id',
      reason: `must equal the file name (${expectedId})`,
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
  if (!ID.test(id) || !existsSync(file)) throw new AppError('PROFILE_NOT_FOUND', { id });
  return parseProfile(file, readFileSync(file, 'utf8'));
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
