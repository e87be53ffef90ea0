import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { extname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import cliProgress from 'cli-progress';
import { type Command, Option } from 'commander';
import {
  CharsetRefused,
  charsetNotice,
  declaredCharset,
  type TextCharset,
} from '../platform/charset/index.js';

/** What `govshare exchange upload` ends with: 0 all written, 2 rows rejected, 1 anything else. */
export const UPLOAD_EXIT = { ok: 0, failure: 1, rejected: 2 } as const;

const FORMATS = { '.csv': 'csv', '.xlsx': 'xlsx', '.ndjson': 'ndjson', '.jsonl': 'ndjson' } as const;
type Format = (typeof FORMATS)[keyof typeof FORMATS];
const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ndjson: 'application/x-ndjson',
};
const PHASES = { upload: '上传 upload', check: '校验 check', apply: '写入 apply' } as const;

export interface UploadOptions {
  /** The platform's base URL, e.g. `https://share.example.gov.cn`. */
  url: string;
  entry: string;
  file: string;
  format?: Format | undefined;
  keepGood?: boolean | undefined;
  /** A CSV's character encoding (utf-8, gbk, gb2312, gb18030); none: the platform recognizes it. */
  encoding?: string | undefined;
  clientId: string;
  clientSecret: string;
  /** Where the summary goes (default stdout); the bar goes to stderr when it is a terminal. */
  out?: NodeJS.WritableStream;
  bar?: boolean;
  /** Each progress line of the platform's stream, as it arrives. */
  onProgress?: (progress: { phase: string; rows: number; bytes: number; totalBytes: number | null }) => void;
}

export interface UploadResult {
  exitCode: number;
  // biome-ignore lint/suspicious/noExplicitAny: the platform's load view, printed as it came.
  load?: any;
  error?: { code: string; message: string };
}

function formatOf(file: string, given?: string): Format {
  if (given) {
    if (given === 'csv' || given === 'xlsx' || given === 'ndjson') return given;
    throw new Error(`--format 须为 csv、xlsx 或 ndjson / --format must be csv, xlsx or ndjson: ${given}`);
  }
  const found = FORMATS[extname(file).toLowerCase() as keyof typeof FORMATS];
  if (!found)
    throw new Error(`无法从扩展名判断格式，请给出 --format / cannot tell the format: give --format`);
  return found;
}

/** The client-credentials token of the department system the upload runs as. */
async function accessToken(url: string, clientId: string, clientSecret: string): Promise<string> {
  const res = await fetch(new URL('/api/v1/auth/token', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  const body = (await res.json()) as { access_token?: string; error?: { code: string; message: string } };
  if (!res.ok || !body.access_token)
    throw Object.assign(new Error(body.error?.message ?? `HTTP ${res.status}`), { code: body.error?.code });
  return body.access_token;
}

/**
 * Streams a file to `POST /api/v1/exchange/resources/{entry}/loads` and follows the NDJSON progress
 * stream it answers with: a progress bar of bytes, then a zh/en summary.
 */
export async function upload(options: UploadOptions): Promise<UploadResult> {
  const out = options.out ?? process.stdout;
  const say = (text: string) => out.write(`${text}\n`);
  const format = formatOf(options.file, options.format);
  let charset: TextCharset | undefined;
  try {
    charset = format === 'csv' ? declaredCharset(options.encoding) : undefined;
  } catch (error) {
    if (!(error instanceof CharsetRefused)) throw error;
    say(`上传失败 / upload failed: ${error.reason.zh} / ${error.reason.en}`);
    return {
      exitCode: UPLOAD_EXIT.failure,
      error: { code: 'EXCHANGE_UPLOAD_ENCODING', message: error.message },
    };
  }
  const size = statSync(options.file).size;
  let token: string;
  try {
    token = await accessToken(options.url, options.clientId, options.clientSecret);
  } catch (error) {
    const e = error as Error & { code?: string };
    say(`认证失败 / authentication failed: ${e.code ?? ''} ${e.message}`);
    return { exitCode: UPLOAD_EXIT.failure, error: { code: e.code ?? 'AUTH', message: e.message } };
  }
  const target = new URL(
    `/api/v1/exchange/resources/${encodeURIComponent(options.entry)}/loads?format=${format}&mode=${options.keepGood ? 'keep_good' : 'all_or_nothing'}`,
    options.url,
  );
  const bar =
    (options.bar ?? process.stderr.isTTY)
      ? new cliProgress.SingleBar(
          {
            format: '{phase} |{bar}| {percentage}% {value}/{total} 字节 bytes | {rows} 行 rows',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  let phase = '';
  // biome-ignore lint/suspicious/noExplicitAny: NDJSON lines of the platform's stream.
  let last: any;
  let status = 0;
  let errorBody = '';
  let loadId: string | undefined;
  let lost: (Error & { code?: string }) | undefined;
  await new Promise<void>((resolve) => {
    // A dropped connection is an outcome to explain, not a crash: it ends the wait like an answer.
    const broken = (error: Error) => {
      lost ??= error;
      resolve();
    };
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': charset ? `${CONTENT_TYPES[format]}; charset=${charset}` : CONTENT_TYPES[format],
          'content-length': String(size),
          'accept-language': 'zh-CN',
        },
      },
      (response) => {
        status = response.statusCode ?? 0;
        const decoder = new StringDecoder('utf8');
        let rest = '';
        response.on('data', (chunk: Buffer) => {
          if (status !== 200) {
            errorBody += decoder.write(chunk);
            return;
          }
          const lines = (rest + decoder.write(chunk)).split('\n');
          rest = lines.pop() ?? '';
          for (const line of lines) {
            if (!line.trim()) continue;
            const event = JSON.parse(line);
            if (event.type === 'progress') {
              loadId ??= event.loadId;
              options.onProgress?.(event);
              if (event.phase !== phase) {
                phase = event.phase;
                bar?.stop();
                bar?.start(event.totalBytes ?? size, 0, {
                  phase: PHASES[phase as keyof typeof PHASES] ?? phase,
                  rows: 0,
                });
              }
              bar?.update(event.bytes, { rows: event.rows });
            } else last = event;
          }
        });
        response.on('end', () => {
          if (rest.trim() && status === 200) {
            try {
              last = JSON.parse(rest);
            } catch {
              // A line cut off by the connection: no result.
            }
          }
          resolve();
        });
        response.on('aborted', () => broken(new Error('response aborted')));
        response.on('error', broken);
      },
    );
    request.on('error', broken);
    const file = createReadStream(options.file);
    file.on('error', broken);
    file.pipe(request);
  }).finally(() => bar?.stop());

  if (lost || (status === 200 && !last?.load)) {
    const reason = lost ? `${lost.code ?? ''} ${lost.message}`.trim() : 'no result';
    return brokenOff(say, options, loadId, reason);
  }

  if (status !== 200) {
    let error = { code: `HTTP_${status}`, message: errorBody.slice(0, 500) };
    try {
      error = JSON.parse(errorBody).error ?? error;
    } catch {}
    say(`上传失败 / upload failed: ${error.code} ${error.message}`);
    return { exitCode: UPLOAD_EXIT.failure, error };
  }
  const load = last?.load;
  say(
    `上传 ${load.id}：读取 ${load.rowsRead} 行，写入 ${load.applied}，未变 ${load.unchanged}，拒绝 ${load.rejected}（${load.status}，${load.durationMs} ms）\n` +
      `Upload ${load.id}: ${load.rowsRead} rows read, ${load.applied} written, ${load.unchanged} unchanged, ${load.rejected} rejected (${load.status}, ${load.durationMs} ms)`,
  );
  if (load.encoding) {
    const notice = charsetNotice({ charset: load.encoding, source: load.encodingSource ?? 'detected' });
    say(`${notice.zh} / ${notice.en}`);
  }
  for (const r of (last.rejected ?? []).slice(0, 10))
    say(`  第 ${r.index} 行 / row ${r.index}${r.item ? ` ${r.item}` : ''}: ${r.problem} ${r.detail}`);
  if (load.hasRejectFile)
    say(
      `被拒绝的行 / rejected rows: ${new URL(`/api/v1/exchange/loads/${load.id}/rejects`, options.url).href}`,
    );
  if (last.type === 'failed' && last.error) say(`${last.error.code}: ${last.error.message}`);
  const exitCode =
    load.status === 'failed'
      ? UPLOAD_EXIT.failure
      : load.status === 'rejected' || load.rejected > 0
        ? UPLOAD_EXIT.rejected
        : UPLOAD_EXIT.ok;
  return { exitCode, load, ...(last.error ? { error: last.error } : {}) };
}

/**
 * The connection went before the platform said how the load ended: say so, name the load, and
 * how to see it and retry. All or nothing wrote nothing; the platform marks the load `interrupted`.
 */
function brokenOff(
  say: (text: string) => void,
  options: UploadOptions,
  loadId: string | undefined,
  reason: string,
): UploadResult {
  const again = [
    'govshare exchange upload',
    `--url ${options.url}`,
    `--entry ${options.entry}`,
    `--file ${JSON.stringify(options.file)}`,
    ...(options.format ? [`--format ${options.format}`] : []),
    ...(options.encoding ? [`--encoding ${options.encoding}`] : []),
    ...(options.keepGood ? ['--keep-good'] : []),
  ].join(' ');
  say(
    `上传中断：与平台的连接已断开（${reason}） / the upload broke off: the connection to the platform was lost (${reason})`,
  );
  if (loadId) {
    say(`数据上传编号 / load id: ${loadId}`);
    say(`查看结果 / see how it ended: ${new URL(`/api/v1/exchange/loads/${loadId}`, options.url).href}`);
  } else say('平台尚未登记这次上传 / the platform had not registered the load yet');
  say(
    options.keepGood
      ? '保留正确行模式：已写入的行保留，重试时未变的行不会重复写入 / keep-good: rows already written stay; a retry writes only the rest'
      : '全部或全不模式：这次上传要么已全部写入，要么没有写入任何记录；状态为 done 则无需重试 / all or nothing: the load was written whole or not at all; no retry is needed if its status is done',
  );
  say(`重试 / retry with the same file: ${again}`);
  return {
    exitCode: UPLOAD_EXIT.failure,
    ...(loadId ? { load: { id: loadId } } : {}),
    error: { code: 'EXCHANGE_UPLOAD_CONNECTION_LOST', message: reason },
  };
}

/** `govshare exchange upload`: a department's file of records into its hosted resource. */
export function registerExchangeCommands(program: Command): void {
  const exchange = program.command('exchange').description('数据交换 / data exchange');
  exchange
    .command('upload')
    .description(
      '上传数据文件到集中存放的资源（退出码 0 成功、2 有被拒绝的行、1 失败）/ upload a file of records (exit 0 ok, 2 rows rejected, 1 failed)',
    )
    .requiredOption('--url <url>', '平台地址 / platform URL')
    .requiredOption('--entry <entryId>', '目录条目编号 / catalog entry id')
    .requiredOption('--file <path>', '数据文件 / data file (csv, xlsx, ndjson)')
    .addOption(new Option('--format <format>', '文件格式 / file format').choices(['csv', 'xlsx', 'ndjson']))
    .option('--keep-good', '写入正确的行，拒绝有误的行 / write the good rows, reject the bad')
    .option(
      '--encoding <charset>',
      'CSV 的字符编码：utf-8、gbk、gb2312 或 gb18030（Excel 中文版另存的 CSV 为 GB18030）；不给出时由平台识别 / the CSV charset (utf-8, gbk, gb2312, gb18030); recognized when not given',
    )
    .addOption(
      new Option('--client-id <id>', 'API 客户端编号 / API client id')
        .env('GOVSHARE_CLIENT_ID')
        .makeOptionMandatory(),
    )
    .action(
      async (options: {
        url: string;
        entry: string;
        file: string;
        format?: Format;
        keepGood?: boolean;
        encoding?: string;
        clientId: string;
      }) => {
        // The secret only from the environment: a command line shows in every process list.
        const clientSecret = process.env.GOVSHARE_CLIENT_SECRET;
        if (!clientSecret) {
          console.error('请设置环境变量 GOVSHARE_CLIENT_SECRET / set GOVSHARE_CLIENT_SECRET');
          process.exitCode = UPLOAD_EXIT.failure;
          return;
        }
        const result = await upload({ ...options, clientSecret });
        process.exitCode = result.exitCode;
      },
    );
}
