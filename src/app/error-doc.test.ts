import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestPlatform } from '../../test/support/platform.js';
import { renderErrorCodes, renderErrorDoc } from './error-doc.js';
import { PACKAGE_ROOT } from './index.js';

describe('generated error document', () => {
  it('docs/errors.md is up to date with the catalogue (run npm run docs:errors)', async () => {
    const t = await startTestPlatform();
    await t.close();
    const committed = readFileSync(join(PACKAGE_ROOT, 'docs/errors.md'), 'utf8');
    expect(committed).toBe(`${renderErrorDoc()}\n`);
    expect(committed).toContain('`AUTH_ACCOUNT_LOCKED` | 423');
  });

  it('the ErrorCode union is up to date with the catalogue (run npm run docs:errors)', async () => {
    const t = await startTestPlatform();
    await t.close();
    const committed = readFileSync(join(PACKAGE_ROOT, 'src/platform/errors/codes.ts'), 'utf8');
    expect(committed).toBe(renderErrorCodes());
    expect(committed).toContain("| 'AUTH_ACCOUNT_LOCKED'");
  });
});
