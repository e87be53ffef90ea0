import { expect } from 'vitest';
import { entryHash } from '../canonical.js';
import { signCheckpoint } from '../checkpoint.js';
import { ChainSigner, type SignatureAlgorithm } from '../keys.js';
import { type VerifyOptions, verifyTrailWithStats } from '../verify.js';
import type { TrailWorld } from './index.js';

/**
 * Verifies row by row in this thread, then with two workers on ranges of four entries (unless
 * `extra` says otherwise): however short the chain, every path of the parallel check runs on a
 * few dozen entries. Both must give the very same result.
 */
export async function verifyWalkedAndParallel(world: TrailWorld, extra: Partial<VerifyOptions> = {}) {
  const base = {
    db: world.db,
    hashAlgorithm: world.keys.hashAlgorithm,
    publicKey: world.keys.signer.publicKey,
    ...extra,
  };
  const walked = await verifyTrailWithStats({ ...base, workers: 0 });
  const parallel = await verifyTrailWithStats({
    ...base,
    workers: 2,
    parallelFrom: 0,
    chunkSize: 4,
    ...extra,
  });
  expect(parallel.result).toEqual(walked.result);
  return { walked, parallel };
}

/** Replaces the checkpoint at `seq` by one signed with another key of the signer's kind. */
export async function forgeCheckpoint(
  world: TrailWorld,
  seq: number,
  algorithm: SignatureAlgorithm = 'sm2',
): Promise<void> {
  const other = ChainSigner.generate(algorithm);
  const head = await world.db
    .selectFrom('audit_entry')
    .select(['seq', 'hash'])
    .where('seq', '=', seq)
    .executeTakeFirstOrThrow();
  const fake = signCheckpoint(other, world.keys.hashAlgorithm, head, new Date().toISOString());
  await world.db.updateTable('audit_checkpoint').set(fake).where('seq', '=', seq).execute();
}

/**
 * Zeroes the result count of the entry at `seq` and rewrites every hash from there on, head
 * included, as a forger without the signing key would: the chain links, the checkpoints do not.
 */
export async function rewriteChainFrom(world: TrailWorld, seq: number): Promise<void> {
  const rows = await world.db
    .selectFrom('audit_entry')
    .selectAll()
    .where('seq', '>=', seq)
    .orderBy('seq')
    .execute();
  const before = await world.db
    .selectFrom('audit_entry')
    .select('hash')
    .where('seq', '=', seq - 1)
    .executeTakeFirstOrThrow();
  let prev = before.hash;
  for (const row of rows) {
    const changed = { ...row, prev_hash: prev, result_count: row.seq === seq ? 0 : row.result_count };
    const hash = entryHash(world.keys.hashAlgorithm, changed);
    await world.db
      .updateTable('audit_entry')
      .set({ prev_hash: prev, hash, result_count: changed.result_count })
      .where('seq', '=', row.seq)
      .execute();
    prev = hash;
  }
  await world.db.updateTable('audit_head').set({ hash: prev }).execute();
}
