import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../platform/db/test-support/index.js';
import { storableText } from './canonical.js';
import { ctx, openTrailWorld, type TrailWorld } from './test-support/index.js';

/** Every class of text an attacker (or a careless internal caller) can hand the trail. */
export const HOSTILE_TEXT: Record<string, string> = {
  loneHigh: 'x\ud800',
  loneLow: '\udfffy',
  reversedPair: '\udc00\ud800',
  nul: 'a\u0000b',
  onlyNul: '\u0000',
  decodedInvalidUtf8: Buffer.from([0x61, 0xff, 0xc0, 0xaf, 0xed, 0xa0, 0x80]).toString('utf8'),
  latin1Mojibake: Buffer.from('办件', 'utf8').toString('latin1'),
  rtlOverride: 'abc\u202Edef\u202C',
  combining: 'e\u0301\u0301\u0301\u0336',
  emoji: '👩‍👩‍👧‍👦🏳️‍🌈',
  cjkExtB: '𠀀𠮷𪚥',
  bomAndNonchar: '\uFEFF\uFFFE\uFFFF',
  controls: '\u0001\u001f\u007f\u0085\u2028\u2029',
  long: `${'长'.repeat(50_000)}${'x\ud800'.repeat(10_000)}${'y'.repeat(20_000)}`,
};

for (const dialect of DIALECTS)
  describe(`audit trail on ${dialect}: no string can break the chain (lone surrogates, NUL, invalid UTF-8, RTL, 100k chars)`, () => {
    let world: TrailWorld;
    beforeEach(async () => {
      world = await openTrailWorld(dialect);
    });
    afterEach(async () => {
      await world.dispose();
    });

    it('entries carrying hostile text in every field read back as hashed and verify', async () => {
      const events = Object.entries(HOSTILE_TEXT).map(([name, text]) => ({
        context: {
          actor: { kind: 'user' as const, id: text, name: text, departmentId: text },
          requestId: text,
          clientIp: text,
        },
        event: {
          action: `test.${name}${text}`,
          targetType: text,
          targetId: text.slice(0, 200),
          detail: { [text]: text, nested: [text, { text }] },
          access: {
            resourceId: text.slice(0, 200),
            items: [text, name],
            method: 'query' as const,
            purpose: text,
            caseNumber: text,
            grantId: text,
            resultCount: 1,
            recordKeys: [{ kind: 'other' as const, value: text }],
          },
        },
      }));
      // Both ways in: the caller's transaction and the group commit.
      const [first, ...rest] = events;
      if (first) await world.trail.record(world.db, first.context, first.event);
      await Promise.all(rest.map(({ context, event }) => world.trail.append(context, event)));

      const rows = await world.db.selectFrom('audit_entry').selectAll().orderBy('seq').execute();
      expect(rows).toHaveLength(events.length);
      for (const [i, row] of rows.entries()) {
        const text = Object.values(HOSTILE_TEXT)[i] as string;
        const stored = storableText(text);
        expect(stored.isWellFormed() && !stored.includes('\0')).toBe(true);
        expect(row.actor_name).toBe(stored);
        expect(row.purpose).toBe(stored);
        expect(row.client_ip).toBe(stored);
        // JSON text columns keep the original exactly: JSON escapes lone surrogates and NUL.
        expect(JSON.parse(row.detail)).toEqual({ [text]: text, nested: [text, { text }] });
        expect(JSON.parse(row.items ?? '[]')[0]).toBe(text);
      }
      const result = await world.trail.verify();
      expect(result).toMatchObject({ ok: true, entriesChecked: events.length, breaks: [] });
      expect(result.firstBreak).toBeUndefined();
    });

    it('well-formed text is stored unchanged, not normalised', async () => {
      const clean = ['rtlOverride', 'combining', 'emoji', 'cjkExtB', 'bomAndNonchar', 'controls'];
      for (const name of clean) {
        const text = HOSTILE_TEXT[name] as string;
        expect(storableText(text)).toBe(text);
        await world.trail.append(ctx, { action: 'test.clean', targetId: text });
      }
      const rows = await world.db.selectFrom('audit_entry').select('target_id').orderBy('seq').execute();
      expect(rows.map((r) => r.target_id)).toEqual(clean.map((name) => HOSTILE_TEXT[name]));
      expect((await world.trail.verify()).ok).toBe(true);
    });
  });
