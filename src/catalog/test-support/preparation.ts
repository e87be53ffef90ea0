import type { Platform } from '../../app/index.js';
import { AppError } from '../../platform/errors/index.js';

/**
 * Records the 809 第十三条 assessments and the head's approval of an entry's current content
 * directly (as seeded data), for tests of the steps after submission. Tests of N02 itself go
 * through `/api/v1/catalog/entries/:id/preparation` instead.
 */
export async function readyToSubmit(platform: Platform, entryId: string): Promise<void> {
  try {
    await platform.storage.db.transaction().execute((trx) =>
      platform.services.catalog.preparations.seed(trx, entryId, { id: 'test', name: '测试数据' }, [
        { kind: 'secrecy_risk', result: 'passed', reference: 'TEST-BM-1', summary: '测试：保密风险评估通过' },
        {
          kind: 'personal_info_impact',
          result: 'passed',
          reference: 'TEST-GR-1',
          summary: '测试：个人信息保护影响评估通过',
        },
        {
          kind: 'head_approval',
          result: 'approved',
          reference: 'TEST-SP-1',
          summary: '测试：负责人同意',
          onBehalfOf: '测试负责人',
        },
      ]),
    );
  } catch (error) {
    // The submission under test is then refused for its own reason (an unknown entry).
    if (!(error instanceof AppError && error.code === 'CATALOG_NOT_FOUND')) throw error;
  }
}

const SUBMIT = /^\/api\/v1\/catalog\/entries\/([^/?]+)\/submit$/;

/** Makes the client's submissions ready first (see `readyToSubmit`). */
export function preparingSubmissions<C extends { request: (...args: never[]) => Promise<unknown> }>(
  platform: Platform,
  client: C,
): C {
  const original = client.request.bind(client) as (
    method: string,
    url: string,
    ...rest: unknown[]
  ) => Promise<unknown>;
  (client as unknown as { request: typeof original }).request = async (method, url, ...rest) => {
    const id = method === 'POST' ? SUBMIT.exec(url)?.[1] : undefined;
    if (id) await readyToSubmit(platform, id);
    return original(method, url, ...rest);
  };
  return client;
}
