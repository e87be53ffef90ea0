import type { ChainHashAlgorithm } from './canonical.js';
import type { ChainPublicKey, ChainSigner, SignatureAlgorithm } from './keys.js';
import type { AuditCheckpointTable } from './schema.js';

/**
 * The text a checkpoint signs: plain lines so that `openssl dgst -verify` over the file written by
 * `govshare audit checkpoint` checks exactly what the platform signed.
 */
export function checkpointStatement(c: Omit<AuditCheckpointTable, 'signature'>): string {
  return [
    'govshare audit checkpoint v1',
    `seq: ${c.seq}`,
    `hash: ${c.hash}`,
    `at: ${c.at}`,
    `hash-algorithm: ${c.hash_algorithm}`,
    `signature-algorithm: ${c.signature_algorithm}`,
    `key-id: ${c.key_id}`,
    '',
  ].join('\n');
}

/** A signed checkpoint row for the chain head (seq, hash). */
export function signCheckpoint(
  signer: ChainSigner,
  hashAlgorithm: ChainHashAlgorithm,
  head: { seq: number; hash: string },
  at: string,
): AuditCheckpointTable {
  const unsigned = {
    seq: head.seq,
    hash: head.hash,
    at,
    hash_algorithm: hashAlgorithm,
    signature_algorithm: signer.algorithm as SignatureAlgorithm,
    key_id: signer.publicKey.keyId,
  };
  return { ...unsigned, signature: signer.sign(checkpointStatement(unsigned)) };
}

/** Whether a checkpoint's signature is the platform key's, over its own fields. */
export function checkpointSignatureValid(key: ChainPublicKey, c: AuditCheckpointTable): boolean {
  return (
    c.signature_algorithm === key.algorithm &&
    c.key_id === key.keyId &&
    key.verify(checkpointStatement(c), c.signature)
  );
}
