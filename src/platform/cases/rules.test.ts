import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/index.js';
import { migrateToLatest } from '../db/index.js';
import { DIALECTS, openTestStorage, type TestStorage } from '../db/test-support/index.js';
import { loadEffectiveProfile } from '../profiles/index.js';
import {
  CaseRules,
  type CaseRulesTables,
  canonicalJson,
  caseRulesMigrations,
  profileDigest,
} from './rules.js';

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

/**
 * A list page reads the rules of all its cases at once (`rulesOfMany`): one query for their
 * digests, one more only for a profile the instance has not read yet; each case's answer is
 * `rulesOf`'s, today's profile for a case without recorded rules.
 */
describe.each(DIALECTS)('the rules of many cases at once (issue 13) on %s', (dialect) => {
  let storage: TestStorage<CaseRulesTables>;
  const clock = new ManualClock('2026-12-06T02:00:00Z');
  const profileA = loadEffectiveProfile('national');
  const profileB = structuredClone(profileA);
  profileB.deadlines.reply = { ...profileB.deadlines.reply, value: 5 };

  beforeAll(async () => {
    storage = await openTestStorage<CaseRulesTables>(dialect);
    await migrateToLatest(storage.db, dialect, caseRulesMigrations);
    const recorder = new CaseRules({ db: storage.db, clock, current: profileA });
    await storage.db.transaction().execute(async (trx) => {
      for (const id of ['a1', 'a2', 'a3']) await recorder.record(trx, 'obligation', id);
      for (const id of ['b1', 'b2']) await recorder.record(trx, 'obligation', id, undefined, profileB);
      // The same id under another case type keeps other rules: not this type's.
      await recorder.record(trx, 'dispute', 'a1', undefined, profileB);
    });
  }, 60_000);
  afterAll(async () => storage?.dispose());

  /** The database, counting the queries run through it. */
  const counting = () => {
    const seen = { queries: 0 };
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        seen.queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    return { db: storage.db.withPlugin(plugin), seen };
  };

  it('answers each case as rulesOf does, in one query once the profiles are known', async () => {
    const { db, seen } = counting();
    // A new instance (a restart): it knows only the profile it runs under, A.
    const rules = new CaseRules({ db, clock, current: profileA });
    const ids = ['a1', 'b1', 'a2', 'never-recorded', 'b2', 'a3', 'b1'];
    const many = await rules.rulesOfMany('obligation', ids);
    // B was read once, with the digests: two queries for seven cases.
    expect(seen.queries).toBe(2);
    expect([...many.keys()]).toEqual(['a1', 'b1', 'a2', 'never-recorded', 'b2', 'a3']);
    for (const id of many.keys())
      expect(profileDigest(many.get(id) as typeof profileA)).toBe(
        profileDigest(await rules.rulesOf('obligation', id)),
      );
    expect(many.get('b1')?.deadlines.reply.value).toBe(5);
    expect(many.get('a1')).toBe(profileA);
    expect(many.get('never-recorded')).toBe(profileA);

    seen.queries = 0;
    await rules.rulesOfMany('obligation', ids);
    expect(seen.queries).toBe(1);
    seen.queries = 0;
    expect((await rules.rulesOfMany('obligation', [])).size).toBe(0);
    expect(seen.queries).toBe(0);
    expect((await rules.rulesOfMany('dispute', ['a1'])).get('a1')?.deadlines.reply.value).toBe(5);
  });

  it('asks for a long list 1,000 cases at a time, in a transaction where given', async () => {
    const { db, seen } = counting();
    const rules = new CaseRules({ db, clock, current: profileA });
    const ids = [...Array.from({ length: 2_400 }, (_, i) => `x${i}`), 'b2'];
    const many = await db.transaction().execute((trx) => rules.rulesOfMany('obligation', ids, trx));
    expect(many.size).toBe(2_401);
    expect(many.get('x0')).toBe(profileA);
    expect(many.get('b2')?.deadlines.reply.value).toBe(5);
    // Three batches of digests, then B's profile.
    expect(seen.queries).toBe(4);
  });
});
