import { randomInt } from 'node:crypto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import argon2 from 'argon2';

import { OrgErrors } from '../errors.js';

/** argon2id with OWASP's recommended minimum cost (19 MiB, 2 passes). */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal usernames. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-never-matches');
  return decoy;
}

export const PASSWORD_MIN_LENGTH = 10;

/**
 * The complexity rule (等保三级 expects length plus character classes): at least 10 characters,
 * three of lower case, upper case, digits and symbols, and not containing the username.
 */
export function checkPasswordStrength(password: string, username: string): void {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  let rule: string | undefined;
  if (password.length < PASSWORD_MIN_LENGTH) rule = 'length';
  else if (password.length > 128) rule = 'max_length';
  else if (classes < 3) rule = 'classes';
  else if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) rule = 'username';
  if (rule)
    throw OrgErrors.error('AUTH_PASSWORD_WEAK', {
      field: '/body/newPassword',
      rule,
      min: PASSWORD_MIN_LENGTH,
    });
  if (isGuessable(password, [username]))
    throw OrgErrors.error('AUTH_PASSWORD_COMMON', { field: '/body/newPassword' });
}

/**
 * zxcvbn's score 3 means about 10⁸ guesses or more. Below it lie the leaked-password lists with
 * their usual dressing (`Password123!`, `P@ssw0rd2024!`, `Qwerty123456!`), which the character
 * class rule lets through.
 */
const MIN_SCORE = 3;
let checker: ZxcvbnFactory | undefined;

/**
 * What the English-centred common lists miss and Chinese leaked-password lists (CSDN, 163, the
 * yearly top-100s) are full of, most common first: pinyin words and surnames, lucky numbers, the
 * keyboard columns `1qaz2wsx` with their shifted forms, and the `Admin@123` family of vendor and
 * system defaults. zxcvbn matches them with capitals, l33t and appended digits or years too, so
 * `Woaini1314!`, `Admin@123456`, `1qaz@WSX3edc` and `Huawei@123` score as guessable.
 */
const CHINESE_COMMON = [
  'woaini',
  '5201314',
  '1314',
  '520',
  'woaini1314',
  'admin',
  '1qaz2wsx',
  '1qaz@wsx',
  '1qaz!qaz',
  '!qaz2wsx',
  '!qaz@wsx',
  '1qaz2wsx3edc',
  '1qaz@wsx3edc',
  '1qazxsw2',
  'qwe123',
  'a123456',
  'aa123456',
  'qq123456',
  'abc123',
  'asd123',
  'zxc123',
  'qweasd',
  'qazwsx',
  'root',
  'system',
  'sysadmin',
  'administrator',
  'huawei',
  'h3c',
  'cisco',
  'test',
  'welcome',
  'iloveyou',
  'qq',
  'baidu',
  'taobao',
  'weixin',
  'wechat',
  'zhongguo',
  'china',
  'beijing',
  'shanghai',
  'guangzhou',
  'shenzhen',
  'zhengwu',
  'gongan',
  'govshare',
  'gov',
  'wang',
  'li',
  'zhang',
  'liu',
  'chen',
  'yang',
  'huang',
  'zhao',
  'wu',
  'zhou',
  'xu',
  'sun',
  'ma',
  'zhu',
  'hu',
  'guo',
  'he',
  'gao',
  'lin',
  'luo',
  'zheng',
  'liang',
  'xie',
  'song',
  'tang',
  'han',
  'feng',
  'deng',
  'cao',
  'peng',
  'zeng',
  'xiao',
  'tian',
  'dong',
  'pan',
  'yuan',
  'cai',
  'jiang',
  'yu',
  'du',
  'ye',
  'cheng',
  'wei',
  'su',
  'lu',
  'ding',
  'ren',
  'shen',
  'yao',
  'zhong',
  'jiang',
];

/** Whether a password is on the common-password lists or close enough to them to be guessed early. */
export function isGuessable(password: string, userInputs: readonly string[] = []): boolean {
  // The dictionaries cost a few MB, so they load on the first password change, not at start.
  checker ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, chineseCommon: [...new Set(CHINESE_COMMON)] },
    graphs: zxcvbnCommon.adjacencyGraphs,
  });
  return checker.check(password, [...userInputs]).score < MIN_SCORE;
}

const ALPHABET = {
  lower: 'abcdefghijkmnpqrstuvwxyz',
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  digit: '23456789',
  symbol: '-_!@#%+=',
};

/** A one-time password that satisfies the rule and avoids look-alike characters (0/O, 1/l). */
export function generateOneTimePassword(length = 16): string {
  const all = Object.values(ALPHABET).join('');
  const chars = Object.values(ALPHABET).map((set) => set[randomInt(set.length)] as string);
  while (chars.length < length) chars.push(all[randomInt(all.length)] as string);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
