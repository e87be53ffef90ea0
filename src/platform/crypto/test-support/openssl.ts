import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SignatureAlgorithm, SM2_USER_ID } from '../signing.js';

/**
 * Whether the real `openssl` accepts `signature` (base64) over `bytes` under the PEM public key, by
 * the commands the docs give: `openssl dgst -sm3 -sigopt distid:…` for SM2, `openssl pkeyutl
 * -verify -rawin` for Ed25519 (docs/seal.md). For the tests of seals, snapshots and records.
 */
export function opensslVerifies(
  algorithm: SignatureAlgorithm,
  publicKeyPem: string,
  bytes: Uint8Array,
  signature: string,
): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'govshare-openssl-'));
  try {
    writeFileSync(join(dir, 'pub.pem'), publicKeyPem);
    writeFileSync(join(dir, 'sig'), Buffer.from(signature, 'base64'));
    writeFileSync(join(dir, 'file'), bytes);
    const args =
      algorithm === 'sm2'
        ? [
            'dgst',
            '-sm3',
            '-verify',
            'pub.pem',
            '-sigopt',
            `distid:${SM2_USER_ID}`,
            '-signature',
            'sig',
            'file',
          ]
        : ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', 'file', '-sigfile', 'sig'];
    try {
      execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `bytes` with one bit of the byte at `index` flipped (a negative index counts from the end). */
export function flipped(bytes: Uint8Array, index: number): Buffer {
  const copy = Buffer.from(bytes);
  const at = index < 0 ? copy.length + index : index;
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
}
