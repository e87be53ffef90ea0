import { beforeAll, describe, expect, it } from 'vitest';
import type { OrgClient } from '../org/test-support/index.js';
import { DIALECTS } from '../platform/db/test-support/index.js';
import {
  API,
  applicationBody,
  type SharingWorld,
  sharingWorldForSuite,
  threeItemContent,
} from './test-support/index.js';

/**
 * One authorization matrix for every sharing action × role, through HTTP: a cell is the status
 * (and error code) the role gets. Writes try every refused role first, then the one allowed role,
 * so that each refusal is met on the same state. 公安 (police) provides, 人社 (hrss) consumes; the
 * county's administrator and authority are parties to nothing here.
 */
const ROLES = [
  'hrss',
  'hrssUser',
  'police',
  'policeUser',
  'authority',
  'countyAdmin',
  'countyAuthority',
  'auditadmin',
  'sysadmin',
] as const;
type Role = (typeof ROLES)[number];
type Cells = Partial<Record<Role, number | string>>;

async function cell(
  client: OrgClient,
  method: string,
  url: string,
  body?: unknown,
): Promise<number | string> {
  const res = await client.request(method, url, body);
  return res.status >= 400 ? `${res.status} ${res.body.error.code}` : res.status;
}

/** Runs the cells in order (refusals before the allowed write) and answers what each role got. */
async function matrix(w: SharingWorld, method: string, url: string, body: unknown, cells: Cells) {
  const order = (Object.keys(cells) as Role[]).sort(
    (a, b) => Number(typeof cells[a] === 'number') - Number(typeof cells[b] === 'number'),
  );
  const got: Cells = {};
  for (const role of order) got[role] = await cell(w[role], method, url, body);
  return got;
}

/** Every role reading one case: the parties, the authority over a party and the auditor; nobody else. */
const reads = (notFound: string, over: Cells = {}): Cells => ({
  hrss: 200,
  hrssUser: 200,
  police: 200,
  policeUser: 200,
  authority: 200,
  countyAdmin: `404 ${notFound}`,
  countyAuthority: `404 ${notFound}`,
  auditadmin: 200,
  sysadmin: `404 ${notFound}`,
  ...over,
});

const listed = async (client: OrgClient, path: string, id: string) =>
  ((await client.request('GET', `${API}/${path}?pageSize=200`)).body.items as { id: string }[]).some(
    (c) => c.id === id,
  );

describe.each(DIALECTS)('sharing authorization matrix, every action (inner-mongolia) on %s', (dialect) => {
  const w = sharingWorldForSuite(dialect, 'inner-mongolia');
  let entry: string;

  beforeAll(async () => {
    entry = await w.publish(threeItemContent());
  });

  // A department user's application waits for its head's consent (809 第二十条第二款, N09): hrss's head endorses it.
  const apply = async () => {
    const id = (await w.hrssUser.request('POST', `${API}/applications`, applicationBody(entry))).body
      .id as string;
    await w.hrss.request('POST', `${API}/applications/${id}/endorse`, {});
    return id;
  };
  const F = '403 FORBIDDEN';

  it('R31 R36 R127 applications and decisions: who applies, reads, withdraws, approves and refuses', async () => {
    expect(
      await matrix(w, 'POST', `${API}/applications`, applicationBody(entry), {
        authority: F,
        auditadmin: F,
        sysadmin: F,
        police: '422 SHARING_OWN_RESOURCE',
        hrssUser: 201,
      }),
    ).toMatchObject({ hrssUser: 201 });
    const id = await apply();
    const url = `${API}/applications/${id}`;
    const N = 'SHARING_APPLICATION_NOT_FOUND';
    expect(await matrix(w, 'GET', url, undefined, reads(N))).toEqual(reads(N));
    const approve: Cells = {
      hrss: '403 SHARING_SELF_DECISION',
      hrssUser: '403 SHARING_SELF_DECISION',
      policeUser: F,
      authority: F,
      countyAdmin: `404 ${N}`,
      countyAuthority: `404 ${N}`,
      auditadmin: F,
      sysadmin: `404 ${N}`,
      police: 200,
    };
    expect(await matrix(w, 'POST', `${url}/approve`, {}, approve)).toEqual(approve);
    const refused = `${API}/applications/${await apply()}`;
    const refuse = { ...approve };
    expect(await matrix(w, 'POST', `${refused}/refuse`, { reason: '涉及个人隐私' }, refuse)).toEqual(refuse);
    const withdraw: Cells = {
      police: F,
      policeUser: F,
      authority: F,
      countyAdmin: `404 ${N}`,
      auditadmin: F,
      hrss: 200,
    };
    const pending = `${API}/applications/${await apply()}`;
    expect(await matrix(w, 'POST', `${pending}/withdraw`, {}, withdraw)).toEqual(withdraw);
    expect(await listed(w.countyAdmin, 'applications', id)).toBe(false);
    expect(await listed(w.countyAuthority, 'applications', id)).toBe(false);
    expect(await listed(w.authority, 'applications', id)).toBe(true);
    expect(await cell(w.sysadmin, 'GET', `${API}/applications`)).toBe(F);
  });

  it('R33 grants: read by the parties, managed by the provider administrator and the authority, checked by the holder', async () => {
    const app = await apply();
    const grantId = (await w.police.request('POST', `${API}/applications/${app}/approve`, {})).body.grantId;
    const url = `${API}/grants/${grantId}`;
    const N = 'GRANT_NOT_FOUND';
    expect(await matrix(w, 'GET', url, undefined, reads(N))).toEqual(reads(N));
    const suspend: Cells = {
      hrss: F,
      hrssUser: F,
      policeUser: F,
      countyAdmin: `404 ${N}`,
      countyAuthority: `404 ${N}`,
      auditadmin: F,
      police: 200,
    };
    expect(await matrix(w, 'POST', `${url}/suspend`, { reason: '核查' }, suspend)).toEqual(suspend);
    const resume: Cells = { hrss: F, policeUser: F, auditadmin: F, authority: 200 };
    expect(await matrix(w, 'POST', `${url}/resume`, { reason: '核查完毕' }, resume)).toEqual(resume);
    const check = { entryId: entry, items: ['参保状态'], purpose: 'data_verification', method: 'interface' };
    const checks: Cells = { authority: F, auditadmin: F, sysadmin: F, policeUser: 200, hrssUser: 200 };
    expect(await matrix(w, 'POST', `${API}/grants/check`, check, checks)).toEqual(checks);
  });

  it('R37 R38 R34 disputes and demands: the consumer opens, the provider negotiates, the authority over both decides', async () => {
    const app = await apply();
    await w.police.request('POST', `${API}/applications/${app}/refuse`, { reason: '涉及个人隐私' });
    const open: Cells = { police: F, authority: F, auditadmin: F, sysadmin: F, hrssUser: 201 };
    const opened = await matrix(
      w,
      'POST',
      `${API}/disputes`,
      { applicationId: app, reason: '确需使用' },
      open,
    );
    expect(opened).toEqual(open);
    const d = (await w.hrss.request('GET', `${API}/disputes?as=consumer&pageSize=200`)).body.items[0].id;
    const url = `${API}/disputes/${d}`;
    const N = 'DISPUTE_NOT_FOUND';
    expect(await matrix(w, 'GET', url, undefined, reads(N))).toEqual(reads(N));
    // Either party may declare the negotiation failed (R37), but only as its department's administrator.
    const fail: Cells = { policeUser: F, authority: F, auditadmin: F, countyAdmin: `404 ${N}`, police: 200 };
    expect(await matrix(w, 'POST', `${url}/fail`, { reason: '无法达成一致' }, fail)).toEqual(fail);
    const escalate: Cells = { police: F, authority: F, countyAdmin: `404 ${N}`, hrss: 200 };
    expect(await matrix(w, 'POST', `${url}/escalate`, { reason: '请求协调' }, escalate)).toEqual(escalate);
    const decide: Cells = {
      hrss: F,
      police: F,
      auditadmin: F,
      countyAuthority: `404 ${N}`,
      authority: 200,
    };
    const decision = { share: false, decision: '经协调，维持不予共享' };
    expect(await matrix(w, 'POST', `${url}/decide`, decision, decide)).toEqual(decide);

    const demand = {
      providerDepartmentId: w.departments.police,
      title: '出入境记录',
      description: '核验救助对象是否长期出境',
      items: ['公民身份号码'],
      purpose: 'data_verification',
      legalDuty: '社会救助对象资格审核',
      methods: ['interface'],
      validUntil: '2027-12-31',
    };
    const submit: Cells = { authority: F, auditadmin: F, sysadmin: F, hrss: 201 };
    expect(await matrix(w, 'POST', `${API}/demands`, demand, submit)).toEqual(submit);
    const m = (await w.hrss.request('GET', `${API}/demands?pageSize=200`)).body.items[0].id;
    const M = 'DEMAND_NOT_FOUND';
    expect(await matrix(w, 'GET', `${API}/demands/${m}`, undefined, reads(M))).toEqual(reads(M));
    const decideDemand: Cells = {
      police: F,
      hrss: F,
      auditadmin: F,
      countyAuthority: `404 ${M}`,
      authority: 200,
    };
    expect(
      await matrix(
        w,
        'POST',
        `${API}/demands/${m}/decide`,
        { share: false, reason: '与履职无关' },
        decideDemand,
      ),
    ).toEqual(decideDemand);
  });

  it('R11 stops: only the provider administrator files and withdraws; holders are told, not parties', async () => {
    const stopped = await w.publish(threeItemContent());
    const body = { entryId: stopped, reason: '系统迁移', effectiveDate: '2026-12-01' };
    const file: Cells = {
      hrss: '403 STOP_NOT_PROVIDER',
      policeUser: F,
      authority: '403 STOP_NOT_PROVIDER',
      police: 201,
    };
    expect(await matrix(w, 'POST', `${API}/stops`, body, file)).toEqual(file);
    const s = (await w.police.request('GET', `${API}/stops?pageSize=200`)).body.items[0].id;
    const N = 'STOP_NOT_FOUND';
    const stopReads = reads(N, { hrss: `404 ${N}`, hrssUser: `404 ${N}` });
    expect(await matrix(w, 'GET', `${API}/stops/${s}`, undefined, stopReads)).toEqual(stopReads);
    const withdraw: Cells = { policeUser: F, authority: F, hrss: `404 ${N}`, police: 200 };
    expect(await matrix(w, 'POST', `${API}/stops/${s}/withdraw`, {}, withdraw)).toEqual(withdraw);
  });

  it('channels and notices: a department manages its own channels; everyone reads only their own notices', async () => {
    const add = {
      departmentId: w.departments.police,
      kind: 'webhook',
      target: 'https://hooks.example.gov.cn/police',
    };
    const channel: Cells = { hrss: F, policeUser: F, auditadmin: F, police: 201 };
    expect(await matrix(w, 'POST', `${API}/channels`, add, channel)).toEqual(channel);
    const list: Cells = { hrss: F, policeUser: F, police: 200 };
    expect(
      await matrix(w, 'GET', `${API}/channels?departmentId=${w.departments.police}`, undefined, list),
    ).toEqual(list);
    const inbox: Cells = Object.fromEntries(ROLES.map((r) => [r, 200]));
    expect(await matrix(w, 'GET', `${API}/notices`, undefined, inbox)).toEqual(inbox);
    const mine = (await w.police.request('GET', `${API}/notices?pageSize=1`)).body.items[0].id;
    const read: Cells = {
      hrss: '404 NOTICE_NOT_FOUND',
      authority: '404 NOTICE_NOT_FOUND',
      auditadmin: '404 NOTICE_NOT_FOUND',
      police: 200,
    };
    expect(await matrix(w, 'POST', `${API}/notices/${mine}/read`, {}, read)).toEqual(read);
  });
});

describe.each(DIALECTS)(
  'sharing authorization matrix, agreements and complaints (neixiang) on %s',
  (dialect) => {
    const w = sharingWorldForSuite(dialect, 'neixiang');
    let entry: string;

    beforeAll(async () => {
      entry = await w.publish(threeItemContent());
    });
    const F = '403 FORBIDDEN';

    it('R35 agreements: the consumer proposes, the provider administrator signs, the authority over the provider files', async () => {
      const body = {
        entryId: entry,
        items: ['参保状态'],
        purpose: 'business_coordination',
        legalDuty: '医保参保核验',
        frequency: 'daily',
        methods: ['interface'],
        validUntil: '2028-12-31',
      };
      const propose: Cells = { authority: F, auditadmin: F, sysadmin: F, hrssUser: 201 };
      expect(await matrix(w, 'POST', `${API}/agreements`, body, propose)).toEqual(propose);
      const a = (await w.hrss.request('GET', `${API}/agreements?pageSize=200`)).body.items[0].id;
      const url = `${API}/agreements/${a}`;
      const N = 'AGREEMENT_NOT_FOUND';
      expect(await matrix(w, 'GET', url, undefined, reads(N))).toEqual(reads(N));
      const sign: Cells = { hrss: F, policeUser: F, authority: F, countyAdmin: `404 ${N}`, police: 200 };
      expect(await matrix(w, 'POST', `${url}/sign`, {}, sign)).toEqual(sign);
      const file: Cells = { hrss: F, police: F, countyAuthority: `404 ${N}`, auditadmin: F, authority: 200 };
      expect(await matrix(w, 'POST', `${url}/file`, {}, file)).toEqual(file);
    });

    it('R118 complaints: any department files; the other side reads it once investigated; the authority over both answers', async () => {
      const body = {
        kind: 'failure_to_update',
        respondentDepartmentId: w.departments.police,
        subject: { type: 'entry', id: entry },
        description: '公安局未按期更新户籍数据',
      };
      const file: Cells = { authority: F, auditadmin: F, sysadmin: F, hrssUser: 201 };
      expect(await matrix(w, 'POST', `${API}/complaints`, body, file)).toEqual(file);
      const c = (await w.hrss.request('GET', `${API}/complaints?pageSize=200`)).body.items[0].id;
      const url = `${API}/complaints/${c}`;
      const N = 'COMPLAINT_NOT_FOUND';
      const before = reads(N, { police: `404 ${N}`, policeUser: `404 ${N}` });
      expect(await matrix(w, 'GET', url, undefined, before)).toEqual(before);
      expect(await listed(w.police, 'complaints', c)).toBe(false);
      const investigate: Cells = {
        hrss: F,
        police: `404 ${N}`,
        auditadmin: F,
        countyAuthority: `404 ${N}`,
        authority: 200,
      };
      expect(await matrix(w, 'POST', `${url}/investigate`, {}, investigate)).toEqual(investigate);
      expect(await matrix(w, 'GET', url, undefined, reads(N))).toEqual(reads(N));
      expect(await listed(w.police, 'complaints', c)).toBe(true);
      const note: Cells = { auditadmin: F, countyAdmin: `404 ${N}`, policeUser: 200 };
      expect(await matrix(w, 'POST', `${url}/notes`, { note: '数据已于本周更新' }, note)).toEqual(note);
      const answer: Cells = { hrss: F, police: F, policeUser: F, auditadmin: F, authority: 200 };
      const reply = { outcome: 'upheld', reply: '投诉成立，责令按期更新' };
      expect(await matrix(w, 'POST', `${url}/answer`, reply, answer)).toEqual(answer);
      const other = (await w.hrss.request('POST', `${API}/complaints`, { ...body, kind: 'other' })).body.id;
      const withdraw: Cells = { police: `404 ${N}`, authority: F, auditadmin: F, hrssUser: 200 };
      expect(await matrix(w, 'POST', `${API}/complaints/${other}/withdraw`, {}, withdraw)).toEqual(withdraw);
    });
  },
);
