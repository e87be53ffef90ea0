import { describe, expect, it } from 'vitest';
import { loadEffectiveProfile } from '../profiles/index.js';
import { canonicalJson, profileDigest } from './rules.js';

describe('the digest of a profile a case keeps (issue 13)', () => {
  it('does not depend on key order, and changes with any value', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    );
    const profile = loadEffectiveProfile('neixiang');
    const reordered = Object.fromEntries(Object.entries(profile).reverse()) as typeof profile;
    expect(profileDigest(reordered)).toBe(profileDigest(profile));
    expect(profileDigest(profile)).toMatch(/^[0-9a-f]{64}$/);
    const changed = structuredClone(profile);
    changed.deadlines.reply = { ...changed.deadlines.reply, value: 6 };
    expect(profileDigest(changed)).not.toBe(profileDigest(profile));
    expect(profileDigest(loadEffectiveProfile('national'))).not.toBe(profileDigest(profile));
  });
});
