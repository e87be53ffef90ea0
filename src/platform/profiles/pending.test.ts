import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeValue,
  isPending,
  itemName,
  listProfiles,
  loadEffectiveProfile,
  PENDING_ROOT,
  ProfileSchema,
  pendingIssue,
  pendingNote,
} from './index.js';
import { PENDING_ISSUES } from './labels.js';

const ROOT = join(import.meta.dirname, '../../..');

/** The code that runs: every .ts/.tsx under src/ and web/src/, without tests. */
function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'test-support' && name !== 'node_modules') walk(path);
      } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push({ file: path, text: '' });
    }
  };
  walk(join(ROOT, 'src'));
  walk(join(ROOT, 'web/src'));
  return (
    out
      // The profile module itself and the portal's names for profile values (labels) read nothing.
      .filter(({ file }) => !relative(ROOT, file).startsWith('src/platform/profiles/'))
      .filter(({ file }) => relative(ROOT, file) !== 'web/src/lib/profile.ts')
      .map(({ file }) => ({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') }))
  );
}

/** Every cited value's JSON pointer, over all profiles (a field only one profile sets counts too). */
function leafPaths(): string[] {
  const paths = new Set<string>();
  const walk = (node: unknown, path: string) => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    const record = node as Record<string, unknown>;
    if ('article' in record && 'text' in record && 'value' in record) {
      paths.add(path);
      return;
    }
    for (const [key, child] of Object.entries(record)) walk(child, `${path}/${key}`);
  };
  for (const p of listProfiles()) walk(p, '');
  return [...paths];
}

/** A reader of `/a/b` names `b` and reaches it through `.a` (or spells the path `a.b`) in one file. */
function readers(path: string, code: { file: string; text: string }[]): string[] {
  const keys = path.split('/').slice(1);
  const last = keys.at(-1) ?? '';
  const section = keys.length > 1 ? keys[0] : undefined;
  const name = new RegExp(`\\b${last}\\b`);
  const through = section
    ? new RegExp(`\\.${section}\\b|\\b${section}\\.${last}\\b`)
    : new RegExp(`\\.${last}\\b`);
  return code.filter(({ text }) => name.test(text) && through.test(text)).map(({ file }) => file);
}

describe('profile fields: configured means read (issue 13)', () => {
  const code = sources();
  const paths = leafPaths();

  it('every configurable value has a reader in the code', () => {
    const unread = paths
      .filter((p) => !isPending(p) && p !== '/inForce')
      .filter((p) => readers(p, code).length === 0);
    expect(unread).toEqual([]);
  });

  it('no code reads the pending provisions: they are information only', () => {
    const readersOfPending = code
      .filter(({ text }) => /\bpendingProvisions\s*[.?[]/.test(text))
      .map(({ file }) => file);
    expect(readersOfPending).toEqual([]);
    expect(ProfileSchema.properties.pendingProvisions.description).toContain('仅供查阅，不是配置项');
  });

  it('every pending provision names the issue it waits for and reads in words', () => {
    const pending = paths.filter(isPending);
    expect(pending.length).toBeGreaterThan(10);
    for (const path of pending) {
      expect(PENDING_ISSUES[pendingIssue(path)], path).toBeDefined();
      expect(itemName(path, 'zh'), path).not.toContain('›');
    }
    // Issue 16 wired the correction and freshness provisions: none waits for it any more.
    expect(pending.filter((path) => pendingIssue(path) === 16)).toEqual([]);
    // Issue 17 put evaluations and department reports in force (the profile's `evaluation`).
    expect(pending.filter((path) => pendingIssue(path) === 17)).toEqual([]);
    expect(pendingIssue(`${PENDING_ROOT}/platform/topology`)).toBe(18);
    // Issue 19 put seals and snapshots in force (`features.eSeal`, `features.snapshots`).
    expect(pending.filter((path) => /features\/(eSeal|snapshots)/.test(path))).toEqual([]);
    expect(pendingIssue(`${PENDING_ROOT}/features/openData`)).toBe(19);
    expect(pendingIssue(`${PENDING_ROOT}/features/hosting`)).toBe(20);
    expect(pendingNote(`${PENDING_ROOT}/features/openData`, 'zh')).toBe(
      '待第 19 号开发任务（电子印章、数据快照与开放）实施',
    );
    expect(describeValue('/updateTimeliness/fallback', { value: { firstMonthDays: 10 } }, 'zh')).toBe(
      '每季度，首月 10 日内',
    );
  });

  it('the correction provisions, in force since issue 16, layer like every other value (R123)', () => {
    const eff = loadEffectiveProfile('guangzhou');
    // 3 working days (Guangzhou Art.22) is stricter than 第二十六条's 10: kept, from Guangzhou.
    expect(eff.deadlines.correctionHandling).toMatchObject({
      value: 3,
      source: 'guangzhou',
    });
    // Lianyungang is silent on where a correction request goes: 第二十六条 applies.
    expect(loadEffectiveProfile('lianyungang').correction.channel).toMatchObject({
      value: 'provider',
      source: 'national',
    });
    const entry = eff.effective?.values.find((v) => v.path === '/deadlines/correctionHandling');
    expect(entry?.outcome).toBe('local_stricter');
  });
});
