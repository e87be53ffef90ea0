import type { EntryContent } from '../../catalog/model.js';
import { conditionalContent, item, sampleContent } from '../../catalog/test-support/content.js';
import { type CatalogWorld, startCatalogWorld } from '../../catalog/test-support/world.js';
import { createUser, type OrgClient, signedIn } from '../../org/test-support/index.js';
import { ManualClock } from '../../platform/clock/index.js';
import type { PlatformConfig } from '../../platform/config/index.js';
import type { DialectName } from '../../platform/db/index.js';

/**
 * A sharing world on a given profile: 公安 (police) provides, 人社 (hrss) consumes; 公安 also has
 * a department user without the resource administrator role; the clock is manual and sessions
 * outlive the months a test walks across.
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
): Promise<SharingWorld> {
  const clock = new ManualClock(start);
  const w = await startCatalogWorld(dialect, {
    clock,
    config: { profile, session: { idleMinutes: 10_000_000, absoluteHours: 200_000 }, ...config },
  });
  await createUser(w.platform, 'police.user', w.departments.police, ['dept_user']);
  const policeUser = await signedIn(w.platform, 'police.user');
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
    scope: { kind: 'all' },
    methods: ['interface'],
    validUntil: '2027-12-31',
    ...overrides,
  };
}
