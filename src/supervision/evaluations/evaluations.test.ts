import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgClient } from '../../org/test-support/index.js';
import { tablesOf } from '../../platform/db/index.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import {
  describeValue,
  listProfiles,
  loadEffectiveProfile,
  loadProfile,
} from '../../platform/profiles/index.js';
import { EVALUATION_INDICATOR_LABELS } from '../../platform/profiles/labels.js';
import { auditActions, type SharingWorld, startSharingWorld } from '../../sharing/test-support/index.js';
import type { SupervisionServices } from '../index.js';
import { INDICATOR_NAMES, INDICATORS } from '../indicators/definitions.js';
import type { SupervisionIndicatorDayTable, SupervisionTables } from '../indicators/schema.js';
import type { EvaluationTables } from './schema.js';
import { evaluationScheme, reportScheme } from './scheme.js';

const EVALUATIONS = '/api/v1/supervision/evaluations';
const REPORTS = '/api/v1/supervision/reports';
/** 2026-07-20 08:00 China: the first half-year is over, its report due 2026-07-31 (Inner Mongolia Art.32). */
const START = '2026-07-20T00:00:00Z';
const D1 = '2026-03-02';
const D2 = '2026-03-03';

describe('R111 R112 R115 the profile schemes (issue 17)', () => {
  it('R111 every profile names known indicators with positive weights, each scheme value with its text', () => {
    for (const p of listProfiles()) {
      const scheme = evaluationScheme(loadEffectiveProfile(p.id));
      expect(scheme, p.id).not.toBeNull();
      for (const i of scheme?.indicators ?? []) expect(INDICATOR_NAMES).toContain(i.indicator);
      expect(scheme?.basis.period.text.length).toBeGreaterThan(0);
    }
    // Neixiang Art.24: at least yearly, results published; quantity, update timeliness and usage.
    const neixiang = evaluationScheme(loadEffectiveProfile('neixiang'));
    expect(neixiang).toMatchObject({ period: 'annual', publication: 'public' });
    expect(neixiang?.basis.publication.article).toBe('Art.24');
    // Inner Mongolia is silent on the indicators: the national configuration applies (R123).
    const im = evaluationScheme(loadEffectiveProfile('inner-mongolia'));
    expect(im?.indicators).toEqual(evaluationScheme(loadProfile('national'))?.indicators);
    expect(im?.basis.indicators.article).toBeNull();
    expect(im?.basis.publication).toMatchObject({ article: 'Art.31 ¶2', source: 'inner-mongolia' });
  });

  it('R111 the policy page names every indicator in Chinese, as supervision does', () => {
    const bare = (text: string) => text.replace(/（[^）]*）|\s*\([^)]*\)/g, '');
    for (const name of INDICATOR_NAMES)
      expect(EVALUATION_INDICATOR_LABELS[name], name).toEqual({
        zh: bare(INDICATORS[name].label.zh),
        en: bare(INDICATORS[name].label.en),
      });
    const national = loadEffectiveProfile('national');
    const words = describeValue(
      '/evaluation/indicators',
      national.evaluation?.indicators ?? { value: [] },
      'zh',
    );
    expect(words).toContain('共享申请按时答复率（权重 20）');
    expect(words).not.toMatch(/[A-Za-z]/);
    const reports = loadEffectiveProfile('inner-mongolia').evaluation?.departmentReports;
    expect(describeValue('/evaluation/departmentReports', reports ?? { value: null }, 'zh')).toBe(
      '每半年；上半年报告 07-31 前；年度报告次年 01-31 前；提前 5 个工作日提醒',
    );
  });

  it('R112 department reports: Inner Mongolia half-yearly and the annual by 31 January; Guangzhou annual; national none', () => {
    expect(reportScheme(loadEffectiveProfile('inner-mongolia'))).toMatchObject({
      cadence: 'half_yearly',
      annualDue: '01-31',
      basis: { article: 'Art.32' },
    });
    expect(reportScheme(loadEffectiveProfile('guangzhou'))).toMatchObject({
      cadence: 'annual',
      basis: { article: 'Art.30' },
    });
    expect(reportScheme(loadEffectiveProfile('national'))).toBeNull();
    expect(reportScheme(loadEffectiveProfile('neixiang'))).toBeNull();
  });
});

describe.each(DIALECTS)(
  'R111 R112 R115 R116 R117 evaluations, department reports and compliance reports on %s (issue 17)',
  (dialect) => {
    let w: SharingWorld;
    let supervision: SupervisionServices;
    let police: string;
    let hrss: string;
    let county: string;

    beforeAll(async () => {
      w = await startSharingWorld(dialect, 'inner-mongolia', START);
      supervision = (w.platform.services as unknown as { supervision: SupervisionServices }).supervision;
      ({ police, hrss, county } = w.departments);
      // The fixture: stored daily indicators with known answers (a share keeps its terms).
      const rows: Omit<SupervisionIndicatorDayTable, 'computed_at' | 'subject_name' | 'jurisdiction_id'>[] =
        [];
      const add = (
        dep: string,
        path: string,
        day: string,
        indicator: string,
        value: number | null,
        n: number | null = null,
        d: number | null = null,
      ) =>
        rows.push({
          day,
          subject_kind: 'department',
          subject_id: dep,
          department_id: dep,
          jurisdiction_path: path,
          indicator,
          value,
          numerator: n,
          denominator: d,
        });
      const share = (dep: string, path: string, day: string, indicator: string, n: number, d: number) =>
        add(dep, path, day, indicator, d > 0 ? n / d : null, n, d);
      const city = w.city.path;
      share(police, city, D1, 'catalog_coverage', 3, 4);
      share(police, city, D2, 'catalog_coverage', 4, 4);
      share(police, city, D1, 'catalog_update_timeliness', 1, 2);
      share(police, city, D2, 'catalog_update_timeliness', 0, 0);
      share(police, city, D1, 'reply_timeliness', 2, 2);
      share(police, city, D2, 'reply_timeliness', 1, 3);
      share(police, city, D1, 'supply_timeliness', 1, 1);
      share(police, city, D1, 'freshness', 1, 1);
      share(police, city, D2, 'freshness', 0, 1);
      add(police, city, D1, 'quality_score', 90);
      add(police, city, D2, 'quality_score', 80);
      add(police, city, D1, 'usage_queries', 2);
      add(police, city, D2, 'usage_queries', 3);
      share(hrss, city, D1, 'catalog_coverage', 1, 1);
      share(hrss, city, D1, 'reply_timeliness', 0, 0);
      add(hrss, city, D1, 'freshness', null);
      add(hrss, city, D1, 'quality_score', null);
      add(hrss, city, D1, 'usage_queries', 10);
      share(county, w.county.path, D1, 'catalog_coverage', 1, 2);
      share(county, w.county.path, D1, 'reply_timeliness', 1, 1);
      add(county, w.county.path, D1, 'quality_score', 60);
      add(county, w.county.path, D1, 'usage_queries', 0);
      // A day outside the period must not count.
      add(police, city, '2026-07-01', 'usage_queries', 1000);
      await tablesOf<SupervisionTables>(w.platform.storage.db)
        .insertInto('supervision_indicator_day')
        .values(
          rows.map((r) => ({
            ...r,
            subject_name: r.subject_id,
            jurisdiction_id: r.jurisdiction_path === city ? w.city.id : w.county.id,
            computed_at: START,
          })),
        )
        .execute();
    }, 180_000);
    afterAll(() => w?.close());

    const call = async (client: OrgClient, method: string, url: string, body?: unknown) =>
      client.request(method, url, body);
    const ok = async (client: OrgClient, method: string, url: string, body?: unknown) => {
      const res = await call(client, method, url, body);
      expect(res.status, `${method} ${url} ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };

    let evaluationId: string;
    // biome-ignore lint/suspicious/noExplicitAny: the evaluation's JSON is inspected loosely.
    let evaluation: any;
    // biome-ignore lint/suspicious/noExplicitAny: idem.
    const lineOf = (e: any, dep: string) =>
      e.lines.find((l: { departmentId: string }) => l.departmentId === dep);
    // biome-ignore lint/suspicious/noExplicitAny: idem.
    const scoreOf = (line: any, indicator: string) =>
      line.indicators.find((i: { indicator: string }) => i.indicator === indicator);

    it('R111 scores, weights redistributed for missing data, and the ranking against known answers', async () => {
      evaluation = await ok(w.authority, 'POST', EVALUATIONS, { period: '2026-H1' });
      evaluationId = evaluation.id;
      expect(evaluation).toMatchObject({
        state: 'draft',
        period: '2026-H1',
        from: '2026-01-01',
        to: '2026-06-30',
      });
      // Inner Mongolia Art.31 ¶2 (appraisal): internal.
      expect(evaluation.publication).toBe('internal');
      const weights = Object.fromEntries(
        evaluation.scheme.indicators.map((i: { indicator: string; weight: number }) => [
          i.indicator,
          i.weight,
        ]),
      );
      expect(weights).toEqual({
        catalog_coverage: 15,
        catalog_update_timeliness: 15,
        reply_timeliness: 20,
        supply_timeliness: 15,
        freshness: 15,
        quality_score: 10,
        usage_queries: 10,
      });
      const p = lineOf(evaluation, police);
      // A share over the period is Σ numerators / Σ denominators: 7/8, not the mean of 3/4 and 4/4.
      expect(scoreOf(p, 'catalog_coverage')).toMatchObject({ numerator: 7, denominator: 8, score: 87.5 });
      expect(scoreOf(p, 'catalog_update_timeliness')).toMatchObject({
        numerator: 1,
        denominator: 2,
        score: 50,
      });
      // (2 + 1) / (2 + 3) = 60 %, where the mean of the daily shares would be 66.7 %.
      expect(scoreOf(p, 'reply_timeliness')).toMatchObject({ numerator: 3, denominator: 5, score: 60 });
      expect(scoreOf(p, 'supply_timeliness').score).toBe(100);
      expect(scoreOf(p, 'freshness').score).toBe(50);
      // A score over the period is the mean of its days.
      expect(scoreOf(p, 'quality_score')).toMatchObject({ value: 85, score: 85 });
      // A count is the period's sum (5; the 1000 of July is outside), scored against the largest (人社's 10).
      expect(scoreOf(p, 'usage_queries')).toMatchObject({ value: 5, score: 50 });
      const policeTotal = (15 * 87.5 + 15 * 50 + 20 * 60 + 15 * 100 + 15 * 50 + 10 * 85 + 10 * 50) / 100;
      expect(p.total).toBeCloseTo(policeTotal, 2);
      const h = lineOf(evaluation, hrss);
      // No data is null (无数据), never 0: reply 0/0, freshness and score empty, nothing stored for the rest.
      for (const name of [
        'catalog_update_timeliness',
        'reply_timeliness',
        'supply_timeliness',
        'freshness',
        'quality_score',
      ])
        expect(scoreOf(h, name).score, name).toBeNull();
      // Its weight goes to the indicators with data: (15 × 100 + 10 × 100) / (15 + 10).
      expect(h.total).toBe(100);
      const c = lineOf(evaluation, county);
      expect(c.total).toBeCloseTo((15 * 50 + 20 * 100 + 10 * 60 + 10 * 0) / (15 + 20 + 10 + 10), 2);
      expect(c.jurisdictionName).toBe('示范县');
      const ranked = evaluation.lines.map((l: { departmentId: string; rank: number | null }) => [
        l.departmentId,
        l.rank,
      ]);
      expect(ranked.slice(0, 3)).toEqual([
        [hrss, 1],
        [police, 2],
        [county, 3],
      ]);
      // A department with no stored figure at all has no total and no rank.
      for (const l of evaluation.lines.slice(3)) expect([l.total, l.rank]).toEqual([null, null]);
      // The jurisdiction's pooled reply timeliness: (3 + 1) / (5 + 1).
      const avg = evaluation.averages.find((a: { indicator: string }) => a.indicator === 'reply_timeliness');
      expect(avg.value).toBeCloseTo(4 / 6, 6);
      expect(avg.score).toBe(80);
    });

    it('R111 suggestions are drafted from the data, in Chinese, per weak indicator', async () => {
      const p = lineOf(evaluation, police);
      expect(p.suggestion).toContain(
        '共享申请按时答复率 60%，低于辖区平均 67%，建议在法定期限内答复共享申请。',
      );
      expect(p.drafted).toBe(p.suggestion);
      expect(lineOf(evaluation, hrss).suggestion).toBe('各项指标不低于辖区平均水平，请继续保持。');
      expect(lineOf(evaluation, county).suggestion).toContain('查询次数 0，低于辖区平均 5，建议');
    });

    it('refuses a second run of the same period, a period not begun, and a malformed one', async () => {
      expect((await call(w.authority, 'POST', EVALUATIONS, { period: '2026-H1' })).status).toBe(409);
      const future = await call(w.authority, 'POST', EVALUATIONS, { period: '2027' });
      expect([future.status, future.body.error?.code]).toEqual([400, 'SUPERVISION_PERIOD_INVALID']);
      expect((await call(w.authority, 'POST', EVALUATIONS, { period: '2026-H3' })).status).toBe(400);
      expect((await call(w.authority, 'POST', EVALUATIONS, { period: '2026', extra: 1 })).status).toBe(400);
    });

    it('R117 a draft: departments and other authorities cannot read or change it; the auditor reads, never writes', async () => {
      const url = `${EVALUATIONS}/${evaluationId}`;
      expect((await call(w.police, 'GET', url)).status).toBe(404);
      expect((await ok(w.police, 'GET', EVALUATIONS)).items).toEqual([]);
      expect((await call(w.countyAuthority, 'GET', url)).status).toBe(404);
      expect(
        (await call(w.countyAuthority, 'PUT', `${url}/suggestions/${county}`, { suggestion: '改' })).status,
      ).toBe(404);
      const audited = await ok(w.auditadmin, 'GET', url);
      expect(audited.lines.length).toBe(evaluation.lines.length);
      expect(audited.ownLineOnly).toBe(false);
      for (const [method, path, body] of [
        ['PUT', `${url}/suggestions/${police}`, { suggestion: '审计修改' }],
        ['POST', `${url}/review`, {}],
        ['POST', `${url}/publish`, {}],
        ['POST', `${url}/recompute`, {}],
        ['POST', EVALUATIONS, { period: '2026' }],
      ] as const)
        expect((await call(w.auditadmin, method, path, body)).status, `${method} ${path}`).toBe(403);
    });

    it('hostile suggestions: lone surrogates, NUL and 100k characters are a clear 400; markup is kept as text', async () => {
      const url = `${EVALUATIONS}/${evaluationId}/suggestions/${police}`;
      for (const suggestion of ['a\ud800b', 'a\u0000b', 'x'.repeat(100_000)]) {
        const res = await call(w.authority, 'PUT', url, { suggestion });
        expect(res.status).toBe(400);
        expect(res.body.error?.code).toBeTruthy();
      }
      const markup = '<script>alert(1)</script>答复及时率偏低，建议=HYPERLINK("x")';
      const edited = await ok(w.authority, 'PUT', url, { suggestion: markup });
      expect(lineOf(edited, police).suggestion).toBe(markup);
      expect(lineOf(edited, police).drafted).toContain('共享申请按时答复率 60%');
      expect(
        (
          await call(w.authority, 'PUT', `${EVALUATIONS}/${evaluationId}/suggestions/${w.otherCity.id}`, {
            suggestion: 'x',
          })
        ).status,
      ).toBe(404);
      // Recomputing a draft keeps what the authority wrote.
      const recomputed = await ok(w.authority, 'POST', `${EVALUATIONS}/${evaluationId}/recompute`, {});
      expect(lineOf(recomputed, police).suggestion).toBe(markup);
      const final = '答复及时率 60%，低于辖区平均水平，请在十个工作日内答复共享申请。';
      await ok(w.authority, 'PUT', url, { suggestion: final });
    });

    it('R111 draft → reviewed → published: frozen, sealed by a digest that verifies and breaks when the content changes', async () => {
      const url = `${EVALUATIONS}/${evaluationId}`;
      expect((await call(w.authority, 'POST', `${url}/publish`, {})).status).toBe(409);
      const reviewed = await ok(w.authority, 'POST', `${url}/review`, {});
      expect(reviewed.state).toBe('reviewed');
      expect(
        (await call(w.authority, 'PUT', `${url}/suggestions/${police}`, { suggestion: '再改' })).status,
      ).toBe(409);
      const published = await ok(w.authority, 'POST', `${url}/publish`, {});
      expect(published.state).toBe('published');
      expect(published.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(published.timeline.map((e: { action: string }) => e.action)).toEqual([
        'run',
        'suggestion',
        'recompute',
        'suggestion',
        'review',
        'publish',
      ]);
      for (const [method, path, body] of [
        ['PUT', `${url}/suggestions/${police}`, { suggestion: '发布后修改' }],
        ['POST', `${url}/recompute`, {}],
        ['POST', `${url}/review`, {}],
        ['POST', `${url}/reopen`, {}],
      ] as const) {
        const res = await call(w.authority, method, path, body);
        expect([res.status, res.body.error?.code], path).toEqual([409, 'SUPERVISION_EVALUATION_FROZEN']);
      }
      const verified = await ok(w.auditadmin, 'GET', `${url}/verify`);
      expect(verified).toMatchObject({ valid: true, digest: published.digest, computed: published.digest });
      // Someone changes the stored content behind the platform's back: the seal no longer matches.
      const db = tablesOf<EvaluationTables>(w.platform.storage.db);
      const row = await db
        .selectFrom('supervision_evaluation')
        .select('content')
        .where('id', '=', evaluationId)
        .executeTakeFirstOrThrow();
      const tampered = row.content.replace('请在十个工作日内', '请在二十个工作日内');
      expect(tampered).not.toBe(row.content);
      await db
        .updateTable('supervision_evaluation')
        .set({ content: tampered })
        .where('id', '=', evaluationId)
        .execute();
      const broken = await ok(w.auditadmin, 'GET', `${url}/verify`);
      expect(broken.valid).toBe(false);
      expect(broken.computed).not.toBe(published.digest);
      await db
        .updateTable('supervision_evaluation')
        .set({ content: row.content })
        .where('id', '=', evaluationId)
        .execute();
      expect((await ok(w.authority, 'GET', `${url}/verify`)).valid).toBe(true);
    });

    it('R111 an internal evaluation: each department reads its own line only; others nothing', async () => {
      const url = `${EVALUATIONS}/${evaluationId}`;
      const own = await ok(w.police, 'GET', url);
      expect(own.ownLineOnly).toBe(true);
      expect(own.lines.map((l: { departmentId: string }) => l.departmentId)).toEqual([police]);
      expect(own.timeline).toEqual([]);
      const hrssView = await ok(w.hrssUser, 'GET', url);
      expect(hrssView.lines.map((l: { departmentId: string }) => l.departmentId)).toEqual([hrss]);
      expect(JSON.stringify(hrssView)).not.toContain(police);
      const listed = (await ok(w.police, 'GET', EVALUATIONS)).items;
      expect(listed.map((e: { id: string; ownLineOnly: boolean }) => [e.id, e.ownLineOnly])).toEqual([
        [evaluationId, true],
      ]);
      // Neither the security administrator nor a department of another city reads it.
      expect((await call(w.secadmin, 'GET', url)).status).toBe(404);
    });

    it('R115 R117 the KPI export: the auditor downloads the ranking and scores as xlsx; a department only its line', async () => {
      const download = async (client: OrgClient) => {
        const res = await w.platform.http.inject({
          method: 'GET',
          url: `${EVALUATIONS}/${evaluationId}/export.xlsx`,
          remoteAddress: client.ip,
          headers: { cookie: client.cookie ?? '' },
        });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toContain('spreadsheetml');
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
        return book;
      };
      const book = await download(w.auditadmin);
      const ranking = book.getWorksheet('排名');
      expect(ranking?.getRow(1).getCell(4).value).toBe('综合得分');
      const second = ranking?.getRow(2);
      expect([second?.getCell(1).value, second?.getCell(2).value, second?.getCell(4).value]).toEqual([
        1,
        '示范市人力资源和社会保障局',
        100,
      ]);
      expect(ranking?.getRow(3).getCell(2).value).toBe('示范市公安局');
      // 人社 has no freshness figure: 无数据, not 0.
      expect(ranking?.getRow(2).getCell(9).value).toBe('无数据');
      expect(book.getWorksheet('说明')?.getRow(9).getCell(2).value).toBe(
        (await ok(w.auditadmin, 'GET', `${EVALUATIONS}/${evaluationId}`)).digest,
      );
      const own = await download(w.police);
      expect(own.getWorksheet('排名')?.rowCount).toBe(2);
      expect(own.getWorksheet('排名')?.getRow(2).getCell(2).value).toBe('示范市公安局');
    });

    it('R111 a public evaluation is read whole by every signed-in user once published', async () => {
      const e = await ok(w.authority, 'POST', EVALUATIONS, { period: '2026', publication: 'public' });
      expect((await call(w.secadmin, 'GET', `${EVALUATIONS}/${e.id}`)).status).toBe(404);
      await ok(w.authority, 'POST', `${EVALUATIONS}/${e.id}/review`, {});
      await ok(w.authority, 'POST', `${EVALUATIONS}/${e.id}/publish`, {});
      const read = await ok(w.secadmin, 'GET', `${EVALUATIONS}/${e.id}`);
      expect(read.lines.length).toBe(e.lines.length);
      expect(read.ownLineOnly).toBe(false);
    });

    // biome-ignore lint/suspicious/noExplicitAny: report JSON inspected loosely.
    const reportOf = async (client: OrgClient, dep: string): Promise<any> => {
      const items = (await ok(client, 'GET', `${REPORTS}?period=2026-H1`)).items;
      const found = items.find((r: { department: { id: string } }) => r.department.id === dep);
      expect(found, `report of ${dep}`).toBeTruthy();
      return ok(client, 'GET', `${REPORTS}/${found.id}`);
    };
    const titles = async (client: OrgClient) =>
      (await ok(client, 'GET', '/api/v1/sharing/notices?pageSize=200')).items.map(
        (n: { title: { zh: string } }) => n.title.zh,
      );

    it('R112 the half-year report opens pre-filled from the indicators once the period is over', async () => {
      await supervision.reports.sweep();
      const report = await reportOf(w.police, police);
      expect(report).toMatchObject({ period: '2026-H1', due: '2026-07-31', state: 'open', overdue: false });
      expect(report.basis.article).toBe('Art.32');
      const reply = report.figures.find((f: { indicator: string }) => f.indicator === 'reply_timeliness');
      expect(reply).toMatchObject({ numerator: 3, denominator: 5, value: 0.6 });
      expect(report.figures.find((f: { indicator: string }) => f.indicator === 'usage_queries').value).toBe(
        5,
      );
      // A department sees its own reports only.
      const hrssList = (await ok(w.hrss, 'GET', REPORTS)).items;
      expect(hrssList.every((r: { department: { id: string } }) => r.department.id === hrss)).toBe(true);
      expect((await call(w.hrss, 'GET', `${REPORTS}/${report.id}`)).status).toBe(404);
      expect(
        (await call(w.hrss, 'PUT', `${REPORTS}/${report.id}`, { work: 'x', problems: '', plans: '' })).status,
      ).toBe(404);
    });

    it('R112 the reminder job: no notice 6 working days ahead, the resource administrators at 5, the authority once overdue (manual clock)', async () => {
      const due = '请于 2026-07-31 前报送 2026-H1 共享工作报告';
      w.clock.set('2026-07-23T00:00:00Z');
      await supervision.reports.sweep();
      expect(await titles(w.police)).not.toContain(due);
      w.clock.set('2026-07-24T00:00:00Z');
      await supervision.reports.sweep();
      await supervision.reports.sweep();
      expect((await titles(w.police)).filter((t: string) => t === due)).toHaveLength(1);
      expect(await titles(w.hrss)).toContain(due);
      // The department user is not a resource administrator: the reminder is not addressed to it.
      expect(await titles(w.policeUser)).not.toContain(due);
    });

    it('R112 R117 submission and review: return with comments, resubmit, accept; the auditor reads and cannot review', async () => {
      const report = await reportOf(w.police, police);
      const url = `${REPORTS}/${report.id}`;
      expect((await call(w.policeUser, 'POST', `${url}/submit`, {})).status).toBe(403);
      for (const work of ['a\ud800', 'a\u0000', 'y'.repeat(100_000)])
        expect((await call(w.police, 'PUT', url, { work, problems: '', plans: '' })).status).toBe(400);
      await ok(w.police, 'PUT', url, {
        work: '完成目录编制 12 项。',
        problems: '答复及时率偏低。',
        plans: '',
      });
      expect((await call(w.police, 'POST', `${url}/accept`, {})).status).toBe(403);
      const submitted = await ok(w.police, 'POST', `${url}/submit`, {
        work: '完成目录编制 12 项。',
        problems: '答复及时率偏低。',
        plans: '下半年答复及时率达到 90%。',
      });
      expect(submitted.state).toBe('submitted');
      expect(await titles(w.authority)).toContain('示范市公安局 报送了 2026-H1 共享工作报告');
      expect((await call(w.police, 'PUT', url, { work: '改', problems: '', plans: '' })).status).toBe(409);
      expect((await call(w.auditadmin, 'POST', `${url}/accept`, {})).status).toBe(403);
      expect((await call(w.countyAuthority, 'POST', `${url}/accept`, {})).status).toBe(404);
      expect((await call(w.authority, 'POST', `${url}/return`, {})).status).toBe(400);
      const returned = await ok(w.authority, 'POST', `${url}/return`, { comment: '请补充存在问题的原因。' });
      expect([returned.state, returned.reviewComment]).toEqual(['returned', '请补充存在问题的原因。']);
      await ok(w.police, 'POST', `${url}/submit`, {
        work: '完成目录编制 12 项。',
        problems: '答复及时率偏低：人员不足。',
        plans: '下半年答复及时率达到 90%。',
      });
      const accepted = await ok(w.authority, 'POST', `${url}/accept`, {});
      expect(accepted.state).toBe('accepted');
      expect(accepted.timeline.map((e: { action: string }) => e.action)).toEqual([
        'open',
        'remind',
        'save',
        'submit',
        'return',
        'submit',
        'accept',
      ]);
      const audited = await ok(w.auditadmin, 'GET', url);
      expect(audited.plans).toBe('下半年答复及时率达到 90%。');
    });

    it('R112 after the due date the authority is told of each report not submitted, once', async () => {
      w.clock.set('2026-08-03T00:00:00Z');
      await supervision.reports.sweep();
      await supervision.reports.sweep();
      const told = await titles(w.authority);
      expect(
        told.filter((t: string) => t === '示范市人力资源和社会保障局 2026-H1 共享工作报告逾期未报送'),
      ).toHaveLength(1);
      expect(told).not.toContain('示范市公安局 2026-H1 共享工作报告逾期未报送');
      expect((await reportOf(w.hrss, hrss)).overdue).toBe(true);
      // The county's authority hears of the county's department, not of the city's.
      const county = await titles(w.countyAuthority);
      expect(county).toContain('示范县市场监督管理局 2026-H1 共享工作报告逾期未报送');
      expect(county).not.toContain('示范市人力资源和社会保障局 2026-H1 共享工作报告逾期未报送');
    });

    it('R116 a compliance report for an IT project: figures from the indicators, open violations, sealed, verified by the reviewing department', async () => {
      const COMPLIANCE = '/api/v1/supervision/compliance-reports';
      const kinds = (await ok(w.authority, 'GET', '/api/v1/supervision/violations/categories')).items;
      const kind = kinds.find((k: { party: string }) => k.party === 'provider');
      const violation = await ok(w.authority, 'POST', '/api/v1/supervision/violations', {
        categoryCode: kind.code,
        respondentDepartmentId: police,
        facts: '未按时答复共享申请',
      });
      const body = {
        departmentId: police,
        from: '2026-01-01',
        to: '2026-06-30',
        project: '人口库升级改造项目',
      };
      const issued = await ok(w.police, 'POST', COMPLIANCE, body);
      expect(issued).toMatchObject({
        number: expect.stringMatching(/^HG-\d{4}-\d{6}$/),
        department: { id: police, name: '示范市公安局' },
        project: '人口库升级改造项目',
        period: { from: '2026-01-01', to: '2026-06-30' },
        intact: true,
        // Inner Mongolia Art.33: no approval and no O&M funding without compliance.
        basis: { value: 'withhold', article: 'Art.33 ¶1' },
      });
      const figure = (i: string) => issued.figures.find((f: { indicator: string }) => f.indicator === i);
      // The fixture's known answers: shares keep their terms, counts sum, scores average.
      expect(figure('catalog_coverage')).toMatchObject({ numerator: 7, denominator: 8, value: 7 / 8 });
      expect(figure('reply_timeliness')).toMatchObject({ numerator: 3, denominator: 5, value: 3 / 5 });
      expect(figure('usage_queries').value).toBe(5);
      expect(figure('quality_score').value).toBe(85);
      expect(figure('catalog_coverage').label.zh).toBe(INDICATORS.catalog_coverage.label.zh);
      expect(issued.violations).toEqual([
        expect.objectContaining({ number: violation.number, status: 'open', article: kind.article }),
      ]);
      expect(issued.digest).toMatch(/^[0-9a-f]{64}$/);

      // The authority reads it whole; the department reviewing the project checks it by number and
      // digest and learns whose it is, never its figures.
      expect(await ok(w.authority, 'GET', `${COMPLIANCE}/${issued.id}`)).toMatchObject({
        digest: issued.digest,
        intact: true,
      });
      const verify = (digest: string) =>
        call(w.hrss, 'GET', `${COMPLIANCE}/verify?number=${issued.number}&digest=${digest}`);
      expect((await verify(issued.digest)).body).toEqual({
        valid: true,
        number: issued.number,
        department: '示范市公安局',
        project: '人口库升级改造项目',
        period: { from: '2026-01-01', to: '2026-06-30' },
        issuedAt: issued.issuedAt,
      });
      const other = `${issued.digest.slice(0, 63)}${issued.digest.endsWith('0') ? '1' : '0'}`;
      expect((await verify(other)).body).toEqual({ valid: false, number: issued.number });
      expect(
        (await call(w.hrss, 'GET', `${COMPLIANCE}/verify?number=x&digest=${issued.digest}`)).status,
      ).toBe(400);

      // Another department, a department user and another jurisdiction's authority: no.
      expect((await call(w.hrss, 'GET', `${COMPLIANCE}/${issued.id}`)).status).toBe(404);
      expect((await call(w.hrss, 'POST', COMPLIANCE, body)).status).toBe(403);
      expect((await call(w.policeUser, 'POST', COMPLIANCE, body)).status).toBe(403);
      expect((await call(w.countyAuthority, 'POST', COMPLIANCE, body)).status).toBe(403);
      expect(
        ((await ok(w.hrss, 'GET', COMPLIANCE)).items as { id: string }[]).map((r) => r.id),
      ).not.toContain(issued.id);
      expect(
        ((await ok(w.authority, 'GET', COMPLIANCE)).items as { id: string }[]).map((r) => r.id),
      ).toContain(issued.id);

      // Two reports issued at once get two numbers and two digests (PostgreSQL: two connections).
      const twice = await Promise.all([
        ok(w.police, 'POST', COMPLIANCE, { ...body, project: '项目甲' }),
        ok(w.authority, 'POST', COMPLIANCE, { ...body, project: '项目乙' }),
      ]);
      expect(new Set(twice.map((r) => r.number)).size).toBe(2);
      expect(twice.map((r) => r.digest)).not.toContain(issued.digest);

      // Periods: reversed, in the future, longer than three years, not a date.
      for (const [from, to, status] of [
        ['2026-06-30', '2026-01-01', 400],
        ['2026-01-01', '2099-01-01', 400],
        ['2020-01-01', '2026-01-01', 400],
        ['2026-02-30', '2026-03-01', 400],
      ] as const) {
        const res = await call(w.police, 'POST', COMPLIANCE, { ...body, from, to });
        expect(res.status, `${from} ${to}`).toBe(status);
      }
      const hostile = await call(w.police, 'POST', COMPLIANCE, { ...body, project: 'a\u0000b' });
      expect(hostile.status).toBe(400);

      // A stored report changed behind the platform's back no longer verifies, and says so.
      await w.platform.storage.db
        .updateTable('supervision_compliance_report' as never)
        .set({ content: JSON.stringify({ ...issued, project: '另一个项目' }) } as never)
        .where('id' as never, '=', issued.id as never)
        .execute();
      expect((await ok(w.authority, 'GET', `${COMPLIANCE}/${issued.id}`)).intact).toBe(false);
      expect((await verify(issued.digest)).body.valid).toBe(false);
      expect(new Set(await auditActions(w, issued.id))).toEqual(
        new Set([
          'supervision.compliance.issue',
          'supervision.compliance.read',
          'supervision.compliance.verify',
        ]),
      );
    });
  },
);
