import chardet from 'chardet';
import iconv from 'iconv-lite';
import { defineTexts, type Label } from '../messages/index.js';

/**
 * The character encodings a text file may come in (issue 22): UTF-8, and GB18030 — what Excel on
 * a Chinese Windows saves a CSV as (GBK and GB2312 are subsets of it).
 */
export const TEXT_CHARSETS = ['utf-8', 'gb18030'] as const;
export type TextCharset = (typeof TEXT_CHARSETS)[number];

/** The encoding a file is read in, and whether its sender declared it or it was recognized. */
export interface CharsetChoice {
  charset: TextCharset;
  source: 'declared' | 'detected';
}

const NAMES: Record<TextCharset, string> = { 'utf-8': 'UTF-8', gb18030: 'GB18030' };

const Texts = defineTexts({
  readAs: { zh: '已按 {charset} 编码读取', en: 'read as {charset}' },
  readAsDetected: { zh: '已按 {charset} 编码读取（自动识别）', en: 'read as {charset} (detected)' },
  looksLike: {
    zh: '文件看起来是 {guess} 编码，平台只接受 UTF-8 与 GB18030（含 GBK、GB2312）',
    en: 'the file looks like {guess}; the platform accepts only UTF-8 and GB18030 (including GBK and GB2312)',
  },
  neither: {
    zh: '文件既不是有效的 UTF-8，也不是有效的 GB18030 编码（第 {line} 行），平台只接受 UTF-8 与 GB18030',
    en: 'the file is neither valid UTF-8 nor valid GB18030 (line {line}); the platform accepts only UTF-8 and GB18030',
  },
  unsupported: {
    zh: '声明的字符编码 {name} 不受支持，平台只接受 UTF-8 与 GB18030（含 GBK、GB2312）',
    en: 'the declared charset {name} is not supported; the platform accepts only UTF-8 and GB18030 (including GBK and GB2312)',
  },
  mismatch: {
    zh: '声明的字符编码 {declared} 与文件内容不符：文件是 {actual} 编码',
    en: 'the declared charset {declared} does not match the file: it is {actual}',
  },
  mismatchAt: {
    zh: '声明的字符编码 {declared} 与文件内容不符：第 {line} 行不是有效的 {declared}',
    en: 'the declared charset {declared} does not match the file: line {line} is not valid {declared}',
  },
  invalidAt: {
    zh: '第 {line} 行含有不是有效 {charset} 编码的字节',
    en: 'line {line} holds bytes that are not valid {charset}',
  },
});

/**
 * A file refused for its encoding; `reason` is the user's text in both languages. `broken`: the
 * file is in an accepted encoding but holds a byte sequence that is not (the reason names the
 * line); otherwise its encoding is not accepted or not the one declared.
 */
export class CharsetRefused extends Error {
  constructor(
    readonly reason: Label,
    readonly broken = false,
  ) {
    super(`${reason.zh} / ${reason.en}`);
    this.name = 'CharsetRefused';
  }
}

/** What to say about a file read in `choice`: 「已按 GB18030 编码读取（自动识别）」. */
export function charsetNotice(choice: CharsetChoice): Label {
  return Texts.text(choice.source === 'detected' ? 'readAsDetected' : 'readAs', {
    charset: NAMES[choice.charset],
  });
}

/** The display name of a charset (UTF-8, GB18030). */
export const charsetName = (charset: TextCharset): string => NAMES[charset];

const ALIASES: Record<string, TextCharset> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  gb2312: 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  euc_cn: 'gb18030',
  'euc-cn': 'gb18030',
};

/**
 * A declared charset name (a Content-Type's `charset=`, `--encoding`, a configuration's `encoding`)
 * as a charset the platform reads; nothing declared answers undefined, anything else is refused.
 *
 * @example declaredCharset('GBK') // 'gb18030'
 */
export function declaredCharset(name: string | null | undefined): TextCharset | undefined {
  if (name === null || name === undefined || name.trim() === '') return undefined;
  const found = ALIASES[name.trim().toLowerCase()];
  if (!found) throw new CharsetRefused(Texts.text('unsupported', { name: name.trim().slice(0, 40) }));
  return found;
}

/** The charset a Content-Type header declares (`text/csv; charset=gbk`), if any. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}

const startsWith = (data: Buffer, bytes: number[]) => bytes.every((b, i) => data[i] === b);

/** An encoding that a byte-order mark or NUL bytes give away, before any guessing. */
function wideEncoding(head: Buffer): string | undefined {
  if (startsWith(head, [0xff, 0xfe, 0, 0]) || startsWith(head, [0, 0, 0xfe, 0xff])) return 'UTF-32';
  if (startsWith(head, [0xff, 0xfe])) return 'UTF-16LE';
  if (startsWith(head, [0xfe, 0xff])) return 'UTF-16BE';
  const sample = head.subarray(0, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i += 1) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) even += 1;
    else odd += 1;
  }
  if (odd > sample.length / 8) return 'UTF-16LE';
  if (even > sample.length / 8) return 'UTF-16BE';
  return undefined;
}

/** Whether bytes are UTF-8; `complete` false allows a character cut off at the end. */
function isUtf8(bytes: Buffer, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** The bytes as GB18030, or undefined when a sequence is not GB18030 (a cut-off end allowed). */
function gb18030Text(bytes: Buffer, complete: boolean): string | undefined {
  const decoder = iconv.getDecoder('gb18030');
  const text = decoder.write(bytes) + (complete ? (decoder.end() ?? '') : '');
  return text.includes('\uFFFD') ? undefined : text;
}

/** chardet's best guess of an encoding, by its name, or undefined when it has none. */
function guessOf(bytes: Buffer, except: readonly string[] = []): string | undefined {
  const found = chardet.analyse(bytes).find((m) => m.confidence > 0 && !except.includes(m.name));
  return found?.name;
}

const KANA = /[\u3040-\u30ff]/gu;
const NON_ASCII = /[^ -~\s]/gu;

/**
 * Whether bytes that decode cleanly as GB18030 are Chinese text rather than another CJK encoding
 * that happens to decode too (Shift_JIS, EUC-KR and Big5 text mostly does): the header names the
 * resource's items, or chardet ranks GB18030 first and the text is not Japanese kana.
 */
function plausiblyGb18030(
  window: Buffer,
  text: string,
  headerCells: readonly string[],
  expected: readonly string[],
) {
  if (expected.length > 0 && headerCells.some((cell) => expected.includes(cell))) return true;
  const results = chardet.analyse(window).filter((m) => m.confidence > 0);
  const best = Math.max(0, ...results.map((m) => m.confidence));
  const gb = results.find((m) => m.name === 'GB18030');
  if (!gb || gb.confidence < best) return false;
  const nonAscii = text.match(NON_ASCII)?.length ?? 0;
  const kana = text.match(KANA)?.length ?? 0;
  return kana * 10 <= nonAscii;
}

/** How many bytes of multibyte characters: bytes past ASCII. */
function multibyte(bytes: Buffer): number {
  let n = 0;
  for (const b of bytes) if (b >= 0x80) n += 1;
  return n;
}

/** The line a byte offset falls in: newline bytes are never part of a UTF-8 or GB18030 character. */
function lineAt(bytes: Buffer, end: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) line += 1;
  return line;
}

/** What the detection looks at: the start of the file (its header) and a window of its text. */
export interface CharsetSample {
  /** The file's first bytes. */
  head: Buffer;
  /** Bytes from the first chunk holding a non-ASCII byte (empty when none was seen). */
  window: Buffer;
  /** Whether `window` (or `head`, when no non-ASCII byte was seen) runs to the end of the file. */
  complete: boolean;
  /** Newlines before `window`: its first line's number is this plus one. */
  linesBefore: number;
}

export interface ChooseOptions {
  declared?: TextCharset | undefined;
  /** Names the header row may hold (a resource's items): a match confirms a GB18030 reading. */
  expected?: readonly string[] | undefined;
}

function headerCells(head: Buffer, decode: (bytes: Buffer) => string | undefined): string[] {
  const end = head.indexOf(0x0a);
  const line = decode(end === -1 ? head : head.subarray(0, end)) ?? '';
  return line
    .replace(/^\uFEFF/, '')
    .split(/[,\t]/)
    .map((c) => c.replace(/^\s*"?|"?\s*$/g, ''));
}

/**
 * Decides how to read a file from a sample of it: what was declared, checked against the bytes;
 * otherwise UTF-8 (with or without BOM) when the bytes are UTF-8, GB18030 when they decode
 * cleanly and plausibly as it. Anything else is refused, naming the encoding it looks like.
 */
export function chooseCharset(sample: CharsetSample, options: ChooseOptions = {}): CharsetChoice {
  const { head, complete } = sample;
  const window = sample.window.length > 0 ? sample.window : head;
  const wide = wideEncoding(head);
  const declared = options.declared;
  if (wide) {
    if (declared)
      throw new CharsetRefused(Texts.text('mismatch', { declared: NAMES[declared], actual: wide }));
    throw new CharsetRefused(Texts.text('looksLike', { guess: wide }));
  }
  const bom = startsWith(head, [0xef, 0xbb, 0xbf]);
  const ascii = sample.window.length === 0;
  const utf8 = isUtf8(window, complete);
  if (declared === 'utf-8') {
    if (!utf8)
      throw new CharsetRefused(
        Texts.text('mismatchAt', { declared: 'UTF-8', line: lineOf(sample, 'utf-8') }),
      );
    return { charset: 'utf-8', source: 'declared' };
  }
  if (declared === 'gb18030') {
    if (bom || (!ascii && utf8))
      throw new CharsetRefused(Texts.text('mismatch', { declared: 'GB18030', actual: 'UTF-8' }));
    if (gb18030Text(window, complete) === undefined)
      throw new CharsetRefused(
        Texts.text('mismatchAt', { declared: 'GB18030', line: lineOf(sample, 'gb18030') }),
      );
    return { charset: 'gb18030', source: 'declared' };
  }
  if (bom || utf8) return { charset: 'utf-8', source: 'detected' };
  // UTF-8 text up to a bad byte (a few characters at least): a UTF-8 file broken there.
  if (multibyte(window.subarray(0, validPrefix(window, 'utf-8'))) >= 8)
    throw new CharsetRefused(
      Texts.text('invalidAt', { charset: 'UTF-8', line: lineOf(sample, 'utf-8') }),
      true,
    );
  const cells = headerCells(head, (b) => gb18030Text(b, true));
  const expected = options.expected ?? [];
  const text = gb18030Text(window, complete);
  if (text !== undefined && plausiblyGb18030(window, text, cells, expected))
    return { charset: 'gb18030', source: 'detected' };
  if (text === undefined) {
    // Chinese text up to a bad byte: a GB18030 file broken there, not another encoding.
    const good = validPrefix(window, 'gb18030');
    const prefix = window.subarray(0, good);
    const before = gb18030Text(prefix, false) ?? '';
    if (good >= 256 && plausiblyGb18030(prefix, before, cells, expected))
      throw new CharsetRefused(
        Texts.text('invalidAt', { charset: 'GB18030', line: lineOf(sample, 'gb18030') }),
        true,
      );
  }
  const guess = guessOf(window, ['UTF-8', 'ASCII', ...(text === undefined ? ['GB18030'] : [])]);
  if (guess) throw new CharsetRefused(Texts.text('looksLike', { guess }));
  throw new CharsetRefused(Texts.text('neither', { line: lineOf(sample, 'gb18030') }));
}

/** The length of the longest prefix of `bytes` valid in `charset` (a character cut off at its end allowed). */
function validPrefix(bytes: Buffer, charset: TextCharset): number {
  let low = 0;
  let high = bytes.length;
  const valid = (n: number) =>
    charset === 'utf-8'
      ? isUtf8(bytes.subarray(0, n), false)
      : gb18030Text(bytes.subarray(0, n), false) !== undefined;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (valid(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The line of the first byte in the sample that is not valid in `charset`. */
function lineOf(sample: CharsetSample, charset: TextCharset): number {
  const bytes = sample.window.length > 0 ? sample.window : sample.head;
  const before = sample.window.length > 0 ? sample.linesBefore : 0;
  return before + lineAt(bytes, validPrefix(bytes, charset));
}
