import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { effectiveProfile, overridesOf, profileExpired, profileNotYetInForce } from './effective.js';
import { listProfiles, loadEffectiveProfile, loadProfile, ProfileSchema } from './index.js';
import type { Profile } from './schema.js';

const national = loadProfile('national');

/** A county profile: Neixiang with its reply period set as given. */
function county(reply: Partial<Profile['deadlines']['reply']>): Profile {
  const p = structuredClone(loadProfile('neixiang'));
  p.deadlines.reply = { ...p.deadlines.reply, ...reply };
  return p;
}

describe('effective profile: local on top of 政务数据共享条例 (R123)', () => {
  it('R123: a county whose reply period is shorter keeps it, naming both articles', () => {
    const eff = effectiveProfile(county({ value: 7, qualifier: 'fixed', article: 'Art.16(2)' }), national);
    expect(eff.deadlines.reply).toMatchObject({ value: 7, article: 'Art.16(2)', source: 'neixiang' });
    const entry = eff.effective?.values.find((v) => v.path === '/deadlines/reply');
    expect(entry).toMatchObject({
      outcome: 'local_stricter',
      overridden: false,
      local: { value: 7, article: 'Art.16(2)' },
      national: { value: 10, article: '第二十一条' },
    });
  });

  it('R123: a county with a longer reply period gets the national one, recorded as an override', () => {
    const eff = effectiveProfile(county({ value: 15, qualifier: 'fixed', article: 'Art.16(2)' }), national);
    expect(eff.deadlines.reply).toMatchObject({
      value: 10,
      article: '政务数据共享条例第二十一条',
      source: 'national',
    });
    const entry = overridesOf(eff).find((v) => v.path === '/deadlines/reply');
    expect(entry).toMatchObject({
      outcome: 'local_weaker',
      local: { value: 15, article: 'Art.16(2)' },
      national: { value: 10, article: '第二十一条' },
    });
  });

  it('R123: a county with no period (not specified or "timely") gets the national one', () => {
    for (const qualifier of ['not_specified', 'timely'] as const) {
      const eff = effectiveProfile(county({ value: null, qualifier, article: null }), national);
      expect(eff.deadlines.reply).toMatchObject({ value: 10, source: 'national' });
      expect(overridesOf(eff).find((v) => v.path === '/deadlines/reply')?.outcome).toBe('local_silent');
    }
  });

  it('R123: a period the local file leaves out comes from the national profile', () => {
    const eff = loadEffectiveProfile('neixiang');
    expect(eff.deadlines.replyUnconditional).toMatchObject({ value: 1, source: 'national' });
    expect(eff.deadlines.supply).toMatchObject({ value: 20, article: '政务数据共享条例第二十二条' });
    const entry = eff.effective?.values.find((v) => v.path === '/deadlines/supply');
    expect(entry).toMatchObject({ outcome: 'local_absent', overridden: false });
    expect(entry?.local).toBeUndefined();
  });

  it('R123: retention is a minimum, so the longer one applies', () => {
    expect(loadEffectiveProfile('inner-mongolia').logs.retention).toMatchObject({
      value: 3,
      source: 'national',
    });
    expect(loadEffectiveProfile('feicheng').logs.retention).toMatchObject({ value: 5, source: 'feicheng' });
  });

  it('R123: a shorter local period in calendar days is kept (Guangzhou corrections, 3 WD < 10 WD)', () => {
    const eff = loadEffectiveProfile('guangzhou');
    // A pending provision is layered like any other value (information only until issue 16 wires it).
    expect(eff.deadlines.correctionHandling).toMatchObject({
      value: 3,
      source: 'guangzhou',
    });
    // No reply step in Guangzhou's flow (the authority opens access at once): kept, not overridden.
    expect(eff.deadlines.reply).toMatchObject({ qualifier: 'not_applicable', source: 'guangzhou' });
    expect(eff.workflow.accessFlow.value).toBe('authority_immediate');
  });

  it('every effective profile validates, keeps its identity, and marks the source of every value', () => {
    for (const p of listProfiles()) {
      const eff = loadEffectiveProfile(p.id);
      expect(Value.Errors(ProfileSchema, eff).First(), p.id).toBeUndefined();
      expect(eff.id).toBe(p.id);
      expect(eff.inForce).toEqual(p.inForce);
      expect(eff.effective).toMatchObject({ local: p.id, national: 'national' });
      for (const v of eff.effective?.values ?? []) expect(['national', p.id]).toContain(v.source);
    }
    const base = loadEffectiveProfile('national');
    expect(overridesOf(base)).toEqual([]);
    expect(base.deadlines.reply).toMatchObject({ article: '第二十一条', source: 'national' });
  });

  it('R73: 肥城、广州、内乡 require the dataset documentation with their articles; 809 and the others do not', () => {
    const articles: Record<string, string> = {
      feicheng: 'Art.16',
      guangzhou: 'Art.12',
      neixiang: 'Art.4, 7',
    };
    for (const [id, article] of Object.entries(articles)) {
      const eff = loadEffectiveProfile(id);
      expect(eff.catalogPreparation?.documentation, id).toMatchObject({ value: true, article, source: id });
      expect(eff.catalogPreparation?.documentation?.text, id).toContain('采集');
      // The national rules of 第十三条 still apply beside it.
      expect(eff.catalogPreparation?.grading, id).toMatchObject({ value: true, source: 'national' });
    }
    expect(loadProfile('national').catalogPreparation?.documentation).toMatchObject({
      value: false,
      article: null,
    });
    for (const id of ['national', 'inner-mongolia', 'lianyungang'])
      expect(loadEffectiveProfile(id).catalogPreparation?.documentation, id).toMatchObject({
        value: false,
        source: 'national',
      });
  });

  it('does not change its inputs', () => {
    const local = loadProfile('lianyungang');
    const before = JSON.stringify(local);
    effectiveProfile(local, national);
    expect(JSON.stringify(local)).toBe(before);
  });

  it('R133: Feicheng ended 2020-04-30; national is in force from 2025-08-01', () => {
    const feicheng = loadProfile('feicheng');
    expect(profileExpired(feicheng, '2020-04-30')).toBe(false);
    expect(profileExpired(feicheng, '2020-05-01')).toBe(true);
    expect(profileNotYetInForce(national, '2025-07-31')).toBe(true);
    expect(profileNotYetInForce(national, '2025-08-01')).toBe(false);
  });
});
