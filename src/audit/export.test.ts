import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportCheckpoint } from './export.js';
import { ctx, openTrailWorld, queryEvent, type TrailWorld } from './test-support/index.js';

/** Runs the exported openssl command in `dir`; returns its output, or throws if it fails. */
function openssl(command: string, dir: string): string {
  return execSync(command, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// OpenSSL 3 (Debian 12) verifies SM2 with a distinguishing ID and Ed25519; this is the real tool.
describe('R85 checkpoint signatures check out in openssl, independently of govshare', () => {
  let world: TrailWorld;
  let dir: string;
  afterEach(async () => {
    await world.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const suite of ['sm', 'intl'] as const)
    it(`${suite === 'sm' ? 'SM2 with the standard user ID over SM3' : 'Ed25519'}; an altered statement fails`, async () => {
      world = await openTrailWorld('sqlite', { suite });
      dir = mkdtempSync(join(tmpdir(), 'govshare-checkpoint-'));
      for (let i = 0; i < 5; i++) await world.trail.append(ctx, queryEvent(i));
      const head = await world.trail.checkpointNow();
      const exported = await exportCheckpoint(world.db, head.seq, world.trail.publicKeyPem, dir);
      expect(exported.command).toBe(
        suite === 'sm'
          ? 'openssl dgst -sm3 -verify pub.pem -sigopt distid:1234567812345678 -signature sig.der statement'
          : 'openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in statement -sigfile sig.der',
      );
      expect(openssl(exported.command, dir)).toMatch(/Verified OK|Signature Verified Successfully/);

      writeFileSync(join(dir, 'statement'), 'govshare audit checkpoint v1\nseq: 4\n');
      expect(() => openssl(exported.command, dir)).toThrow();
      await expect(exportCheckpoint(world.db, 999, world.trail.publicKeyPem, dir)).rejects.toMatchObject({
        code: 'AUDIT_CHECKPOINT_NOT_FOUND',
      });
    });
});
