import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign as signEd25519,
  verify as verifyEd25519,
} from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import type { CryptoSuite } from '../config/index.js';
import type { SecretBox } from './index.js';

/** SM2 (国密 suite) or Ed25519 (international suite). */
export type SignatureAlgorithm = 'sm2' | 'ed25519';

/** The standard SM2 distinguishing ID (GB/T 35276), which `openssl -sigopt distid:` names too. */
export const SM2_USER_ID = '1234567812345678';

/** The signature algorithm of a crypto suite. */
export const signatureAlgorithmOf = (suite: CryptoSuite): SignatureAlgorithm =>
  suite === 'sm' ? 'sm2' : 'ed25519';

/** The digest that goes with a signature algorithm: SM3 with SM2, SHA-256 with Ed25519. */
export const digestAlgorithmOf = (algorithm: SignatureAlgorithm): 'sm3' | 'sha256' =>
  algorithm === 'sm2' ? 'sm3' : 'sha256';

// SubjectPublicKeyInfo header for an uncompressed SM2 point (id-ecPublicKey, curve 1.2.156.10197.1.301).
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

/** What a caller makes of an unusable public key (a module raises its own catalogue's error). */
export type InvalidKey = (reason: string) => Error;

const plainInvalid: InvalidKey = (reason) => new Error(`invalid public key: ${reason}`);

/**
 * A public key that checks signatures; needs no secret. SM2 signatures are DER over SM3 with the
 * standard user ID (`openssl dgst -sm3 -sigopt distid:1234567812345678`), Ed25519 ones raw 64
 * bytes (`openssl pkeyutl -verify -rawin`); both travel as base64.
 */
export class PublicSigningKey {
  /** The first 16 hex digits of SHA-256 over the key's DER SubjectPublicKeyInfo. */
  readonly keyId: string;
  /** SM2 only: the uncompressed public point in hex, as sm-crypto takes it. */
  readonly sm2Point: string | undefined;
  readonly #sm2Precomputed: ReturnType<typeof sm2.precomputePublicKey> | undefined;
  readonly #ed25519: ReturnType<typeof createPublicKey> | undefined;

  constructor(
    readonly algorithm: SignatureAlgorithm,
    readonly pem: string,
    invalid: InvalidKey = plainInvalid,
  ) {
    let der: Buffer;
    try {
      der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
    } catch (error) {
      throw invalid((error as Error).message);
    }
    this.keyId = createHash('sha256').update(der).digest('hex').slice(0, 16);
    if (algorithm === 'sm2') {
      if (!der.subarray(0, SM2_SPKI_PREFIX.length).equals(SM2_SPKI_PREFIX))
        throw invalid('not an SM2 public key');
      this.sm2Point = der.subarray(SM2_SPKI_PREFIX.length).toString('hex');
      this.#sm2Precomputed = sm2.precomputePublicKey(this.sm2Point);
    } else {
      this.#ed25519 = createPublicKey(pem);
      if (this.#ed25519.asymmetricKeyType !== 'ed25519') throw invalid('not an Ed25519 public key');
    }
  }

  /** Checks a base64 signature over the UTF-8 bytes of `message`. */
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

/** A key pair that signs; its private part leaves memory only sealed with the instance master key. */
export class SigningKey {
  readonly publicKey: PublicSigningKey;
  readonly #privateKey: string;
  /** The Ed25519 private key parsed once: parsing the PEM costs far more than signing. */
  #keyObject: KeyObject | undefined;

  private constructor(publicKey: PublicSigningKey, privateKey: string) {
    this.#privateKey = privateKey;
    this.publicKey = publicKey;
  }

  get algorithm(): SignatureAlgorithm {
    return this.publicKey.algorithm;
  }

  /** A new key pair: SM2 (standard, with the SM2 curve's SPKI) or Ed25519. */
  static generate(algorithm: SignatureAlgorithm): SigningKey {
    if (algorithm === 'sm2') {
      const pair = sm2.generateKeyPairHex();
      const spki = Buffer.concat([SM2_SPKI_PREFIX, Buffer.from(pair.publicKey, 'hex')]);
      const pem = createPublicKey({ key: spki, format: 'der', type: 'spki' }).export({
        type: 'spki',
        format: 'pem',
      }) as string;
      return new SigningKey(new PublicSigningKey('sm2', pem), pair.privateKey);
    }
    const pair = generateKeyPairSync('ed25519');
    return new SigningKey(
      new PublicSigningKey('ed25519', pair.publicKey.export({ type: 'spki', format: 'pem' }) as string),
      pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    );
  }

  /** A key from its public PEM and its private key as sealed by `sealPrivateKey`. */
  static open(
    algorithm: SignatureAlgorithm,
    publicPem: string,
    sealedPrivateKey: string,
    box: SecretBox,
    invalid?: InvalidKey,
  ): SigningKey {
    return new SigningKey(new PublicSigningKey(algorithm, publicPem, invalid), box.open(sealedPrivateKey));
  }

  /** The private key sealed with the master key (SM4 + HMAC-SM3 or AES-GCM, as the box's suite). */
  sealPrivateKey(box: SecretBox): string {
    return box.seal(this.#privateKey);
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
    this.#keyObject ??= createPrivateKey(this.#privateKey);
    return signEd25519(null, Buffer.from(message, 'utf8'), this.#keyObject).toString('base64');
  }
}
