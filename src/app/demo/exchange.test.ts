import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { DIALECTS } from '../../platform/db/test-support/index.js';
import { validateResidentId } from '../../platform/identifiers/index.js';
import { loadDemo } from './index.js';

describe.each(DIALECTS)('R52 demo exchange on %s', (dialect) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform({ dialect });
  }, 120_000);
  afterAll(async () => t?.close());

  it('hosts the population entry with valid residents and grants two consumers at once', async () => {
    const result = await loadDemo(t.platform);
    expect(result.hostedRecords).toBe(240);
    const { catalog, exchange, sharing } = t.platform.services;
    const entry = (await catalog.listPublished()).find((e) => e.content.name === '人口基本信息');
    const hosted = await exchange.hosting.resource(entry?.id ?? '');
    expect(hosted?.rowCount).toBe(240);
    expect(hosted?.lastSeq).toBe(240);
    const keys = await t.platform.storage.db
      .selectFrom('exchange_change')
      .select('key')
      .where('resource_id', '=', hosted?.id ?? '')
      .execute();
    expect(new Set(keys.map((k) => k.key)).size).toBe(240);
    expect(keys.every((k) => validateResidentId(k.key).valid)).toBe(true);
    const departments = await t.platform.storage.db.selectFrom('department').select(['id', 'name']).execute();
    const idOf = (name: string) => departments.find((d) => d.name === name)?.id ?? '';
    for (const [name, allowed] of [
      ['示范市人力资源和社会保障局', true],
      ['示范市民政局', true],
      ['示范市卫生健康委员会', false],
    ] as const) {
      const answer = await sharing.grants.check({
        consumerDepartmentId: idOf(name),
        entryId: entry?.id ?? '',
        items: ['公民身份号码', '姓名'],
        purpose: 'data_verification',
        method: 'online_query',
        at: new Date(),
      });
      expect(answer.allowed, name).toBe(allowed);
    }
  });
});
