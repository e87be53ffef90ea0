import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/support/platform.js';
import { API_TYPES_FILE, renderApiTypes } from './api-types.js';
import { PACKAGE_ROOT } from './index.js';

/**
 * The API contract as a client generator meets it (issue 22): Redocly's recommended rules find
 * no error in the generated document, and every operation has its own operationId.
 */
describe('the OpenAPI document under a standard linter', () => {
  let t: TestPlatform;
  let doc: { paths: Record<string, Record<string, { operationId?: string }>> };
  beforeAll(async () => {
    t = await startTestPlatform();
    doc = (await t.platform.http.inject({ method: 'GET', url: '/api/docs/openapi.json' })).json();
  }, 120_000);
  afterAll(async () => t?.close());

  it('names every operation once', () => {
    const ids = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => operation.operationId),
    );
    expect(ids.length).toBeGreaterThan(150);
    expect(ids.filter((id) => !id)).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("has no error under Redocly's recommended rules", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config,
    });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
    const warnings = new Map<string, string[]>();
    for (const p of problems.filter((p) => p.severity === 'warn'))
      warnings.set(p.ruleId, [...(warnings.get(p.ruleId) ?? []), p.location[0]?.pointer ?? '']);
    expect(errors).toEqual([]);
    // The warnings left, and why each stays:
    // - no-ambiguous-paths: /entries/by-code/{classCode}/{seq} against /entries/{id}/versions/{version};
    //   a static segment wins in the router, and renaming a published path would break clients.
    // - operation-2xx-response: the streamed answers (a download, the service proxy, the metrics
    //   text, a verification request's or a violation case's attachment) declare no 200 schema, which would make Fastify
    //   serialize what they stream.
    expect(Object.fromEntries(warnings)).toEqual({
      'no-ambiguous-paths': ['#/paths/~1api~1v1~1catalog~1entries~1{id}~1versions~1{version}'],
      'operation-2xx-response': [
        '#/paths/~1api~1metrics/get/responses',
        '#/paths/~1api~1v1~1exchange~1resources~1{entryId}~1download/get/responses',
        '#/paths/~1api~1v1~1exchange~1resources~1{entryId}~1service/get/responses',
        '#/paths/~1api~1v1~1exchange~1resources~1{entryId}~1service/post/responses',
        '#/paths/~1api~1v1~1quality~1corrections~1{id}~1attachments~1{attachmentId}/get/responses',
        '#/paths/~1api~1v1~1supervision~1violations~1{id}~1attachments~1{attachmentId}/get/responses',
      ],
    });
  });

  it('is what the portal is typed with', async () => {
    // The portal's calls are typed from web/src/api/schema.ts; a route changed without
    // regenerating it would leave the portal checked against an old contract.
    const committed = readFileSync(join(PACKAGE_ROOT, API_TYPES_FILE), 'utf8');
    const current = await renderApiTypes(doc);
    expect(committed === current, `${API_TYPES_FILE} is out of date: run \`npm run api:types\``).toBe(true);
  }, 60_000);
});
