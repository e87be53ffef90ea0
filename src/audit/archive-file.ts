import { createHash } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, renameSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { ChainHashAlgorithm } from './canonical.js';
import type { AuditArchiveTable, AuditEntryTable } from './schema.js';

/** What an archive's signed manifest states; the signature covers its exact JSON text. */
export interface ArchiveManifest {
  format: 'govshare-audit-archive/1';
  from_seq: number;
  to_seq: number;
  from_at: string;
  to_at: string;
  entries: number;
  prev_hash: string;
  last_hash: string;
  file: string;
  file_digest: string;
  hash_algorithm: ChainHashAlgorithm;
  signature_algorithm: string;
  key_id: string;
  created_at: string;
}

/** Writes entries as gzip NDJSON (one stored row per line), synced to disk before it is named. */
export async function writeArchiveFile(path: string, rows: AsyncIterable<AuditEntryTable[]>): Promise<void> {
  const temp = `${path}.partial`;
  async function* lines() {
    for await (const page of rows) {
      let chunk = '';
      for (const row of page) chunk += `${JSON.stringify(row)}\n`;
      yield chunk;
    }
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(temp, { mode: 0o600 }));
  const fd = openSync(temp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** The chain's hash (SM3 or SHA-256) of the file's bytes, hex. */
export async function archiveFileDigest(path: string, algorithm: ChainHashAlgorithm): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The entries of an archive file, in order. */
export async function* readArchiveEntries(path: string): AsyncGenerator<AuditEntryTable> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as AuditEntryTable;
}

/** The manifest of an archive row, or undefined when its text disagrees with the row's columns. */
export function parseManifest(row: AuditArchiveTable): ArchiveManifest | undefined {
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse(row.manifest) as ArchiveManifest;
  } catch {
    return undefined;
  }
  const same =
    manifest.from_seq === row.from_seq &&
    manifest.to_seq === row.to_seq &&
    manifest.from_at === row.from_at &&
    manifest.to_at === row.to_at &&
    manifest.prev_hash === row.prev_hash &&
    manifest.last_hash === row.last_hash &&
    manifest.file === row.file &&
    manifest.file_digest === row.file_digest;
  return same ? manifest : undefined;
}
