import { afterAll, beforeAll } from 'vitest';
import type { EntryContent } from '../../catalog/model.js';
import { conditionalContent, item, sampleContent } from '../../catalog/test-support/content.js';
import { type CatalogWorld, startCatalogWorld } from '../../catalog/test-support/world.js';
import { createUser, type OrgClient, type OrgWorldOptions, signedIn } from '../../org/test-support/index.js';
import { ManualClock } from '../../platform/clock/index.js';
import type { PlatformConfig } from '../../platform/config/index.js';
import type { DialectName } from '../../platform/db/index.js';

/**
 * A sharing world on a given profile: 公安 (police) provides, 人社 (hrss) consumes; 公安 also has
 * a department user without the resource administrator role; the clock is manual and sessions
 * outlive the months a test walks across. Each department's resource administrator is recorded as
 * the head (and officer) of its sharing office (N01), so that its applications and answers carry
 * the head's consent at once (809 第二十条, N09); a department user's application waits for it.
 */
export interface SharingWorld extends CatalogWorld {
  clock: ManualClock;
  policeUser: OrgClient;
  /** Publishes an entry of 公安 and answers its id. */
  publish(content?: EntryContent): Promise<string>;
}

export const API = '/api/v1/sharing';

/** 2026-09-30 10:00 in China: the last working day before the National Day holiday. */
export const BEFORE_NATIONAL_DAY = '2026-09-30T02:00:00Z';

export async function startSharingWorld(
  dialect: DialectName,
  profile: string,
  start: string = BEFORE_NATIONAL_DAY,
  /** More configuration (the exchange's limits…), over the profile and the long sessions. */
  config: Partial<PlatformConfig> = {},
  /** Serve on a real port with the built portal (browser tests). */
  serve: Pick<OrgWorldOptions, 'listen' | 'webDist'> = {},
): Promise<SharingWorld> {
  const clock = new ManualClock(start);
  const w = await startCatalogWorld(dialect, {
    clock,
    config: { profile, session: { idleMinutes: 10_000_000, absoluteHours: 200_000 }, ...config },
    ...serve,
  });
  await createUser(w.platform, 'police.user', w.departments.police, ['dept_user']);
  const policeUser = await signedIn(w.platform, 'police.user');
  await recordHead(w, w.police, w.departments.police, 'police.admin');
  await recordHead(w, w.hrss, w.departments.hrss, 'hrss.admin');
  await recordHead(w, w.countyAdmin, w.departments.county, 'county.admin');
  const publish = async (content: EntryContent = conditionalContent()) => {
    const step = async (client: OrgClient, url: string, body: unknown = {}) => {
      const res = await client.request('POST', url, body);
      if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const created = await step(w.police, '/api/v1/catalog/entries', { content });
    const id = created.id as string;
    await step(w.police, `/api/v1/catalog/entries/${id}/submit`);
    await step(w.authority, `/api/v1/catalog/entries/${id}/ratify`);
    await step(w.police, `/api/v1/catalog/entries/${id}/publish`);
    return id;
  };
  return { ...w, clock, policeUser, publish };
}

/**
 * The sharing world of one `describe` block: started before its tests (the hooks are registered
 * where this is called) and closed after them. The object answered is filled in when the world
 * has started, so the block's tests and helpers read it as they would a world of their own.
 *
 * @example const w = sharingWorldForSuite(dialect, 'inner-mongolia');
 */
export function sharingWorldForSuite(
  dialect: DialectName,
  profile: string,
  start?: string,
  config?: Partial<PlatformConfig>,
): SharingWorld {
  const world = {} as SharingWorld;
  let started: SharingWorld | undefined;
  beforeAll(async () => {
    started = await startSharingWorld(dialect, profile, start, config);
    Object.assign(world, started);
  }, 180_000);
  afterAll(async () => started?.close());
  return world;
}

/** The id of an account, by its user name. */
export async function userId(w: Pick<CatalogWorld, 'platform'>, username: string): Promise<string> {
  const row = await w.platform.storage.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The audit actions recorded on these targets (cases, grants, channels…), in the order recorded. */
export async function auditActions(
  w: Pick<CatalogWorld, 'platform'>,
  ...targetIds: string[]
): Promise<string[]> {
  const rows = await w.platform.storage.db
    .selectFrom('audit_entry')
    .select('action')
    .where('target_id', 'in', targetIds)
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.action);
}

/**
 * Records the department's sharing office with `head` as its head (or, given `{ headName }`, a
 * head without an account) and `officer` as its officer (N01), through the office route.
 */
export async function recordHead(
  w: Pick<CatalogWorld, 'platform'>,
  client: OrgClient,
  departmentId: string,
  head: string | { headName: string },
  officer: string = typeof head === 'string' ? head : '',
): Promise<void> {
  const res = await client.request('PUT', `/api/v1/departments/${departmentId}/office`, {
    officeName: '数据共享科',
    officePhone: '0471-1234567',
    officeEmail: 'share@example.gov.cn',
    ...(typeof head === 'string' ? { headUserId: await userId(w, head) } : head),
    headTitle: '副局长',
    officerUserId: await userId(w, officer),
  });
  if (res.status !== 200)
    throw new Error(`office of ${departmentId}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A conditional entry of three items, the third of which is itself not shared. */
export function threeItemContent(): EntryContent {
  return conditionalContent({
    items: [
      item({ name: '公民身份号码', length: 18, isKey: true, keyKind: 'resident_id' }),
      item({ name: '参保状态', length: 10 }),
      item({ name: '缴费基数', dataType: 'N', length: 12 }),
      item({ name: '个人病史', length: 200, shareType: 'not_shared' }),
    ],
  });
}

export { sampleContent };

/** A valid application body for an entry; tests vary one field at a time. */
export function applicationBody(entryId: string, overrides: Record<string, unknown> = {}) {
  return {
    entryId,
    items: ['公民身份号码', '参保状态'],
    purpose: 'data_verification',
    legalDuty: '社会救助对象资格审核（《社会救助暂行办法》第十一条）',
    scenario: '最低生活保障申请审核时核对申请人参保情况',
    scope: { kind: 'all' },
    methods: ['interface'],
    validUntil: '2027-12-31',
    ...overrides,
  };
}

/**
 * Runs the nightly supervision job (issue 17, R114) and answers the violation cases it has opened
 * from one kind of record (`supply_overdue`, `disposal_missing`…), as the authority lists them.
 */
export async function violationsFrom(
  w: Pick<CatalogWorld, 'platform' | 'authority'>,
  kind: string,
  // biome-ignore lint/suspicious/noExplicitAny: the case's JSON is inspected loosely in tests.
): Promise<any[]> {
  const job = await w.platform.services.jobs.runNow('supervision.violations');
  if (job.lastOutcome !== 'success') throw new Error(`supervision.violations: ${job.lastError}`);
  const res = await w.authority.request('GET', '/api/v1/supervision/violations?pageSize=200');
  if (res.status !== 200) throw new Error(`violations list: ${res.status}`);
  return (res.body.items as { source: { kind: string } }[]).filter((v) => v.source.kind === kind);
}
