import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type InstancePlace, instancePlace, runCli } from '../app/backup/test-support/index.js';
import { truncateChain } from '../audit/test-support/truncate.js';
import { DIALECTS } from '../platform/db/test-support/index.js';

// Issue 15: deleting entries back to a checkpoint and moving the head passed `audit verify`; an
// exported checkpoint kept by the auditor (`--anchor`) catches it, from the shell as shipped.
for (const dialect of DIALECTS)
  describe(`govshare audit verify --anchor on ${dialect} (issue 15)`, () => {
    let place: InstancePlace;
    afterEach(async () => {
      await place.dispose();
    });

    it('attack: a chain truncated back to an earlier checkpoint passes plain verify and fails against the exported checkpoint', async () => {
      place = instancePlace(dialect);
      const anchor = join(place.dir, 'anchor');
      const storage = await place.openStorage();
      let keep: number;
      try {
        const platform = await place.start(storage);
        const fill = async (from: number) => {
          for (let i = from; i < from + 12; i++)
            await platform.services.audit.record(
              storage.db,
              { actor: undefined, requestId: `r${i}` },
              { action: 'test.fill', targetType: 'test', targetId: String(i) },
            );
        };
        await fill(0);
        keep = (await platform.services.audit.checkpointNow()).seq;
        await fill(100);
        await platform.close();
        const exported = await runCli(['audit', 'checkpoint', '--out', anchor], place.env);
        expect(exported.code, exported.stderr).toBe(0);
        await truncateChain(storage.db, keep);
      } finally {
        await storage.close();
      }

      const plain = await runCli(['audit', 'verify'], place.env);
      expect(plain.code, plain.stderr).toBe(0);
      expect(plain.stdout).toContain('intact');

      const text = await runCli(['audit', 'verify', '--anchor', anchor], place.env);
      expect(text.code, text.stderr).toBe(1);
      expect(text.stdout).toContain('BROKEN');
      expect(text.stdout).toContain('(anchor_missing)');
      expect(text.stdout).toContain(`the chain now ends at entry ${keep}`);

      const json = await runCli(['audit', 'verify', '--json', '--anchor', anchor], place.env);
      expect(json.code, json.stderr).toBe(1);
      const result = JSON.parse(json.stdout) as {
        ok: boolean;
        anchorsChecked: number;
        breaks: { kind: string }[];
      };
      expect(result.ok).toBe(false);
      expect(result.anchorsChecked).toBe(0);
      expect(result.breaks.map((b) => b.kind)).toEqual(['anchor_missing']);

      const unreadable = await runCli(['audit', 'verify', '--anchor', join(place.dir, 'nowhere')], place.env);
      expect(unreadable.code).toBe(2);
      expect(unreadable.stdout).not.toContain('intact');
    }, 300_000);
  });
