import {
  type DepartmentKind,
  departmentIdsByName,
  hasAccounts,
  jurisdictionByCode,
  type Role,
} from '../../org/index.js';
import type { Platform } from '../index.js';
import { seedDemoCatalog } from './catalog.js';
import { seedDemoExchange } from './exchange.js';

/** A password shared by every demo account, so a newcomer can try each role at once. */
export const DEMO_PASSWORD = 'Demo#2026share';

const COUNTIES = [
  { code: '990102', name: '示范市东湖区' },
  { code: '990121', name: '示范市青山县' },
];

// Unified social credit codes with correct check characters (GB 32100), 11 = 机关.
const DEPARTMENTS: {
  name: string;
  shortName: string;
  uscc: string;
  county?: string;
  kind?: DepartmentKind;
}[] = [
  { name: '示范市公安局', shortName: '市公安局', uscc: '11990100010242484J' },
  { name: '示范市市场监督管理局', shortName: '市市场监管局', uscc: '119901000102504093' },
  { name: '示范市人力资源和社会保障局', shortName: '市人社局', uscc: '11990100010258320D' },
  { name: '示范市民政局', shortName: '市民政局', uscc: '119901000102662403' },
  { name: '示范市自然资源和规划局', shortName: '市自然资源局', uscc: '11990100010274160Q' },
  { name: '示范市卫生健康委员会', shortName: '市卫健委', uscc: '11990100010282080E' },
  { name: '示范市住房和城乡建设局', shortName: '市住建局', uscc: '11990100010290005Y' },
  {
    name: '示范市不动产登记中心',
    shortName: '市不动产中心',
    uscc: '11990100010345432F',
    kind: 'institution',
  },
  { name: '示范市东湖区公安分局', shortName: '东湖公安分局', uscc: '1199010201029791XW', county: '990102' },
  { name: '示范市东湖区民政局', shortName: '东湖区民政局', uscc: '11990102010305836G', county: '990102' },
  {
    name: '示范市青山县市场监督管理局',
    shortName: '青山县市场监管局',
    uscc: '11990121010321676C',
    county: '990121',
  },
  {
    name: '示范市青山县人力资源和社会保障局',
    shortName: '青山县人社局',
    uscc: '11990121010329598Q',
    county: '990121',
  },
];

const ACCOUNTS: { username: string; displayName: string; department: string; roles: Role[] }[] = [
  {
    username: 'authority',
    displayName: '刘主任（数据局）',
    department: '示范市政务服务和数据管理局',
    roles: ['authority'],
  },
  { username: 'police.admin', displayName: '王警官', department: '示范市公安局', roles: ['resource_admin'] },
  { username: 'police.user', displayName: '赵警官', department: '示范市公安局', roles: ['dept_user'] },
  // The head of the police's sharing office: consents to the answers its administrator drafts (809 第二十条第三款).
  { username: 'police.head', displayName: '钱副局长', department: '示范市公安局', roles: ['dept_user'] },
  {
    username: 'market.admin',
    displayName: '陈科长',
    department: '示范市市场监督管理局',
    roles: ['resource_admin'],
  },
  {
    username: 'hrss.admin',
    displayName: '李科长',
    department: '示范市人力资源和社会保障局',
    roles: ['resource_admin'],
  },
  {
    username: 'hrss.user',
    displayName: '周科员',
    department: '示范市人力资源和社会保障局',
    roles: ['dept_user'],
  },
  { username: 'civil.user', displayName: '吴科员', department: '示范市民政局', roles: ['dept_user'] },
  {
    username: 'donghu.civil',
    displayName: '郑科员',
    department: '示范市东湖区民政局',
    roles: ['resource_admin', 'dept_user'],
  },
  {
    username: 'qingshan.market',
    displayName: '孙科员',
    department: '示范市青山县市场监督管理局',
    roles: ['resource_admin'],
  },
];

/**
 * Each department's sharing office, head and officer (809 第十一条, N01), so that an application
 * and its answer wait for the head's consent (第二十条): 人社局's administrator is its head (its
 * user's applications wait for him), 公安局's answers wait for its deputy director, and 民政局's head
 * has no account, so its officer records the head's written consent by its document number.
 */
const OFFICES: {
  department: string;
  head: { username: string } | { name: string };
  headTitle: string;
  officer: string;
}[] = [
  {
    department: '示范市公安局',
    head: { username: 'police.head' },
    headTitle: '副局长',
    officer: 'police.admin',
  },
  {
    department: '示范市人力资源和社会保障局',
    head: { username: 'hrss.admin' },
    headTitle: '信息中心主任',
    officer: 'hrss.user',
  },
  {
    department: '示范市市场监督管理局',
    head: { username: 'market.admin' },
    headTitle: '科长',
    officer: 'market.admin',
  },
  { department: '示范市民政局', head: { name: '孙局长' }, headTitle: '局长', officer: 'civil.user' },
  {
    department: '示范市东湖区民政局',
    head: { username: 'donghu.civil' },
    headTitle: '副局长',
    officer: 'donghu.civil',
  },
  {
    department: '示范市青山县市场监督管理局',
    head: { username: 'qingshan.market' },
    headTitle: '副局长',
    officer: 'qingshan.market',
  },
];

export interface DemoResult {
  departments: number;
  accounts: { username: string; displayName: string; department: string; roles: Role[] }[];
  password: string;
  /** Catalog entries seeded across the lifecycle's states. */
  catalogEntries: number;
  /** Records of the hosted demo resource, readable by two consumer departments. */
  hostedRecords: number;
}

/**
 * Loads the demo jurisdiction: 示范市 with two counties, a dozen departments and an account in
 * every role. Runs on a bootstrapped instance; refuses to run twice.
 */
export async function loadDemo(platform: Platform): Promise<DemoResult> {
  const { db } = platform.storage;
  const { jurisdictions, departments, users } = platform.services;
  if (await hasAccounts(db, 'authority')) {
    throw new Error('演示数据已加载 / the demo is already loaded');
  }
  const city = await jurisdictionByCode(db, '990100');
  if (!city)
    throw new Error(
      '演示数据需要以 990100 示范市为本级行政区划的实例 / the demo needs an instance created for 990100 示范市',
    );
  const countyIds = new Map<string, string>();
  for (const county of COUNTIES) {
    const created = await jurisdictions.create(undefined, { ...county, level: 'county', parentId: city.id });
    countyIds.set(county.code, created.id);
  }
  const departmentIds = await departmentIdsByName(db);
  for (const d of DEPARTMENTS) {
    const jurisdictionId = d.county ? (countyIds.get(d.county) as string) : city.id;
    const created = await departments.create(undefined, {
      name: d.name,
      shortName: d.shortName,
      uscc: d.uscc,
      jurisdictionId,
      kind: d.kind ?? 'government',
    });
    departmentIds.set(d.name, created.id);
  }
  const accounts = new Map<string, DemoAccount>();
  for (const a of ACCOUNTS) {
    const departmentId = departmentIds.get(a.department);
    if (!departmentId) throw new Error(`demo department missing: ${a.department}`);
    const { user } = await users.create(undefined, {
      username: a.username,
      displayName: a.displayName,
      departmentId,
      roles: a.roles,
      password: DEMO_PASSWORD,
    });
    accounts.set(a.username, { id: user.id, name: a.displayName, departmentId, roles: a.roles });
  }
  await recordOffices(platform, departmentIds, accounts);
  const catalogEntries = await seedDemoCatalog(platform, departmentIds);
  const exchange = await seedDemoExchange(platform, departmentIds, accounts);
  return {
    departments: DEPARTMENTS.length,
    accounts: ACCOUNTS,
    password: DEMO_PASSWORD,
    catalogEntries,
    hostedRecords: exchange.records,
  };
}

/** A demo account as the seeding steps act for it. */
export interface DemoAccount {
  id: string;
  name: string;
  departmentId: string;
  roles: Role[];
}

/** Records `OFFICES` as the platform operator would (N01). */
async function recordOffices(
  platform: Platform,
  departmentIds: Map<string, string>,
  accounts: Map<string, DemoAccount>,
): Promise<void> {
  const { departments } = platform.services;
  const operator = platform.storage.db;
  const bootstrap = await operator
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.department_id'])
    .where('user_role.role', '=', 'operator')
    .executeTakeFirstOrThrow();
  const ctx = {
    actor: {
      kind: 'user' as const,
      id: bootstrap.id,
      name: '演示数据（共享工作机构）',
      departmentId: bootstrap.department_id,
      jurisdictionPath: (await departments.get(undefined, bootstrap.department_id)).jurisdictionPath,
      roles: ['operator' as const],
    },
  };
  for (const office of OFFICES) {
    const departmentId = departmentIds.get(office.department);
    const officer = accounts.get(office.officer);
    if (!departmentId || !officer) throw new Error(`demo office incomplete: ${office.department}`);
    const head =
      'username' in office.head
        ? { headUserId: accounts.get(office.head.username)?.id ?? null }
        : { headName: office.head.name };
    await departments.offices.set(ctx, departmentId, {
      officeName: `${office.department.replace(/^示范市/, '')}政务数据共享工作小组`,
      officePhone: '0990-12345678',
      officeEmail: 'share@example.gov.cn',
      ...head,
      headTitle: office.headTitle,
      officerUserId: officer.id,
    });
  }
}
