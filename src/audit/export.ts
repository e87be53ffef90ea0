import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Executor } from '../platform/db/index.js';

import { checkpointStatement } from './checkpoint.js';
import { AuditErrors } from './errors.js';
import { SM2_USER_ID } from './keys.js';
import type { AuditTables } from './schema.js';

export interface ExportedCheckpoint {
  statement: string;
  signature: string;
  publicKey: string;
  /** The independent check, to run in the output directory. */
  command: string;
}

/**
 * Writes one checkpoint for checking outside govshare: `statement` (the signed text), `sig.der`
 * (SM2: DER; Ed25519: the raw 64 bytes) and `pub.pem`, and returns the `openssl` command that
 * verifies them.
 */
export async function exportCheckpoint(
  executor: Executor,
  seq: number,
  publicKeyPem: string,
  dir: string,
): Promise<ExportedCheckpoint> {
  const db = executor as unknown as Kysely<AuditTables>;
  const checkpoint = await db
    .selectFrom('audit_checkpoint')
    .selectAll()
    .where('seq', '=', seq)
    .executeTakeFirst();
  if (!checkpoint) throw AuditErrors.error('AUDIT_CHECKPOINT_NOT_FOUND', { seq });
  mkdirSync(dir, { recursive: true });
  const files = {
    statement: join(dir, 'statement'),
    signature: join(dir, 'sig.der'),
    publicKey: join(dir, 'pub.pem'),
  };
  writeFileSync(files.statement, checkpointStatement(checkpoint));
  writeFileSync(files.signature, Buffer.from(checkpoint.signature, 'base64'));
  writeFileSync(files.publicKey, publicKeyPem);
  const command =
    checkpoint.signature_algorithm === 'sm2'
      ? `openssl dgst -sm3 -verify pub.pem -sigopt distid:${SM2_USER_ID} -signature sig.der statement`
      : 'openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in statement -sigfile sig.der';
  return { ...files, command };
}
