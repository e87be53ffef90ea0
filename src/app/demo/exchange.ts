import type { CatalogService } from '../../catalog/index.js';
import type { ExchangeServices } from '../../exchange/index.js';
import type { DepartmentService } from '../../org/index.js';
import type { Actor } from '../../platform/context/index.js';
import { completeResidentId } from '../../platform/identifiers/index.js';
import type { SharingServices } from '../../sharing/index.js';
import type { DemoAccount } from './index.js';

/** What the demo uses of the running platform (loadDemo passes it). */
interface DemoPlatform {
  services: {
    catalog: CatalogService;
    exchange: ExchangeServices;
    sharing: SharingServices;
    departments: DepartmentService;
  };
}

/** The demo's hosted resource: the police's 人口基本信息, consumed by 人社局 and 民政局. */
const HOSTED_ENTRY = '人口基本信息';
const PROVIDER = '示范市公安局';
/**
 * Who applies for each consumer (809 第二十条第二款): 人社局's head himself, so his consent goes with
 * it; 民政局's officer, whose head has no account, then records the head's written consent.
 */
const CONSUMERS: { department: string; applicant: string; writtenConsent?: string }[] = [
  { department: '示范市人力资源和社会保障局', applicant: 'hrss.admin' },
  { department: '示范市民政局', applicant: 'civil.user', writtenConsent: '示民函〔2026〕18号' },
];
const RECORDS = 240;

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛'];
const NATIONS = ['汉族', '汉族', '汉族', '回族', '蒙古族', '满族'];
const STREETS = ['人民路', '解放大道', '青山街', '东湖路', '建设巷', '和平里'];

/** Synthetic residents with valid ID numbers (check characters computed, not real people). */
function demoResidents(): Record<string, string>[] {
  return Array.from({ length: RECORDS }, (_, i) => {
    const year = 1950 + (i % 55);
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 28) + 1).padStart(2, '0');
    const serial = String(100 + ((i * 7) % 900)).padStart(3, '0');
    return {
      公民身份号码: completeResidentId(`110105${year}${month}${day}${serial}`),
      姓名: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 3) % GIVEN.length]}`,
      性别: Number(serial) % 2 === 1 ? '男' : '女',
      民族: NATIONS[i % NATIONS.length] ?? '汉族',
      出生日期: `${year}-${month}-${day}`,
      户籍地址: `示范市东湖区${STREETS[i % STREETS.length]}${(i % 90) + 1}号`,
    };
  });
}

/**
 * Hosts the police's population entry with a few hundred synthetic residents and gives two
 * consumer departments their grants (it is unconditionally shared: an application is granted at
 * once), so that a newcomer can query, download and subscribe straight away.
 */
export async function seedDemoExchange(
  platform: DemoPlatform,
  departments: Map<string, string>,
  accounts: Map<string, DemoAccount>,
): Promise<{ hostedEntries: number; records: number }> {
  const { catalog, exchange, sharing, departments: directory } = platform.services;
  const entry = (await catalog.listPublished()).find((e) => e.content.name === HOSTED_ENTRY);
  const providerId = departments.get(PROVIDER);
  if (!entry || !providerId) throw new Error(`demo entry missing: ${HOSTED_ENTRY}`);
  const actorOf = async (departmentId: string, roles: Actor['roles']): Promise<Actor> => ({
    kind: 'user',
    id: 'demo-exchange',
    name: '演示数据（数据交换）',
    departmentId,
    jurisdictionPath: (await directory.get(undefined, departmentId)).jurisdictionPath,
    roles,
  });
  const provider = { actor: await actorOf(providerId, ['resource_admin']) };
  await exchange.hosting.host(provider, entry.id);
  const records = demoResidents();
  const result = await exchange.hosting.applyBatch(
    provider,
    entry.id,
    records.map((record) => ({ op: 'insert' as const, record })),
    { source: 'demo' },
  );
  for (const consumer of CONSUMERS) {
    const account = accounts.get(consumer.applicant);
    if (!account) throw new Error(`demo account missing: ${consumer.applicant}`);
    const applicant = {
      actor: {
        ...(await actorOf(account.departmentId, account.roles)),
        id: account.id,
        name: account.name,
      },
    };
    const application = await sharing.applications.apply(applicant, {
      entryId: entry.id,
      items: entry.content.items.map((i) => i.name),
      purpose: 'data_verification',
      legalDuty: '核验办事群众身份信息（《居民身份证法》第十九条）',
      scenario: '窗口受理时核验申请人身份信息',
      scope: { kind: 'all' },
      methods: ['online_query', 'batch_download', 'subscription'],
      validUntil: '2027-12-31',
    });
    if (consumer.writtenConsent)
      await sharing.applications.endorse(applicant, application.id, {
        reference: consumer.writtenConsent,
        opinion: '同意申请，用于窗口身份核验',
      });
  }
  return { hostedEntries: 1, records: result.applied };
}
