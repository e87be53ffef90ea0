import i18next from '../../i18n/index.ts';

export interface UploadAnswer {
  status: number;
  body: unknown;
}

/** Where an import is: sending the file, then the server reading, checking and creating. */
export type ImportStage =
  | { phase: 'upload'; percent: number }
  | { phase: 'read'; rows: number }
  | { phase: 'validate'; done: number; total: number }
  | { phase: 'create'; total: number };

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};
const NDJSON = 'application/x-ndjson';

/** The content type the import route expects for a file, from its extension; undefined when not accepted. */
export function importContentType(fileName: string): string | undefined {
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  return TYPES[extension];
}

/** One percentage for the whole import: the upload is the first half, the server's work the second. */
export function stagePercent(stage: ImportStage): number {
  switch (stage.phase) {
    case 'upload':
      return Math.round(stage.percent / 2);
    case 'read':
      return 55;
    case 'validate':
      return 55 + Math.round((40 * stage.done) / Math.max(stage.total, 1));
    case 'create':
      return 97;
  }
}

interface StreamLine {
  type: 'progress' | 'result';
  status?: number;
  body?: unknown;
  phase?: string;
}

/**
 * Sends a file as the raw request body and asks for the progress stream (NDJSON): upload progress
 * comes from the browser (fetch cannot report it), the rest from the server's progress lines.
 * Resolves with the final status and body whatever the status, so a 422's error list can be read.
 */
export function uploadImport(
  url: string,
  file: Blob,
  contentType: string,
  onStage: (stage: ImportStage) => void,
): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let seen = 0;
    let result: UploadAnswer | undefined;
    const readLines = () => {
      const text = xhr.responseText;
      const end = text.lastIndexOf('\n');
      if (end < seen) return;
      for (const raw of text.slice(seen, end).split('\n')) {
        if (!raw.trim()) continue;
        const line = JSON.parse(raw) as StreamLine;
        if (line.type === 'result') result = { status: line.status ?? 500, body: line.body };
        else onStage(line as unknown as ImportStage);
      }
      seen = end + 1;
    };
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', `${NDJSON}, application/json`);
    xhr.setRequestHeader('accept-language', i18next.language);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onStage({ phase: 'upload', percent: (event.loaded / event.total) * 100 });
    };
    xhr.onprogress = () => {
      if ((xhr.getResponseHeader('content-type') ?? '').includes(NDJSON)) readLines();
    };
    xhr.onload = () => {
      // Errors before the stream began (bad type, too large, no permission) come as plain JSON.
      if ((xhr.getResponseHeader('content-type') ?? '').includes(NDJSON)) {
        try {
          readLines();
        } catch {
          // a broken line leaves `result` unset
        }
        resolve(result ?? { status: 500, body: undefined });
        return;
      }
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = xhr.responseText;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}
