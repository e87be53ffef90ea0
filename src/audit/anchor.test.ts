import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { loadAnchors } from './anchor.js';
import { exportCheckpoint } from './export.js';
import { ephemeralAuditKeys } from './keys.js';
import { ctx, openTrailWorld, queryEvent, type TrailWorld } from './test-support/index.js';
import { truncateChain } from './test-support/truncate.js';
import { verifyTrail } from './verify.js';

for (const dialect of DIALECTS)
  describe(`R85 audit verify --anchor on ${dialect}: an exported checkpoint cannot be taken back`, () => {
    let world: TrailWorld;
    let dir: string;
    let anchorDir: string;
    const verify = (anchorPaths: string[] = []) =>
      verifyTrail({
        db: world.db,
        hashAlgorithm: world.keys.hashAlgorithm,
        publicKey: world.keys.signer.publicKey,
        workers: 0,
        ...(anchorPaths.length ? { anchors: loadAnchors(anchorPaths) } : {}),
      });

    beforeEach(async () => {
      world = await openTrailWorld(dialect, { checkpoint: { entries: 10, seconds: 3600 } });
      dir = mkdtempSync(join(tmpdir(), 'govshare-anchor-'));
      anchorDir = join(dir, 'cp-30');
      for (let i = 1; i <= 40; i++) {
        await world.trail.append(ctx, queryEvent(i));
        if (i % 10 === 0) await world.trail.checkpointNow();
      }
      await exportCheckpoint(world.db, 30, world.trail.publicKeyPem, anchorDir);
    });
    afterEach(async () => {
      await world.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('an intact chain holds its exported checkpoint', async () => {
      const result = await verify([anchorDir]);
      expect(result.ok).toBe(true);
      expect(result.anchorsChecked).toBe(1);
      expect((await verify()).anchorsChecked).toBeUndefined();
    });

    it('attack: entries and checkpoints deleted back to checkpoint 20 and the head moved back pass without an anchor, and are caught with one', async () => {
      await truncateChain(world.db, 20);
      const unanchored = await verify();
      expect(unanchored.ok).toBe(true);
      expect(unanchored.headSeq).toBe(20);

      const anchored = await verify([anchorDir]);
      expect(anchored.ok).toBe(false);
      expect(anchored.anchorsChecked).toBe(0);
      expect(anchored.breaks).toHaveLength(1);
      expect(anchored.breaks[0]).toMatchObject({ seq: 30, kind: 'anchor_missing' });
      expect(anchored.breaks[0]?.message).toContain('the chain now ends at entry 20');
    });

    it('attack: the truncated chain written on past the exported checkpoint (new entries, newly signed) is caught as rewritten', async () => {
      await truncateChain(world.db, 20);
      for (let i = 100; i < 115; i++) await world.trail.append(ctx, queryEvent(i));
      await world.trail.checkpointNow();
      const unanchored = await verify();
      expect(unanchored.ok).toBe(true);
      expect(unanchored.headSeq).toBe(35);

      const anchored = await verify([anchorDir]);
      expect(anchored.ok).toBe(false);
      expect(anchored.breaks.map((b) => [b.seq, b.kind])).toEqual([[30, 'anchor_mismatch']]);
      expect(anchored.breaks[0]?.message).toContain('the chain was rewritten');
    });

    it('attack: a forged anchor (statement edited to match the rewritten chain) is refused as not signed', async () => {
      await truncateChain(world.db, 20);
      const statement = join(anchorDir, 'statement');
      const original = readFileSync(statement, 'utf8');
      const entry20 = await world.db
        .selectFrom('audit_entry')
        .select('hash')
        .where('seq', '=', 20)
        .executeTakeFirstOrThrow();
      writeFileSync(
        statement,
        original.replace(/^seq: 30$/m, 'seq: 20').replace(/^hash: .*$/m, `hash: ${entry20.hash}`),
      );
      const result = await verify([anchorDir]);
      expect(result.ok).toBe(false);
      expect(result.breaks.map((b) => [b.seq, b.kind])).toEqual([[20, 'anchor_forged']]);
      expect(result.breaks[0]?.message).toContain('not signed by the platform key');
    });

    it('attack: an anchor signed by another key, with that key as its pub.pem, is refused', async () => {
      const other = await openTrailWorld(dialect, { keys: ephemeralAuditKeys('sm') });
      try {
        for (let i = 1; i <= 30; i++) await other.trail.append(ctx, queryEvent(i));
        await other.trail.checkpointNow();
        await exportCheckpoint(other.db, 30, other.trail.publicKeyPem, anchorDir);
      } finally {
        await other.dispose();
      }
      const result = await verify([anchorDir]);
      expect(result.breaks.map((b) => [b.seq, b.kind])).toEqual([[30, 'anchor_forged']]);
    });

    it('a directory of several anchors is read whole; an unreadable one is bad input, not a verdict', async () => {
      const all = join(dir, 'anchors');
      cpSync(anchorDir, join(all, 'cp-30'), { recursive: true });
      await exportCheckpoint(world.db, 40, world.trail.publicKeyPem, join(all, 'cp-40'));
      expect((await verify([all])).anchorsChecked).toBe(2);
      await truncateChain(world.db, 30);
      const result = await verify([all]);
      expect(result.anchorsChecked).toBe(1);
      expect(result.breaks.map((b) => [b.seq, b.kind])).toEqual([[40, 'anchor_missing']]);

      rmSync(join(all, 'cp-40', 'sig.der'));
      expect(() => loadAnchors([all])).toThrow(expect.objectContaining({ code: 'AUDIT_ANCHOR_INVALID' }));
      writeFileSync(join(anchorDir, 'statement'), 'not a checkpoint\n');
      expect(() => loadAnchors([anchorDir])).toThrow(
        expect.objectContaining({ code: 'AUDIT_ANCHOR_INVALID' }),
      );
      expect(() => loadAnchors([join(dir, 'nowhere')])).toThrow(
        expect.objectContaining({ code: 'AUDIT_ANCHOR_INVALID' }),
      );
    });
  });
