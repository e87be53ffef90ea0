import { join } from 'node:path';
import { type CatalogWorld, startCatalogWorld } from '../../../src/catalog/test-support/world.ts';
import type { RecordValues } from '../../../src/exchange/model.ts';
import { exchangeContent, sampleRecords } from '../../../src/exchange/test-support/index.ts';
import { type OrgClient, PASSWORD } from '../../../src/org/test-support/index.ts';
import { ManualClock } from '../../../src/platform/clock/index.ts';
import { loadConfig } from '../../../src/platform/config/index.ts';
import type { Role } from '../../../src/platform/context/index.ts';
import type { DialectName } from '../../../src/platform/db/index.ts';

/** A person of the national world: the account a browser signs in with, and the name the pages show. */
export interface Person {
  username: string;
  password: string;
  name: string;
  id: string;
}

/**
 * The national world in the browser (政务数据共享条例, 国务院令第809号): 人社 (hrss) requests, 公安
 * (police) provides, the city's data authority decides extensions. Each department's sharing
 * office is recorded as an administrator records it (部门 → 共享工作机构, `PUT
 * /departments/:id/office`): a head with an account and an officer, and staff who are neither,
 * so that 第二十条's consents are the head's own. 公安 hosts `exchangeContent` with sample records,
 * so a grant can be read through the exchange. The clock is manual, in 2026, whose State Council
 * holiday notice is bundled: no deadline is provisional.
 */
export interface NationalWorld {
  w: CatalogWorld;
  clock: ManualClock;
  url: string;
  /** The hosted, published 公安 entry and its catalog code. */
  entryId: string;
  entryCode: string;
  records: RecordValues[];
  people: {
    /** 人社: applies (dept_user, neither head nor officer). */
    requesterStaff: Person;
    /** 人社's sharing-office head, with an account. */
    requesterHead: Person;
    requesterOfficer: Person;
    /** 公安: answers (resource_admin, not the head): approve and refuse are drafts for the head. */
    providerStaff: Person;
    /** 公安's sharing-office head, with an account. */
    providerHead: Person;
    providerOfficer: Person;
    /** The city's authority (主管部门): decides reply extensions. */
    authority: Person;
  };
  close(): Promise<void>;
}

async function step(client: OrgClient, method: string, url: string, body: unknown = {}) {
  const res = await client.request(method, url, body);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function startNationalWorld(
  dialect: DialectName,
  options: { start: string; webDist?: string },
): Promise<NationalWorld> {
  const clock = new ManualClock(options.start);
  const w = await startCatalogWorld(dialect, {
    clock,
    listen: true,
    webDist: options.webDist ?? process.env.GOVSHARE_TEST_WEB_DIST ?? join(process.cwd(), 'web', 'dist'),
    config: {
      profile: 'national',
      // Sessions outlive the weeks the clock walks across.
      session: { idleMinutes: 10_000_000, absoluteHours: 200_000 },
      // Every read reaches the store: the first one is the supply (N12).
      exchange: { ...loadConfig({}).exchange, readCacheMs: 0 },
    },
  });
  const { platform } = w;
  const person = async (username: string, name: string, departmentId: string, roles: Role[]) => {
    const { user } = await platform.services.users.create(undefined, {
      username,
      displayName: name,
      departmentId,
      roles,
      password: PASSWORD,
    });
    return { username, password: PASSWORD, name, id: user.id };
  };
  const { hrss, police } = w.departments;
  const people = {
    requesterStaff: await person('rs.keyuan', '王科员', hrss, ['dept_user']),
    requesterHead: await person('rs.zhuren', '李主任', hrss, ['dept_user']),
    requesterOfficer: await person('rs.zhuanyuan', '赵专员', hrss, ['dept_user']),
    providerStaff: await person('ga.ziyuan', '孙科员', police, ['resource_admin']),
    providerHead: await person('ga.juzhang', '周局长', police, ['dept_user']),
    providerOfficer: await person('ga.zhuanyuan', '钱专员', police, ['resource_admin']),
    authority: await person('zg.xietiao', '吴处长', w.cityDepartmentId, ['authority']),
  };

  // The operator records each department's office, head and officer (N01).
  const office = (departmentId: string, name: string, head: Person, title: string, officer: Person) =>
    step(w.sysadmin, 'PUT', `/api/v1/departments/${departmentId}/office`, {
      officeName: name,
      officePhone: '0371-12345678',
      officeEmail: 'share@example.gov.cn',
      headUserId: head.id,
      headTitle: title,
      officerUserId: officer.id,
    });
  await office(hrss, '市人社局数据共享办公室', people.requesterHead, '副局长', people.requesterOfficer);
  await office(police, '市公安局数据共享办公室', people.providerHead, '副局长', people.providerOfficer);

  // 公安 publishes the resource (ratified by the authority) and hosts it with sample records.
  const created = await step(w.police, 'POST', '/api/v1/catalog/entries', { content: exchangeContent() });
  const entryId = created.id as string;
  await step(w.police, 'POST', `/api/v1/catalog/entries/${entryId}/submit`);
  await step(w.authority, 'POST', `/api/v1/catalog/entries/${entryId}/ratify`);
  await step(w.police, 'POST', `/api/v1/catalog/entries/${entryId}/publish`);
  await step(w.police, 'POST', '/api/v1/exchange/resources', { entryId });
  const records = sampleRecords(5);
  await step(w.police, 'POST', `/api/v1/exchange/resources/${entryId}/batches`, {
    ops: records.map((record) => ({ op: 'upsert', record })),
  });

  return {
    w,
    clock,
    url: w.t.url,
    entryId,
    entryCode: created.code as string,
    records,
    people,
    close: () => w.close(),
  };
}
