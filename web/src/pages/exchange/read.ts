import { ApiError, type ApiErrorBody } from '../../api/client.ts';
import type { Purpose } from '../../api/sharing.ts';
import i18next from '../../i18n/index.ts';
import { type DownloadManifest, exchangeLinks, type QueryAnswer, type QueryInput } from './api.ts';

/** What a reader states with every read of shared data (R58): a purpose and, optionally, a case number. */
export interface Statement {
  purpose: Purpose;
  caseNumber?: string | undefined;
}

/**
 * The server reads header values as latin1 bytes and decodes the case number as UTF-8; a header
 * cannot carry a Chinese character itself, so it goes as its UTF-8 bytes, one char per byte.
 */
export function headerBytes(value: string): string {
  return Array.from(new TextEncoder().encode(value), (b) => String.fromCharCode(b)).join('');
}

export function statementHeaders(statement: Statement): Record<string, string> {
  return {
    'x-govshare-purpose': statement.purpose,
    ...(statement.caseNumber?.trim()
      ? { 'x-govshare-case-number': headerBytes(statement.caseNumber.trim()) }
      : {}),
  };
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: ApiErrorBody = {
    code: `HTTP_${response.status}`,
    message: `${response.status} ${response.statusText}`,
  };
  try {
    const parsed = (await response.json()) as { error?: ApiErrorBody };
    if (parsed.error) body = parsed.error;
  } catch {
    // not JSON: the status says enough
  }
  return new ApiError(response.status, body);
}

async function send(url: string, statement: Statement, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      ...init,
      headers: {
        accept: 'application/json',
        'accept-language': i18next.language,
        ...statementHeaders(statement),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: i18next.t('exchange.query.network') });
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** 联机查询: one page of records by key or by a filter on key items. */
export async function queryRecords(
  entryId: string,
  statement: Statement,
  input: QueryInput,
): Promise<QueryAnswer> {
  const response = await send(exchangeLinks.query(entryId), statement, {
    method: 'POST',
    body: JSON.stringify(input),
    headers: { 'content-type': 'application/json' },
  });
  return (await response.json()) as QueryAnswer;
}

export interface DownloadProgress {
  bytes: number;
  lines: number;
}

export interface DownloadResult {
  fileName: string;
  bytes: number;
  /** Data rows (header and manifest lines not counted). */
  rows: number;
  manifest?: DownloadManifest;
  downloadId?: string;
  /** Whether the hash recomputed here matches the manifest's; undefined when it could not be checked. */
  verified?: boolean;
}

interface SaveTarget {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Saves to a file the reader picks, chunk by chunk (Chromium's File System Access API). */
async function diskTarget(fileName: string): Promise<SaveTarget> {
  const picker = (
    window as unknown as {
      showSaveFilePicker(options: { suggestedName: string }): Promise<{
        createWritable(): Promise<{ write(data: Uint8Array): Promise<void>; close(): Promise<void> }>;
      }>;
    }
  ).showSaveFilePicker;
  const handle = await picker({ suggestedName: fileName });
  const writable = await handle.createWritable();
  return { write: (chunk) => writable.write(chunk), close: () => writable.close() };
}

export const canSaveToDisk = (): boolean => typeof window !== 'undefined' && 'showSaveFilePicker' in window;

const NEWLINE = 0x0a;

/** Keeps the bytes after the last newline but one: the manifest is the NDJSON file's last line. */
class TailKeeper {
  #tail = new Uint8Array(0);
  push(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.#tail.length + chunk.length);
    joined.set(this.#tail);
    joined.set(chunk, this.#tail.length);
    // Keep the last 64 KiB at most: a manifest line is far smaller.
    this.#tail = joined.length > 65_536 ? joined.slice(joined.length - 65_536) : joined;
  }
  lastLine(): string {
    const text = new TextDecoder().decode(this.#tail).replace(/\n+$/, '');
    return text.slice(text.lastIndexOf('\n') + 1);
  }
}

const hex = (buffer: ArrayBuffer) =>
  Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * 批量下载: a link cannot carry the purpose header, so the file is fetched and saved here — to a
 * file the reader picks when the browser can write one as it arrives, otherwise as a Blob (for
 * modest sizes). The manifest (rows, hash) comes as the NDJSON file's last line, or for CSV from
 * the manifest route named by the `x-govshare-download-id` header.
 */
export async function downloadAll(
  entryId: string,
  statement: Statement,
  options: {
    format: 'csv' | 'ndjson';
    fileName: string;
    toDisk: boolean;
    onProgress(progress: DownloadProgress): void;
  },
): Promise<DownloadResult> {
  // Pick the file first: the browser allows the picker only right after the click.
  const disk = options.toDisk ? await diskTarget(options.fileName) : undefined;
  const response = await send(exchangeLinks.download(entryId, options.format), statement, {
    headers: { accept: options.format === 'csv' ? 'text/csv' : 'application/x-ndjson' },
  });
  const downloadId = response.headers.get('x-govshare-download-id') ?? undefined;
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  const tail = new TailKeeper();
  let bytes = 0;
  let lines = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const b of value) if (b === NEWLINE) lines += 1;
      tail.push(value);
      if (disk) await disk.write(value);
      else chunks.push(value);
      options.onProgress({ bytes, lines });
    }
  }
  await disk?.close();

  let manifest: DownloadManifest | undefined;
  if (options.format === 'ndjson') {
    try {
      const last = JSON.parse(tail.lastLine()) as { manifest?: DownloadManifest };
      manifest = last.manifest;
    } catch {
      manifest = undefined;
    }
  } else if (downloadId) {
    try {
      const answer = await send(exchangeLinks.manifest(downloadId), statement);
      const body = (await answer.json()) as DownloadManifest | { manifest: DownloadManifest };
      manifest =
        'manifest' in body && body.manifest
          ? (body.manifest as DownloadManifest)
          : (body as DownloadManifest);
    } catch {
      manifest = undefined;
    }
  }
  const rows = options.format === 'csv' ? Math.max(0, lines - 1) : Math.max(0, lines - (manifest ? 1 : 0));

  let verified: boolean | undefined;
  if (!disk) {
    const blob = new Blob(chunks as BlobPart[], {
      type: options.format === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson',
    });
    verified = await verify(blob, options.format, manifest);
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = options.fileName;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return {
    fileName: options.fileName,
    bytes,
    rows: manifest?.rows ?? rows,
    ...(manifest ? { manifest } : {}),
    ...(downloadId ? { downloadId } : {}),
    ...(verified !== undefined ? { verified } : {}),
  };
}

/**
 * Recomputes the digest of the data lines — NDJSON: every line before the manifest; CSV: every line
 * after the BOM and header — and compares it with the manifest's (SM3 with the same library the
 * server's suite uses, SHA-256 with WebCrypto).
 */
async function verify(
  blob: Blob,
  format: 'csv' | 'ndjson',
  manifest: DownloadManifest | undefined,
): Promise<boolean | undefined> {
  if (!manifest?.digest) return undefined;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let data: Uint8Array<ArrayBuffer>;
  if (format === 'ndjson') {
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === NEWLINE) end -= 1;
    data = bytes.subarray(0, bytes.lastIndexOf(NEWLINE, end - 1) + 1);
  } else {
    data = bytes.subarray(bytes.indexOf(NEWLINE) + 1);
  }
  if (manifest.algorithm === 'sm3') {
    // Loaded only when a download is checked: the reader of other pages does not pay for it.
    const { sm3 } = await import('sm-crypto-v2');
    return sm3(data) === manifest.digest;
  }
  if (!crypto.subtle) return undefined;
  return hex(await crypto.subtle.digest('SHA-256', data)) === manifest.digest;
}
