import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign as signEd25519,
  verify as verifyEd25519,
} from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import type { CryptoSuite } from '../platform/config/index.js';
import type { SecretBox } from '../platform/crypto/index.js';

import type { Settings } from '../platform/settings/index.js';
import type { ChainHashAlgorithm } from './canonical.js';
import { AuditErrors } from './errors.js';

export type SignatureAlgorithm = 'sm2' | 'ed25519';

/** The standard SM2 distinguishing ID (GB/T 35276), which `openssl -sigopt distid:` names too. */
export const SM2_USER_ID = '1234567812345678';

// SubjectPublicKeyInfo header for an uncompressed SM2 point (id-ecPublicKey, curve 1.2.156.10197.1.301).
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

/** A public key that checks checkpoint and manifest signatures; needs no secret. */
export class ChainPublicKey {
  readonly keyId: string;
  /** SM2 only: the uncompressed public point in hex, as sm-crypto takes it. */
  readonly sm2Point: string | undefined;
  readonly #sm2Precomputed: ReturnType<typeof sm2.precomputePublicKey> | undefined;
  readonly #ed25519: ReturnType<typeof createPublicKey> | undefined;

  constructor(
    readonly algorithm: SignatureAlgorithm,
    readonly pem: string,
  ) {
    let der: Buffer;
    try {
      der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
    } catch (error) {
      throw AuditErrors.error('AUDIT_KEY_INVALID', { reason: (error as Error).message });
    }
    this.keyId = createHash('sha256').update(der).digest('hex').slice(0, 16);
    if (algorithm === 'sm2') {
      if (!der.subarray(0, SM2_SPKI_PREFIX.length).equals(SM2_SPKI_PREFIX))
        throw AuditErrors.error('AUDIT_KEY_INVALID', { reason: 'not an SM2 public key' });
      this.sm2Point = der.subarray(SM2_SPKI_PREFIX.length).toString('hex');
      this.#sm2Precomputed = sm2.precomputePublicKey(this.sm2Point);
    } else {
      this.#ed25519 = createPublicKey(pem);
      if (this.#ed25519.asymmetricKeyType !== 'ed25519')
        throw AuditErrors.error('AUDIT_KEY_INVALID', { reason: 'not an Ed25519 public key' });
    }
  }

  /** Checks a base64 signature (SM2: DER, SM3 with the standard user ID; Ed25519: raw 64 bytes). */
  verify(message: string, signature: string): boolean {
    try {
      if (this.algorithm === 'sm2') {
        return sm2.doVerifySignature(
          message,
          Buffer.from(signature, 'base64').toString('hex'),
          this.#sm2Precomputed as never,
          { der: true, hash: true, userId: SM2_USER_ID },
        );
      }
      return verifyEd25519(
        null,
        Buffer.from(message, 'utf8'),
        this.#ed25519 as never,
        Buffer.from(signature, 'base64'),
      );
    } catch {
      return false;
    }
  }
}

/** The platform's signing key: signs checkpoints and archive manifests. */
export class ChainSigner {
  readonly publicKey: ChainPublicKey;
  readonly #privateKey: string;

  private constructor(algorithm: SignatureAlgorithm, privateKey: string, publicPem: string) {
    this.#privateKey = privateKey;
    this.publicKey = new ChainPublicKey(algorithm, publicPem);
  }

  get algorithm(): SignatureAlgorithm {
    return this.publicKey.algorithm;
  }

  /** A new key: SM2 in the 国密 suite, Ed25519 in the international one. */
  static generate(algorithm: SignatureAlgorithm): ChainSigner {
    if (algorithm === 'sm2') {
      const pair = sm2.generateKeyPairHex();
      const spki = Buffer.concat([SM2_SPKI_PREFIX, Buffer.from(pair.publicKey, 'hex')]);
      const pem = createPublicKey({ key: spki, format: 'der', type: 'spki' }).export({
        type: 'spki',
        format: 'pem',
      }) as string;
      return new ChainSigner('sm2', pair.privateKey, pem);
    }
    const pair = generateKeyPairSync('ed25519');
    return new ChainSigner(
      'ed25519',
      pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    );
  }

  /** Base64 signature over the UTF-8 bytes of `message`. */
  sign(message: string): string {
    if (this.algorithm === 'sm2') {
      const hex = sm2.doSignature(message, this.#privateKey, {
        der: true,
        hash: true,
        userId: SM2_USER_ID,
        publicKey: this.publicKey.sm2Point,
      });
      return Buffer.from(hex, 'hex').toString('base64');
    }
    return signEd25519(null, Buffer.from(message, 'utf8'), createPrivateKey(this.#privateKey)).toString(
      'base64',
    );
  }

  /** The stored form: algorithm and public key in clear, the private key sealed. */
  toStored(box: SecretBox): string {
    return JSON.stringify({
      algorithm: this.algorithm,
      publicKey: this.publicKey.pem,
      privateKey: box.seal(this.#privateKey),
    });
  }

  static fromStored(stored: string, box: SecretBox): ChainSigner {
    const value = JSON.parse(stored) as {
      algorithm: SignatureAlgorithm;
      publicKey: string;
      privateKey: string;
    };
    return new ChainSigner(value.algorithm, box.open(value.privateKey), value.publicKey);
  }
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
  return suite === 'sm' ? { hash: 'sm3', signature: 'sm2' } : { hash: 'sha256', signature: 'ed25519' };
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
    ChainSigner.generate(algs.signature).toStored(box),
  );
  const subject = await settings.getOrInit(AUDIT_SETTING.subjectKey, () =>
    box.seal(randomBytes(32).toString('base64')),
  );
  return {
    hashAlgorithm,
    signer: ChainSigner.fromStored(signing, box),
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
