import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { CryptoSuite } from '../config/index.js';

/**
 * Seals small secrets at rest (TOTP secrets, signing keys) with the instance master key.
 * 国密 suite: SM4-CBC then HMAC-SM3 over iv‖ciphertext (encrypt-then-MAC; Node has no SM4-GCM).
 * International suite: AES-256-GCM. The sealed text names its suite, so either opens under both.
 */
export class SecretBox {
  readonly #master: Buffer;
  readonly #suite: CryptoSuite;
  constructor(masterKey: Buffer, suite: CryptoSuite) {
    if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
    this.#master = masterKey;
    this.#suite = suite;
  }

  #derive(label: string, length: number): Buffer {
    const alg = this.#suite === 'sm' ? 'sm3' : 'sha256';
    return createHmac(alg, this.#master).update(label).digest().subarray(0, length);
  }

  seal(plain: string): string {
    const data = Buffer.from(plain, 'utf8');
    if (this.#suite === 'intl') {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.#derive('govshare/aes-gcm', 32), iv);
      const ct = Buffer.concat([cipher.update(data), cipher.final()]);
      return [
        'v1',
        'intl',
        iv.toString('base64url'),
        ct.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.');
    }
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', this.#derive('govshare/sm4', 16), iv);
    const ct = Buffer.concat([cipher.update(data), cipher.final()]);
    const mac = createHmac('sm3', this.#derive('govshare/hmac-sm3', 32)).update(iv).update(ct).digest();
    return ['v1', 'sm', iv.toString('base64url'), ct.toString('base64url'), mac.toString('base64url')].join(
      '.',
    );
  }

  open(sealed: string): string {
    const [version, suite, ivText, ctText, tagText] = sealed.split('.');
    if (version !== 'v1' || !ivText || !ctText || !tagText) throw new Error('not a sealed value');
    const iv = Buffer.from(ivText, 'base64url');
    const ct = Buffer.from(ctText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (suite === 'intl') {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        new SecretBox(this.#master, 'intl').#derive('govshare/aes-gcm', 32),
        iv,
      );
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    }
    if (suite !== 'sm') throw new Error(`unknown suite ${suite}`);
    const sm = new SecretBox(this.#master, 'sm');
    const expected = createHmac('sm3', sm.#derive('govshare/hmac-sm3', 32)).update(iv).update(ct).digest();
    if (expected.length !== tag.length || !timingSafeEqual(expected, tag))
      throw new Error('sealed value was altered');
    const decipher = createDecipheriv('sm4-cbc', sm.#derive('govshare/sm4', 16), iv);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  }
}

/** The suite's digest (SM3 or SHA-256) as hex; for tokens that are looked up, not secrets that are verified. */
export function digest(suite: CryptoSuite, value: string): string {
  return createHash(suite === 'sm' ? 'sm3' : 'sha256')
    .update(value)
    .digest('hex');
}

/** A random secret in URL-safe base64. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export {
  digestAlgorithmOf,
  type InvalidKey,
  PublicSigningKey,
  type SignatureAlgorithm,
  SigningKey,
  SM2_USER_ID,
  signatureAlgorithmOf,
} from './signing.js';
