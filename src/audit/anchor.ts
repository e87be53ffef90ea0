import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';

import { readArchiveEntries } from './archive-file.js';
import type { ChainHashAlgorithm } from './canonical.js';
import { checkpointSignatureValid, checkpointStatement } from './checkpoint.js';
import { AuditErrors } from './errors.js';
import { ChainPublicKey, type SignatureAlgorithm } from './keys.js';
import type { AuditArchiveTable, AuditCheckpointTable, AuditTables } from './schema.js';
import type { ChainBreak } from './verify.js';

/**
 * A checkpoint exported by `govshare audit checkpoint --out DIR` and kept off the machine. The
 * chain's own checkpoints live in the database and go with it: whoever can delete entries can
 * delete their checkpoints and move the head back, and the rest still verifies. An anchor cannot
 * be taken back, so the chain must still hold the entry it names, with that hash.
 */
export interface ChainAnchor {
  /** The directory it was read from, for messages. */
  source: string;
  /** The statement's fields with the exported signature (base64), as a checkpoint row. */
  checkpoint: AuditCheckpointTable;
  /** The exported pub.pem. */
  publicKeyPem: string;
}

const STATEMENT_LINE = /^([a-z-]+): (.*)$/;

/** The fields of an exported statement, or undefined unless it is exactly what a checkpoint signs. */
export function parseStatement(text: string): Omit<AuditCheckpointTable, 'signature'> | undefined {
  const lines = text.split('\n');
  if (lines[0] !== 'govshare audit checkpoint v1') return undefined;
  const fields = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const match = STATEMENT_LINE.exec(line);
    if (match) fields.set(match[1] as string, match[2] as string);
  }
  const seq = Number(fields.get('seq'));
  if (!Number.isSafeInteger(seq) || seq < 1) return undefined;
  const parsed = {
    seq,
    hash: fields.get('hash') ?? '',
    at: fields.get('at') ?? '',
    hash_algorithm: fields.get('hash-algorithm') ?? '',
    signature_algorithm: fields.get('signature-algorithm') ?? '',
    key_id: fields.get('key-id') ?? '',
  };
  // Nothing added, dropped or reordered: the text must be the one the fields render to.
  return checkpointStatement(parsed) === text ? parsed : undefined;
}

function readAnchor(dir: string): ChainAnchor {
  const invalid = (reason: string) => AuditErrors.error('AUDIT_ANCHOR_INVALID', { path: dir, reason });
  const files = ['statement', 'sig.der', 'pub.pem'].map((name) => join(dir, name));
  const absent = files.filter((file) => !existsSync(file));
  if (absent.length > 0) throw invalid(`missing ${absent.join(', ')}`);
  const [statementFile, signatureFile, keyFile] = files as [string, string, string];
  const fields = parseStatement(readFileSync(statementFile, 'utf8'));
  if (!fields) throw invalid('the statement is not a govshare checkpoint statement');
  return {
    source: dir,
    checkpoint: { ...fields, signature: readFileSync(signatureFile).toString('base64') },
    publicKeyPem: readFileSync(keyFile, 'utf8'),
  };
}

/**
 * Reads each path as one exported checkpoint (it holds `statement`), or as a directory of them
 * (its subdirectories that do). Throws AUDIT_ANCHOR_INVALID for a path that holds neither or a
 * checkpoint that cannot be read; a readable one with a bad signature is judged by `checkAnchors`.
 */
export function loadAnchors(paths: string[]): ChainAnchor[] {
  const anchors: ChainAnchor[] = [];
  for (const path of paths) {
    if (!existsSync(path))
      throw AuditErrors.error('AUDIT_ANCHOR_INVALID', { path, reason: 'no such file or directory' });
    if (existsSync(join(path, 'statement'))) {
      anchors.push(readAnchor(path));
      continue;
    }
    const found = readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(path, entry.name, 'statement')))
      .map((entry) => join(path, entry.name))
      .sort();
    if (found.length === 0)
      throw AuditErrors.error('AUDIT_ANCHOR_INVALID', {
        path,
        reason: 'no exported checkpoint (statement, sig.der, pub.pem) in it',
      });
    for (const dir of found) anchors.push(readAnchor(dir));
  }
  return anchors;
}

export interface AnchorCheckOptions {
  hashAlgorithm: ChainHashAlgorithm;
  publicKey: ChainPublicKey;
  archiveDir?: string | undefined;
}

/** Where the chain stands: its head and its archives (read once by the verification). */
export interface ChainExtent {
  headSeq: number;
  archives: AuditArchiveTable[];
}

/**
 * Holds each anchor against the chain: signed by the platform key (and its pub.pem that key), made
 * under the chain's hash algorithm, its entry still present (live or archived) with the hash it
 * states, and the head at or past it. One break per anchor that fails; returns how many held.
 */
export async function checkAnchors(
  db: Kysely<AuditTables>,
  anchors: ChainAnchor[],
  options: AnchorCheckOptions,
  extent: ChainExtent,
): Promise<{ held: number; breaks: ChainBreak[] }> {
  const breaks: ChainBreak[] = [];
  for (const anchor of anchors) {
    const found = await judge(db, anchor, options, extent);
    if (found) breaks.push({ seq: anchor.checkpoint.seq, ...found });
  }
  return { held: anchors.length - breaks.length, breaks };
}

async function judge(
  db: Kysely<AuditTables>,
  anchor: ChainAnchor,
  options: AnchorCheckOptions,
  extent: ChainExtent,
): Promise<Omit<ChainBreak, 'seq'> | undefined> {
  const { seq, hash, at } = anchor.checkpoint;
  const named = `exported checkpoint ${anchor.source} (entry ${seq}, signed ${at})`;
  if (!signedByPlatform(anchor, options.publicKey))
    return {
      kind: 'anchor_forged',
      message: `${named}: not signed by the platform key, or its pub.pem is another key; it proves nothing`,
    };
  if (anchor.checkpoint.hash_algorithm !== options.hashAlgorithm)
    return {
      kind: 'anchor_mismatch',
      message: `${named}: made under ${anchor.checkpoint.hash_algorithm}, the chain hashes with ${options.hashAlgorithm}`,
    };
  const stored = await storedHash(db, seq, options, extent.archives);
  if (stored.kind === 'absent')
    return {
      kind: 'anchor_missing',
      message:
        extent.headSeq < seq
          ? `${named}: the chain now ends at entry ${extent.headSeq}; entries up to ${seq} were signed and have been removed`
          : `${named}: entry ${seq} is no longer in the chain`,
    };
  if (stored.kind === 'unreadable')
    return {
      kind: 'anchor_missing',
      message: `${named}: entry ${seq} is in archive ${stored.file}, which could not be read`,
    };
  if (stored.hashes.some((h) => h !== hash))
    return {
      kind: 'anchor_mismatch',
      message: `${named}: entry ${seq} is not the entry that was signed (its hash differs); the chain was rewritten`,
    };
  if (extent.headSeq < seq)
    return {
      kind: 'anchor_missing',
      message: `${named}: the chain head was moved back to entry ${extent.headSeq}`,
    };
  return undefined;
}

function signedByPlatform(anchor: ChainAnchor, platformKey: ChainPublicKey): boolean {
  let exported: ChainPublicKey;
  try {
    exported = new ChainPublicKey(
      anchor.checkpoint.signature_algorithm as SignatureAlgorithm,
      anchor.publicKeyPem,
    );
  } catch {
    return false;
  }
  return (
    exported.algorithm === platformKey.algorithm &&
    exported.keyId === platformKey.keyId &&
    checkpointSignatureValid(platformKey, anchor.checkpoint)
  );
}

type Stored = { kind: 'absent' } | { kind: 'unreadable'; file: string } | { kind: 'found'; hashes: string[] };

async function storedHash(
  db: Kysely<AuditTables>,
  seq: number,
  options: AnchorCheckOptions,
  archives: AuditArchiveTable[],
): Promise<Stored> {
  const live = await db.selectFrom('audit_entry').select('hash').where('seq', '=', seq).execute();
  if (live.length > 0) return { kind: 'found', hashes: live.map((row) => row.hash) };
  const archive = archives.find((a) => a.from_seq <= seq && seq <= a.to_seq);
  if (!archive) return { kind: 'absent' };
  // The manifest (whose signature the walk checks) states the last entry's hash.
  if (archive.to_seq === seq) return { kind: 'found', hashes: [archive.last_hash] };
  const path = options.archiveDir
    ? join(options.archiveDir, archive.file.replace(/^audit-archive\//, ''))
    : undefined;
  if (!path || !existsSync(path)) return { kind: 'unreadable', file: archive.file };
  try {
    for await (const row of readArchiveEntries(path))
      if (row.seq === seq) return { kind: 'found', hashes: [row.hash] };
  } catch {
    return { kind: 'unreadable', file: archive.file };
  }
  return { kind: 'absent' };
}
