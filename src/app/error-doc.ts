import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../platform/config/index.js';
import { errorCatalogue } from '../platform/errors/index.js';
// The backup commands' errors are loaded by the CLI alone; the document lists them too.
import { createPlatform, PACKAGE_ROOT } from './index.js';

/** Renders the error catalogue as markdown: every code, its HTTP status and both messages. */
export function renderErrorDoc(): string {
  const byModule = new Map<string, [string, { status: number; zh: string; en: string }][]>();
  for (const [code, def] of [...errorCatalogue().entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const list = byModule.get(def.module) ?? [];
    list.push([code, def]);
    byModule.set(def.module, list);
  }
  const lines = [
    '# 错误代码 / Error codes',
    '',
    '由 `npm run docs:errors` 从错误目录生成，请勿手改。Generated from the error catalogue by `npm run docs:errors`; do not edit.',
    '',
    '每个错误响应为 / every error response is `{ "error": { "code", "message", "field", "requestId" } }`；`message` 按 `Accept-Language` 选择中文或英文。',
    '',
  ];
  for (const [module, list] of [...byModule.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`## ${module}`, '', '| code | HTTP | 中文 | English |', '|---|---|---|---|');
    for (const [code, def] of list) lines.push(`| \`${code}\` | ${def.status} | ${def.zh} | ${def.en} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * Every code of the catalogue as a TypeScript union (`src/platform/errors/codes.ts`): `AppError`
 * takes only these, so a misspelt code fails the type check instead of becoming a 500 at run time.
 */
export function renderErrorCodes(): string {
  const codes = [...errorCatalogue().keys()].sort((a, b) => a.localeCompare(b));
  return [
    '// Generated from the error catalogue by `npm run docs:errors`; do not edit.',
    '// 由 `npm run docs:errors` 从错误目录生成，请勿手改。',
    '',
    '/** Every error code the platform declares (with `defineErrors`). */',
    'export type ErrorCode =',
    ...codes.map((code, i) => `  | '${code}'${i === codes.length - 1 ? ';' : ''}`),
    '',
  ].join('\n');
}

// Run as a script: load every module (by building the platform once) so all errors are declared.
if (import.meta.url === `file://${process.argv[1]}`) {
  const platform = await createPlatform(loadConfig({ GOVSHARE_DATA_DIR: join(PACKAGE_ROOT, 'data/.docs') }), {
    webDist: '/nonexistent',
  });
  await platform.close();
  writeFileSync(join(PACKAGE_ROOT, 'docs/errors.md'), `${renderErrorDoc()}\n`);
  writeFileSync(join(PACKAGE_ROOT, 'src/platform/errors/codes.ts'), renderErrorCodes());
  console.log('docs/errors.md and src/platform/errors/codes.ts written');
}
