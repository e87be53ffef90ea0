import i18next from '../../i18n/index.ts';
import { exchangeLinks, type LoadFormat, type LoadMode, type LoadView } from './api.ts';

/** How far a load is: bytes the browser has sent, and what the server has read and checked. */
export interface LoadProgress {
  sent: number;
  total: number;
  /** From the server's progress lines: receiving the file, checking it (all or nothing), writing it. */
  phase: 'upload' | 'check' | 'apply';
  rows: number;
  /** Bytes of the file the server has read in the current phase. */
  processed: number;
  /** How the server reads a CSV, once its first bytes decided it (issue 22). */
  encoding?: LoadView['encoding'];
  encodingSource?: LoadView['encodingSource'];
}

export type LoadOutcome =
  | { kind: 'done'; load: LoadView; rejected?: RejectLine[] }
  | { kind: 'failed'; message: string; code?: string; load?: LoadView; rejected?: RejectLine[] }
  | { kind: 'refused'; status: number; message: string; code?: string };

/** A bad row as the server names it in a refused load. */
export interface RejectLine {
  row?: number;
  index?: number;
  item?: string | null;
  problem: string;
  detail?: string | null;
}

interface StreamLine {
  type: 'progress' | 'done' | 'failed';
  phase?: LoadProgress['phase'];
  rows?: number;
  bytes?: number;
  totalBytes?: number;
  encoding?: LoadView['encoding'];
  encodingSource?: LoadView['encodingSource'];
  load?: LoadView;
  error?: { code?: string; message?: string; details?: { rejected?: RejectLine[] } };
  message?: string;
  code?: string;
  rejected?: RejectLine[];
}

const CONTENT_TYPES: Record<LoadFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ndjson: 'application/x-ndjson',
};
const NDJSON = 'application/x-ndjson';

/** The format of a file from its name; undefined when the exchange does not take it. */
export function formatOf(fileName: string): LoadFormat | undefined {
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  if (extension === 'csv') return 'csv';
  if (extension === 'xlsx') return 'xlsx';
  if (extension === 'ndjson' || extension === 'jsonl') return 'ndjson';
  return undefined;
}

function outcomeOf(line: StreamLine): LoadOutcome {
  if (line.type === 'done' && line.load)
    return { kind: 'done', load: line.load, ...(line.rejected ? { rejected: line.rejected } : {}) };
  return {
    kind: 'failed',
    message: line.error?.message ?? line.message ?? '',
    ...(line.error?.code || line.code ? { code: line.error?.code ?? line.code } : {}),
    ...(line.load ? { load: line.load } : {}),
    ...(line.rejected || line.error?.details?.rejected
      ? { rejected: line.rejected ?? line.error?.details?.rejected }
      : {}),
  };
}

/**
 * Streams a data file as the raw request body and follows the server's NDJSON progress lines.
 * fetch cannot report upload progress, so this is an XHR; the response is read as it grows.
 * Errors before the stream begins (no permission, too large) come as plain JSON.
 */
export function uploadLoad(
  entryId: string,
  file: Blob,
  format: LoadFormat,
  mode: LoadMode,
  onProgress: (progress: LoadProgress) => void,
): Promise<LoadOutcome> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const progress: LoadProgress = { sent: 0, total: file.size, phase: 'upload', rows: 0, processed: 0 };
    let seen = 0;
    let outcome: LoadOutcome | undefined;
    const readLines = () => {
      const text = xhr.responseText;
      const end = text.lastIndexOf('\n');
      if (end < seen) return;
      for (const raw of text.slice(seen, end).split('\n')) {
        if (!raw.trim()) continue;
        const line = JSON.parse(raw) as StreamLine;
        if (line.type === 'progress') {
          progress.phase = line.phase ?? progress.phase;
          progress.rows = line.rows ?? progress.rows;
          // While the file arrives the server counts bytes received, not yet read.
          progress.processed = progress.phase === 'upload' ? 0 : (line.bytes ?? progress.processed);
          if (line.totalBytes) progress.total = line.totalBytes;
          if (line.encoding) {
            progress.encoding = line.encoding;
            progress.encodingSource = line.encodingSource ?? null;
          }
          onProgress({ ...progress });
        } else {
          outcome = outcomeOf(line);
        }
      }
      seen = end + 1;
    };
    const streaming = () => (xhr.getResponseHeader('content-type') ?? '').includes(NDJSON);
    xhr.open('POST', exchangeLinks.loads(entryId, format, mode));
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', CONTENT_TYPES[format]);
    xhr.setRequestHeader('accept', `${NDJSON}, application/json`);
    xhr.setRequestHeader('accept-language', i18next.language);
    xhr.upload.onprogress = (event) => {
      progress.sent = event.loaded;
      if (event.lengthComputable) progress.total = event.total;
      onProgress({ ...progress });
    };
    xhr.onprogress = () => {
      if (streaming()) readLines();
    };
    xhr.onload = () => {
      if (streaming()) {
        try {
          // The last line may lack its newline.
          if (!xhr.responseText.endsWith('\n')) {
            const tail = xhr.responseText.slice(seen).trim();
            if (tail) outcome = outcomeOf(JSON.parse(tail) as StreamLine);
          }
          readLines();
        } catch {
          // a broken line leaves the outcome unset
        }
        resolve(outcome ?? { kind: 'failed', message: `HTTP ${xhr.status}` });
        return;
      }
      let body:
        | { error?: { code?: string; message?: string; details?: { rejected?: RejectLine[] } } }
        | undefined;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && 'id' in body) {
        resolve({ kind: 'done', load: body as unknown as LoadView });
        return;
      }
      const rejected = body?.error?.details?.rejected;
      if (rejected) {
        resolve({
          kind: 'failed',
          message: body?.error?.message ?? '',
          code: body?.error?.code ?? '',
          rejected,
        });
        return;
      }
      resolve({
        kind: 'refused',
        status: xhr.status,
        message: body?.error?.message ?? `HTTP ${xhr.status}`,
        ...(body?.error?.code ? { code: body.error.code } : {}),
      });
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}

/** A row of the reject file: where, which item, why, and the original values. */
export interface RejectRow {
  row: string;
  item: string;
  problem: string;
  detail: string;
  values: Record<string, string>;
}

/** Reads the reject file (CSV: row, item, problem, detail, then the original values) for display. */
export function parseRejectCsv(text: string, limit = 500): RejectRow[] {
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  const [header, ...rows] = records;
  if (!header) return [];
  const index = (names: string[]) => header.findIndex((h) => names.includes(h.trim().toLowerCase()));
  const at = {
    row: index(['row', '行号']),
    item: index(['item', '信息项']),
    problem: index(['problem', '问题']),
    detail: index(['detail', '说明']),
  };
  const fixed = new Set(Object.values(at));
  return rows
    .filter((r) => r.some((c) => c !== ''))
    .slice(0, limit)
    .map((r) => ({
      row: r[at.row] ?? '',
      item: r[at.item] ?? '',
      problem: r[at.problem] ?? '',
      // The file's detail repeats the problem's label ("标识码校验位错误 / invalid identifier: …").
      detail: (r[at.detail] ?? '').replace(/^[^:]* \/ [^:]*: /, ''),
      values: Object.fromEntries(header.flatMap((h, i) => (fixed.has(i) ? [] : [[h, r[i] ?? '']]))),
    }));
}

/** RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
