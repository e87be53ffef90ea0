import { createHash } from 'node:crypto';
import { canonicalJson } from '../platform/cases/index.js';
import { digestAlgorithmOf, type SignatureAlgorithm } from '../platform/crypto/index.js';
import { allStorable } from '../platform/http/index.js';

/** A JSON document: what a department seals (a licence record, a document's data). */
export type SealDocument = Record<string, unknown>;

/** The seal on a document: whose key, when, over which digest, and the signature. */
export interface SealInfo {
  keyId: string;
  sealName: string;
  departmentId: string;
  algorithm: SignatureAlgorithm;
  /** ISO 8601 UTC, milliseconds: when the platform signed. */
  signedAt: string;
  /** SM3 (SM2 seals) or SHA-256 (Ed25519 seals) of the document's canonical JSON, hex. */
  digest: string;
  /** Base64: SM2 DER (SM3, user ID 1234567812345678) or Ed25519 raw 64 bytes. */
  signature: string;
}

export interface SealedDocument {
  document: SealDocument;
  seal: SealInfo;
}

/** The canonical form of a document: JSON with object keys sorted (UTF-16 order), no spaces. */
export const canonicalDocument = (document: SealDocument): string => canonicalJson(document);

/** The document's digest under the seal algorithm's hash, hex. */
export function documentDigest(algorithm: SignatureAlgorithm, document: SealDocument): string {
  return createHash(digestAlgorithmOf(algorithm)).update(canonicalDocument(document), 'utf8').digest('hex');
}

/**
 * The exact text a seal signs: the canonical JSON of `{ document, seal }` with the seal's fields but
 * its signature. Signing the fields too binds the signing time and the seal's identity to the
 * document, so a copy cannot be re-dated to before a revocation. `openssl` checks the same bytes.
 */
export function signedText(document: SealDocument, seal: Omit<SealInfo, 'signature'>): string {
  const { keyId, sealName, departmentId, algorithm, signedAt, digest } = seal;
  return canonicalJson({ document, seal: { keyId, sealName, departmentId, algorithm, signedAt, digest } });
}

/**
 * Whether a value can be sealed as it is: a plain object of JSON values (strings, finite numbers,
 * booleans, null, plain objects and arrays) whose text is storable (no NUL, no lone surrogate), so
 * that its canonical JSON reads back as the same document wherever it is verified.
 */
export function isSealable(document: unknown): document is SealDocument {
  if (!isPlainObject(document) || !allStorable(document)) return false;
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return false;
    } else if (Array.isArray(value)) for (const item of value) stack.push(item);
    else if (isPlainObject(value)) for (const item of Object.values(value)) stack.push(item);
    else return false;
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
