import { randomBytes, scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CryptoSuite } from '../../platform/config/index.js';
import { SecretBox } from '../../platform/crypto/index.js';

import { BackupErrors } from './errors.js';

export const MIN_PASSPHRASE_LENGTH = 12;

/**
 * scrypt cost: N = 2^17 with r = 8 takes 128 MiB and about half a second, so each guess at a
 * stolen backup's passphrase costs the same (OWASP's scrypt minimum is 2^17).
 */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

/** The master key sealed under a passphrase, stored in a backup as `master.key.enc`. */
export interface KeyEnvelope {
  format: 'govshare-master-key/1';
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  /** SecretBox text: SM4-CBC + HMAC-SM3 (国密 suite) or AES-256-GCM (intl), under the derived key. */
  sealed: string;
}

function derive(passphrase: string, kdf: KeyEnvelope['kdf']): Buffer {
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r,
  });
}

export function sealMasterKey(masterKey: Buffer, passphrase: string, suite: CryptoSuite): KeyEnvelope {
  const kdf = { name: 'scrypt' as const, ...SCRYPT, salt: randomBytes(16).toString('base64') };
  const sealed = new SecretBox(derive(passphrase, kdf), suite).seal(masterKey.toString('base64'));
  return { format: 'govshare-master-key/1', kdf, sealed };
}

export function openMasterKeyEnvelope(envelope: KeyEnvelope, passphrase: string): Buffer {
  if (envelope.format !== 'govshare-master-key/1' || envelope.kdf?.name !== 'scrypt')
    throw BackupErrors.error('BACKUP_NOT_A_BACKUP', { file: 'master.key.enc', reason: 'unknown key format' });
  // The suite is named inside the sealed text; SecretBox opens either.
  try {
    return Buffer.from(new SecretBox(derive(passphrase, envelope.kdf), 'sm').open(envelope.sealed), 'base64');
  } catch {
    throw BackupErrors.error('BACKUP_PASSPHRASE_WRONG');
  }
}

/**
 * The passphrase from a file (first line) or GOVSHARE_BACKUP_PASSPHRASE; never from argv, which
 * every user of the machine can read in `ps`.
 */
export function readPassphrase(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const text = file ? readFileSync(file, 'utf8').split(/\r?\n/)[0] : env.GOVSHARE_BACKUP_PASSPHRASE;
  if (text === undefined || text === '') return undefined;
  if ([...text].length < MIN_PASSPHRASE_LENGTH)
    throw BackupErrors.error('BACKUP_PASSPHRASE_WEAK', { min: MIN_PASSPHRASE_LENGTH });
  return text;
}
