import { describe, expect, it } from 'vitest';
import { conditionalContent } from '../catalog/test-support/content.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { listProfiles, loadProfile } from '../platform/profiles/index.js';
import { accessDecision, replyPeriod } from './access-flow.js';
import { API, applicationBody, sharingWorldForSuite } from './test-support/index.js';

describe('the workflow shape of every profile (REQUIREMENTS §4.1–4.2)', () => {
  it('R28 R29 R31 maps accessFlow × onApplicationCovers to a path for each share type', () => {
    const paths = Object.fromEntries(
      listProfiles().map((p) => [
        p.id,
        [accessDecision(p, 'unconditional').path, accessDecision(p, 'conditional').path],
      ]),
    );
    expect(paths).toEqual({
      feicheng: ['direct', 'application'],
      guangzhou: ['direct', 'direct'],
      'inner-mongolia': ['direct', 'application'],
      lianyungang: ['direct', 'application'],
      national: ['direct', 'application'],
      neixiang: ['direct', 'direct'],
    });
    for (const p of listProfiles())
      expect(() => accessDecision(p, 'not_shared')).toThrow(/SHARING_NOT_SHARED/);
  });

  it('R32 reads the reply period from the profile: 10 WD Inner Mongolia and Feicheng, 7 WD Neixiang, none elsewhere', () => {
    expect(replyPeriod(loadProfile('inner-mongolia'))?.value).toBe(10);
    expect(replyPeriod(loadProfile('feicheng'))?.value).toBe(10);
    expect(replyPeriod(loadProfile('neixiang'))?.value).toBe(7);
    expect(replyPeriod(loadProfile('lianyungang'))).toBeNull();
    expect(replyPeriod(loadProfile('guangzhou'))).toBeNull();
  });
});

const shapes = [
  { profile: 'neixiang', path: 'direct', basis: 'onApplicationCovers:outside_catalog', article: 'Art.16(2)' },
  { profile: 'guangzhou', path: 'direct', basis: 'accessFlow:authority_immediate', article: 'Art.19' },
  {
    profile: 'lianyungang',
    path: 'application',
    // R123: the notes leave the scope open, so 政务数据共享条例 applies.
    basis: 'onApplicationCovers:conditional_in_catalog',
    article: '政务数据共享条例第二十一条',
  },
] as const;

for (const shape of shapes)
  describe.each(DIALECTS)(`a conditional resource under ${shape.profile} on %s`, (dialect) => {
    const w = sharingWorldForSuite(dialect, shape.profile);

    it(`R28 R29 R31 takes the ${shape.path} path, citing ${shape.article}`, async () => {
      const entry = await w.publish(conditionalContent());
      const res = await w.hrss.request('POST', `${API}/applications`, applicationBody(entry));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.path).toBe(shape.path);
      expect(res.body.timeline[0].detail.basis).toMatchObject({ rule: shape.basis, article: shape.article });
      if (shape.path === 'direct') {
        expect(res.body).toMatchObject({ status: 'approved', deadline: null });
        const grant = await w.hrss.request('GET', `${API}/grants/${res.body.grantId}`);
        expect(grant.body).toMatchObject({ origin: 'unconditional', items: ['公民身份号码', '参保状态'] });
      } else {
        // R123: Lianyungang's notes set no reply period, so the national 10 WD (第二十一条) applies.
        expect(res.body).toMatchObject({ status: 'pending', overdue: false, deadlineNote: null });
        expect(res.body.deadline.article).toContain('政务数据共享条例第二十一条');
        expect(res.body.deadline.workingDaysLeft).toBe(10);
      }
    });
  });
