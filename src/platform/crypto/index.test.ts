import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './index.js';

describe.each(['sm', 'intl'] as const)('SecretBox (%s)', (suite) => {
  const box = new SecretBox(randomBytes(32), suite);

  it('opens what it sealed, and each seal differs', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP');
    const b = box.seal('JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).toBe(suite);
    expect(box.open(a)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a sealed value that was altered', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[3] as string, 'base64url');
    ct[0] = (ct[0] ?? 0) ^ 1;
    parts[3] = ct.toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });

  it('refuses a value sealed under another master key', () => {
    const other = new SecretBox(randomBytes(32), suite);
    expect(() => box.open(other.seal('secret'))).toThrow();
  });
});
