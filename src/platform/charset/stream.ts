import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';
import { defineTexts } from '../messages/index.js';
import {
  type CharsetChoice,
  CharsetRefused,
  type ChooseOptions,
  charsetName,
  chooseCharset,
} from './charset.js';

/** How much of a file's text the detection looks at, from its first non-ASCII byte. */
const WINDOW_BYTES = 64 * 1024;
/** An all-ASCII start is passed over up to this far to find the text that tells encodings apart. */
const ASCII_LOOKAHEAD_BYTES = 8 * 1024 * 1024;

const Texts = defineTexts({
  invalidAt: {
    zh: '第 {line} 行含有不是有效 {charset} 编码的字节',
    en: 'line {line} holds bytes that are not valid {charset}',
  },
  mismatchAt: {
    zh: '声明的字符编码 {charset} 与文件内容不符：第 {line} 行不是有效的 {charset}',
    en: 'the declared charset {charset} does not match the file: line {line} is not valid {charset}',
  },
});

/** A text file's characters as they stream, and the encoding they were read in. */
export interface DecodedText {
  choice: CharsetChoice;
  /** The text, in pieces as the bytes arrive; a bad byte further on throws `CharsetRefused` naming its line. */
  text: AsyncGenerator<string>;
}

const newlines = (bytes: Uint8Array) => {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n += 1;
  return n;
};

const newlinesIn = (text: string) => {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
};

/**
 * Reads a text file in UTF-8 or GB18030 (issue 22): a sample of its start decides the encoding
 * (`chooseCharset`: the declared one, checked, or the recognized one), then the whole stream is
 * decoded as it arrives — never held in memory. At most the sample (about 64 KiB past an
 * all-ASCII start of up to 8 MiB) is kept back while deciding.
 *
 * @example const { choice, text } = await decodeText(createReadStream(path), { declared: 'gb18030' });
 */
export async function decodeText(
  input: AsyncIterable<Uint8Array | string>,
  options: ChooseOptions = {},
): Promise<DecodedText> {
  const source = input[Symbol.asyncIterator]();
  const peeked: Buffer[] = [];
  let windowAt = -1;
  let windowBytes = 0;
  let asciiBytes = 0;
  let linesBefore = 0;
  let ended = false;
  for (;;) {
    const next = await source.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    peeked.push(chunk);
    if (windowAt === -1 && !isAscii(chunk)) windowAt = peeked.length - 1;
    if (windowAt === -1) {
      asciiBytes += chunk.length;
      linesBefore += newlines(chunk);
      if (asciiBytes >= ASCII_LOOKAHEAD_BYTES) break;
    } else {
      windowBytes += chunk.length;
      if (windowBytes >= WINDOW_BYTES) break;
    }
  }
  const all = Buffer.concat(peeked);
  const head = all.subarray(0, WINDOW_BYTES);
  const rest = windowAt === -1 ? Buffer.alloc(0) : Buffer.concat(peeked.slice(windowAt));
  const window = rest.subarray(0, WINDOW_BYTES);
  const choice = chooseCharset(
    { head, window, complete: ended && window.length === rest.length, linesBefore },
    options,
  );
  return { choice, text: decoded(peeked, ended ? undefined : source, choice) };
}

async function* decoded(
  peeked: Buffer[],
  source: AsyncIterator<Uint8Array | string> | undefined,
  choice: CharsetChoice,
): AsyncGenerator<string> {
  const name = charsetName(choice.charset);
  let line = 1;
  const refuse = (at: number) =>
    choice.source === 'declared'
      ? new CharsetRefused(Texts.text('mismatchAt', { charset: name, line: at }))
      : new CharsetRefused(Texts.text('invalidAt', { charset: name, line: at }), true);
  const utf8 = choice.charset === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : undefined;
  const gb = choice.charset === 'gb18030' ? iconv.getDecoder('gb18030') : undefined;
  const decode = (chunk: Buffer): string => {
    if (utf8) {
      try {
        return utf8.decode(chunk, { stream: true });
      } catch {
        // Where in the chunk: the replacement character a lenient reading puts there.
        const lenient = new TextDecoder('utf-8').decode(chunk);
        const bad = lenient.indexOf('\uFFFD');
        throw refuse(line + (bad === -1 ? 0 : newlinesIn(lenient.slice(0, bad))));
      }
    }
    const text = (gb as iconv.DecoderStream).write(chunk);
    // GB18030 maps every valid sequence: U+FFFD is a byte sequence that is not GB18030.
    const bad = text.indexOf('\uFFFD');
    if (bad !== -1) throw refuse(line + newlinesIn(text.slice(0, bad)));
    return text;
  };
  const take = (chunk: Buffer) => {
    const text = decode(chunk);
    line += newlines(chunk);
    return text;
  };
  for (const chunk of peeked) {
    const text = take(chunk);
    if (text !== '') yield text;
  }
  peeked.length = 0;
  if (source)
    for (let next = await source.next(); !next.done; next = await source.next()) {
      const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
      const text = take(chunk);
      if (text !== '') yield text;
    }
  let last: string;
  if (utf8) {
    try {
      last = utf8.decode();
    } catch {
      throw refuse(line);
    }
  } else {
    last = (gb as iconv.DecoderStream).end() ?? '';
    if (last.includes('\uFFFD')) throw refuse(line);
  }
  if (last !== '') yield last;
}

/**
 * A whole small file (a catalog import) as text, read as `decodeText` would read it.
 *
 * @example const { choice, text } = decodeBuffer(data);
 */
export function decodeBuffer(
  data: Buffer,
  options: ChooseOptions = {},
): { choice: CharsetChoice; text: string } {
  let first = 0;
  while (first < data.length && (data[first] as number) < 0x80) first += 1;
  const ascii = first === data.length;
  // From the line holding the first non-ASCII byte, as the streaming reader's window would.
  const lineStart = ascii ? 0 : data.lastIndexOf(0x0a, first) + 1;
  const window = ascii ? Buffer.alloc(0) : data.subarray(lineStart, lineStart + WINDOW_BYTES);
  const choice = chooseCharset(
    {
      head: data.subarray(0, WINDOW_BYTES),
      window,
      complete: ascii || lineStart + WINDOW_BYTES >= data.length,
      linesBefore: newlines(data.subarray(0, lineStart)),
    },
    options,
  );
  const name = charsetName(choice.charset);
  const refuse = (text: string, bad: number) =>
    new CharsetRefused(
      Texts.text(choice.source === 'declared' ? 'mismatchAt' : 'invalidAt', {
        charset: name,
        line: 1 + newlinesIn(text.slice(0, bad)),
      }),
      choice.source !== 'declared',
    );
  if (choice.charset === 'utf-8') {
    try {
      return { choice, text: new TextDecoder('utf-8', { fatal: true }).decode(data) };
    } catch {
      const lenient = new TextDecoder('utf-8').decode(data);
      throw refuse(lenient, lenient.indexOf('\uFFFD'));
    }
  }
  const text = iconv.decode(data, 'gb18030');
  const bad = text.indexOf('\uFFFD');
  if (bad !== -1) throw refuse(text, bad);
  return { choice, text };
}
