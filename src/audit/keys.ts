import { createHmac, randomBytes } from 'node:crypto';
import type { CryptoSuite } from '../platform/config/index.js';
import {
  PublicSigningKey,
  type SecretBox,
  type SignatureAlgorithm,
  SigningKey,
  signatureAlgorithmOf,
} from '../platform/crypto/index.js';
import type { Settings } from '../platform/settings/index.js';
import type { ChainHashAlgorithm } from './canonical.js';
import { AuditErrors } from './errors.js';

export { type SignatureAlgorithm, SM2_USER_ID } from '../platform/crypto/index.js';

const invalidAuditKey = (reason: string) => AuditErrors.error('AUDIT_KEY_INVALID', { reason });

/** A public key that checks checkpoint and manifest signatures; an unusable one is AUDIT_KEY_INVALID. */
export class ChainPublicKey extends PublicSigningKey {
  constructor(algorithm: SignatureAlgorithm, pem: string) {
    super(algorithm, pem, invalidAuditKey);
  }
}

/** The platform's signing key: signs checkpoints and archive manifests. */
export type ChainSigner = SigningKey;
export const ChainSigner = {
  /** A new key: SM2 in the 国密 suite, Ed25519 in the international one. */
  generate: (algorithm: SignatureAlgorithm): ChainSigner => SigningKey.generate(algorithm),
};

/** The stored form: algorithm and public key in clear, the private key sealed. */
function storedSigner(signer: ChainSigner, box: SecretBox): string {
  return JSON.stringify({
    algorithm: signer.algorithm,
    publicKey: signer.publicKey.pem,
    privateKey: signer.sealPrivateKey(box),
  });
}

function signerFromStored(stored: string, box: SecretBox): ChainSigner {
  const value = JSON.parse(stored) as {
    algorithm: SignatureAlgorithm;
    publicKey: string;
    privateKey: string;
  };
  return SigningKey.open(value.algorithm, value.publicKey, value.privateKey, box, invalidAuditKey);
}

/** Everything the trail needs to chain, sign and digest; fixed at instance creation. */
export interface AuditKeys {
  hashAlgorithm: ChainHashAlgorithm;
  signer: ChainSigner;
  /** HMAC key for record keys that identify persons. */
  subjectKey: Buffer;
}

export const AUDIT_SETTING = {
  hashAlgorithm: 'audit.hash_algorithm',
  signingKey: 'audit.signing_key',
  subjectKey: 'audit.subject_key',
} as const;

function algorithmsFor(suite: CryptoSuite): { hash: ChainHashAlgorithm; signature: SignatureAlgorithm } {
  return { hash: suite === 'sm' ? 'sm3' : 'sha256', signature: signatureAlgorithmOf(suite) };
}

/** Fresh keys that live only in memory: for tests and benchmarks that need no persisted instance. */
export function ephemeralAuditKeys(suite: CryptoSuite): AuditKeys {
  const algs = algorithmsFor(suite);
  return {
    hashAlgorithm: algs.hash,
    signer: ChainSigner.generate(algs.signature),
    subjectKey: randomBytes(32),
  };
}

/**
 * The instance's audit keys, generated on first start and kept in instance settings (private parts
 * sealed with the master key). The first node to start wins, so every node shares one key.
 */
export async function loadAuditKeys(
  settings: Settings,
  box: SecretBox,
  suite: CryptoSuite,
): Promise<AuditKeys> {
  const algs = algorithmsFor(suite);
  const hashAlgorithm = (await settings.getOrInit(
    AUDIT_SETTING.hashAlgorithm,
    () => algs.hash,
  )) as ChainHashAlgorithm;
  const signing = await settings.getOrInit(AUDIT_SETTING.signingKey, () =>
    storedSigner(ChainSigner.generate(algs.signature), box),
  );
  const subject = await settings.getOrInit(AUDIT_SETTING.subjectKey, () =>
    box.seal(randomBytes(32).toString('base64')),
  );
  return {
    hashAlgorithm,
    signer: signerFromStored(signing, box),
    subjectKey: Buffer.from(box.open(subject), 'base64'),
  };
}

/** The instance's public key and chain hash as stored, for verification without the master key. */
export async function loadPublicAuditKey(
  settings: Settings,
): Promise<{ hashAlgorithm: ChainHashAlgorithm; publicKey: ChainPublicKey } | undefined> {
  const stored = await settings.get(AUDIT_SETTING.signingKey);
  const hashAlgorithm = await settings.get(AUDIT_SETTING.hashAlgorithm);
  if (stored === undefined || hashAlgorithm === undefined) return undefined;
  const value = JSON.parse(stored) as { algorithm: SignatureAlgorithm; publicKey: string };
  return {
    hashAlgorithm: hashAlgorithm as ChainHashAlgorithm,
    publicKey: new ChainPublicKey(value.algorithm, value.publicKey),
  };
}

/** HMAC of a normalised record key under the subject key: SM3 or SHA-256 with the chain's hash. */
export function keyedDigest(
  keys: Pick<AuditKeys, 'hashAlgorithm' | 'subjectKey'>,
  kind: string,
  value: string,
): string {
  const normalised = value.trim().toUpperCase();
  return createHmac(keys.hashAlgorithm, keys.subjectKey).update(`${kind}:${normalised}`).digest('hex');
}
