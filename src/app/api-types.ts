import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { loadConfig } from '../platform/config/index.js';
import { createPlatform, PACKAGE_ROOT } from './index.js';

/** Where the portal reads the API contract from (`web/src/api/contract.ts` maps its paths). */
export const API_TYPES_FILE = 'web/src/api/schema.ts';

/**
 * The OpenAPI document as TypeScript types (openapi-typescript): every path, its parameters,
 * bodies and answers. The portal types its calls with them, so a page that reads a field the
 * server does not send fails the type check instead of showing nothing.
 */
export async function renderApiTypes(doc: unknown): Promise<string> {
  const ast = await openapiTS(doc as OpenAPI3);
  return [
    '// Generated from the OpenAPI document by `npm run api:types`; do not edit.',
    '// 由 `npm run api:types` 从 OpenAPI 文档生成，请勿手改。',
    '',
    astToString(ast),
  ].join('\n');
}

// Run as a script: build the platform once (every module registers its routes) and ask it for its document.
if (import.meta.url === `file://${process.argv[1]}`) {
  const platform = await createPlatform(loadConfig({ GOVSHARE_DATA_DIR: join(PACKAGE_ROOT, 'data/.docs') }), {
    webDist: '/nonexistent',
  });
  const doc = (await platform.http.inject({ method: 'GET', url: '/api/docs/openapi.json' })).json();
  await platform.close();
  writeFileSync(join(PACKAGE_ROOT, API_TYPES_FILE), await renderApiTypes(doc));
  console.log(`${API_TYPES_FILE} written`);
}
