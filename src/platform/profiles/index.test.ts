import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import { listProfiles, loadProfile, parseProfile } from './index.js';

const EXPECTED = ['feicheng', 'guangzhou', 'inner-mongolia', 'lianyungang', 'national', 'neixiang'];

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

/** Every cited value in a profile: objects carrying `text` and `article`. */
function citations(node: unknown, path = ''): { path: string; article: string | null; value: unknown }[] {
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  if ('text' in record && 'article' in record) {
    return [{ path, article: record.article as string | null, value: record.value }];
  }
  return Object.entries(record).flatMap(([key, child]) => citations(child, `${path}/${key}`));
}

describe('jurisdiction profiles (R133)', () => {
  const profiles = listProfiles();

  it('every file in profiles/ validates against the schema', () => {
    expect(profiles.map((p) => p.id)).toEqual(EXPECTED);
  });

  it('every number carries the article it comes from', () => {
    for (const profile of profiles.filter((p) => p.instrument.textAvailable)) {
      for (const c of citations(profile)) {
        if (typeof c.value === 'number') expect(c.article, `${profile.id}${c.path}`).not.toBeNull();
      }
    }
  });

  it('national: 政务数据共享条例 (国务院令第809号), every period with its article, nothing unverified', () => {
    const p = loadProfile('national');
    expect(p.instrument).toMatchObject({ number: '国务院令第809号', textAvailable: true });
    expect(p.inForce).toMatchObject({ value: { from: '2025-08-01', until: null }, article: '第四十四条' });
    const d = p.deadlines;
    expect(d.catalogUpdateAfterLawChange).toMatchObject({
      value: 10,
      qualifier: 'fixed',
      article: '第十七条',
    });
    expect(d.catalogUpdateExtension).toMatchObject({ value: 5, article: '第十七条' });
    expect(d.catalogUpdateReview).toMatchObject({ value: 2, article: '第十七条' });
    expect(d.replyUnconditional).toMatchObject({ value: 1, article: '第二十一条' });
    expect(d.reply).toMatchObject({ value: 10, article: '第二十一条' });
    expect(d.replyExtension).toMatchObject({ value: 10, article: '第二十一条' });
    expect(d.supply).toMatchObject({ value: 20, article: '第二十二条' });
    expect(p.deadlines.correctionHandling).toMatchObject({
      value: 10,
      article: '第二十六条',
    });
    expect(p.logs.retention).toMatchObject({ value: 3, semantics: 'minimum', article: '第二十九条' });
    // Silent on a period: null, not_specified, and says so.
    for (const key of ['negotiation', 'coordination'] as const) {
      expect(d[key]).toMatchObject({ value: null, qualifier: 'not_specified' });
      expect(d[key].text).toContain('条例未规定期限');
    }
    const all = JSON.stringify(p);
    expect(all).not.toContain('原文不在目录');
    expect(all).not.toContain('51号');
    expect(all).not.toContain('未核实');
    expect(p.caveats).toEqual([]);
  });

  it('Neixiang: reply within 7 working days, Art.16(2); on-application covers data outside the catalog', () => {
    const p = loadProfile('neixiang');
    expect(p.deadlines.reply).toMatchObject({ value: 7, unit: 'working_days', article: 'Art.16(2)' });
    expect(p.workflow.onApplicationCovers.value).toBe('outside_catalog');
    expect(p.pendingProvisions.logs.captureContent.value).toBe(true);
    expect(p.shareTypes.labels.value.unconditional).toBe('强制共享类');
  });

  it('Inner Mongolia: negotiation 10 and coordination 30 working days, Art.19; no third parties', () => {
    const p = loadProfile('inner-mongolia');
    expect(p.deadlines.negotiation).toMatchObject({ value: 10, unit: 'working_days', article: 'Art.19' });
    expect(p.deadlines.coordination).toMatchObject({ value: 30, unit: 'working_days', article: 'Art.19' });
    expect(p.deadlines.correctionReport).toMatchObject({ value: 5, article: 'Art.21' });
    expect(p.logs.retention).toMatchObject({ value: 2, semantics: 'minimum', article: 'Art.24' });
    expect(p.pendingProvisions.onwardSharing.value).toBe('no_third_party');
  });

  it('Feicheng: logs kept a fixed 5 years, Art.19; in force 2018-05-01 to 2020-04-30', () => {
    const p = loadProfile('feicheng');
    expect(p.logs.retention).toMatchObject({
      value: 5,
      unit: 'years',
      semantics: 'fixed',
      article: 'Art.19',
    });
    expect(p.inForce).toMatchObject({
      value: { from: '2018-05-01', until: '2020-04-30' },
      article: 'Art.35',
    });
    expect(p.shareTypes.legalBasis.value.conflict).toBeDefined();
  });

  it('Guangzhou: other data updated within 3 calendar days, Art.17; access opened by the authority at once', () => {
    const p = loadProfile('guangzhou');
    expect(p.updateTimeliness.otherData).toMatchObject({
      value: 3,
      unit: 'calendar_days',
      article: 'Art.17',
    });
    expect(p.workflow.accessFlow.value).toBe('authority_immediate');
    expect(p.deadlines.reply.qualifier).toBe('not_applicable');
    expect(p.deadlines.supplyAfterGovernmentDecision).toMatchObject({ value: 5, unit: 'working_days' });
  });

  // The regulations folder lives beside the repository, not in it: skip where it is absent.
  const regulations = join(import.meta.dirname, '../../../../shared/regulations');
  it.skipIf(!existsSync(regulations))('the numbers are the ones in the regulation texts', () => {
    // Strip the pinyin a conversion tool put after polyphonic characters: 內(nèi) → 內.
    const text = (name: string) =>
      readFileSync(join(regulations, name), 'utf8').replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/g, '');
    const neixiang = loadProfile('neixiang');
    const innerMongolia = loadProfile('inner-mongolia');
    const feicheng = loadProfile('feicheng');
    const guangzhou = loadProfile('guangzhou');
    expect(text('neixiang-2017.txt')).toContain(`收到申請后${neixiang.deadlines.reply.value}個工作日內`);
    expect(text('inner-mongolia-2018.txt')).toContain(
      `在${innerMongolia.deadlines.negotiation.value}个工作日内协商`,
    );
    expect(text('inner-mongolia-2018.txt')).toContain(
      `在${innerMongolia.deadlines.coordination.value}个工作日内协调`,
    );
    expect(text('feicheng-2018.txt')).toContain(`保留时间为${feicheng.logs.retention.value}年`);
    expect(text('guangzhou-2012.txt')).toContain(`產生后${guangzhou.updateTimeliness.otherData.value}日內`);
    expect(text('guangzhou-2012.txt')).toContain(`${guangzhou.deadlines.correctionHandling.value}個工作日內`);
  });

  it.skipIf(!existsSync(regulations))(
    'national: every quoted passage is in the text of 国务院令第809号',
    () => {
      const text = readFileSync(join(regulations, 'national-2025-809.txt'), 'utf8').replace(/\s+/g, '');
      const national = loadProfile('national');
      for (const c of citations(national)) {
        if (c.article === null) continue;
        const leaf = c as unknown as { path: string };
        const node = leaf.path
          .split('/')
          .slice(1)
          .reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], national) as {
          text: string;
        };
        // "政务数据共享条例 第二十一条第一款：<quoted>。<remark>": each quoted sentence is verbatim.
        const quoted = node.text.replace(/^政务数据共享条例 第[^：]+：/, '').split(/[。]/)[0] ?? '';
        for (const part of quoted.split('；')) expect(text, `${leaf.path}`).toContain(part);
        expect(text).toContain(c.article);
      }
      const numbers = national.deadlines;
      expect(text).toContain(`${numbers.replyUnconditional?.value}个工作日内作出答复`);
      expect(text).toContain(`${numbers.reply.value}个工作日内作出是否同意共享的答复`);
      expect(text).toContain(`最长不得超过${numbers.replyExtension?.value}个工作日`);
      expect(text).toContain(`${numbers.supply?.value}个工作日内共享政务数据`);
      expect(text).toContain(`${numbers.catalogUpdateAfterLawChange.value}个工作日内对政务数据目录完成更新`);
      expect(text).toContain(`可以延长${numbers.catalogUpdateExtension?.value}个工作日`);
      expect(text).toContain(`${numbers.catalogUpdateReview?.value}个工作日内完成审核并发布`);
      expect(text).toContain(`不少于${national.logs.retention.value}年`);
    },
  );

  it('an unknown id is PROFILE_NOT_FOUND', () => {
    expect(caught(() => loadProfile('atlantis')).code).toBe('PROFILE_NOT_FOUND');
    expect(caught(() => loadProfile('../package')).code).toBe('PROFILE_NOT_FOUND');
  });
});

describe('profile validation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'govshare-profiles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = loadProfile('inner-mongolia');

  it('rejects an invalid profile naming the file and the path', () => {
    const broken = structuredClone(base) as unknown as { deadlines: { reply: { value: unknown } } };
    broken.deadlines.reply.value = 'ten';
    const file = join(dir, 'inner-mongolia.json');
    writeFileSync(file, JSON.stringify(broken));
    const error = caught(() => loadProfile('inner-mongolia', dir));
    expect(error.code).toBe('PROFILE_INVALID');
    expect(error.params).toMatchObject({ file, path: '/deadlines/reply/value' });
    expect(error.localized('en')).toContain('/deadlines/reply/value');
  });

  it('rejects an unknown field, a missing article and a mismatched id', () => {
    const extra = { ...base, replyDays: 10 };
    expect(caught(() => parseProfile('x/inner-mongolia.json', JSON.stringify(extra))).params.path).toBe(
      '/replyDays',
    );
    const noArticle = structuredClone(base) as unknown as { logs: { retention: Record<string, unknown> } };
    delete noArticle.logs.retention.article;
    expect(caught(() => parseProfile('inner-mongolia.json', JSON.stringify(noArticle))).params.path).toBe(
      '/logs/retention/article',
    );
    expect(caught(() => parseProfile('other.json', JSON.stringify(base))).params.path).toBe('/id');
    expect(caught(() => parseProfile('inner-mongolia.json', '{')).params.path).toBe('/');
  });
});
