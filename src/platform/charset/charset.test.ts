import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CharsetRefused, charsetOfContentType, declaredCharset, decodeBuffer, decodeText } from './index.js';

const rows = ['公民身份号码,姓名,户籍地址'];
for (let i = 0; i < 2000; i += 1)
  rows.push(`1101011990030${String(i).padStart(5, '0')},张三${i},北京市东城区东华门街道${i}号`);
const TEXT = `${rows.join('\r\n')}\r\n`;

/** A byte stream in 10 KiB pieces, as a file or a request arrives. */
async function* pieces(data: Buffer) {
  for (let i = 0; i < data.length; i += 10_240) yield data.subarray(i, i + 10_240);
}

async function readAll(data: Buffer, options = {}) {
  const { choice, text } = await decodeText(pieces(data), options);
  let out = '';
  for await (const piece of text) out += piece;
  return { choice, out };
}

async function refusal(data: Buffer, options = {}): Promise<CharsetRefused> {
  try {
    await readAll(data, options);
  } catch (error) {
    if (error instanceof CharsetRefused) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('reading UTF-8 and GB18030 text (issue 22)', () => {
  it('UTF-8, UTF-8 with BOM and GB18030 read to the same text, saying how', async () => {
    expect(await readAll(Buffer.from(TEXT))).toEqual({
      choice: { charset: 'utf-8', source: 'detected' },
      out: TEXT,
    });
    const bom = await readAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
    expect(bom.out.replace(/^\uFEFF/, '')).toBe(TEXT);
    const gb = iconv.encode(TEXT, 'gb18030');
    expect(await readAll(gb)).toEqual({ choice: { charset: 'gb18030', source: 'detected' }, out: TEXT });
    expect(await readAll(gb, { declared: 'gb18030' })).toEqual({
      choice: { charset: 'gb18030', source: 'declared' },
      out: TEXT,
    });
    expect(decodeBuffer(gb)).toEqual({ choice: { charset: 'gb18030', source: 'detected' }, text: TEXT });
  });

  it('characters outside GBK (four-byte GB18030) and a long ASCII start come through', async () => {
    const text = `${'a,b\n'.repeat(40_000)}𠀀,䶮,€,张三\n`;
    const gb = iconv.encode(text, 'gb18030');
    const read = await readAll(gb, { declared: 'gb18030' });
    expect(read.out).toBe(text);
  });

  it('a short header is recognized when it names the expected items', async () => {
    const gb = iconv.encode('公民身份号码,姓名\n', 'gb18030');
    expect((await readAll(gb, { expected: ['公民身份号码', '姓名'] })).choice.charset).toBe('gb18030');
  });

  it('declared names: GBK, GB2312 and GB18030 read as GB18030; others are refused', () => {
    expect(declaredCharset('GBK')).toBe('gb18030');
    expect(declaredCharset('gb2312')).toBe('gb18030');
    expect(declaredCharset('UTF8')).toBe('utf-8');
    expect(declaredCharset(undefined)).toBeUndefined();
    expect(charsetOfContentType('text/csv; charset="GBK"')).toBe('GBK');
    expect(charsetOfContentType('text/csv')).toBeUndefined();
    expect(() => declaredCharset('shift_jis')).toThrow(/shift_jis 不受支持/);
  });

  it('other encodings are refused naming them; a broken byte naming its line', async () => {
    const japanese = `氏名,ふりがな,住所\n${'山田太郎,やまだ たろう,東京都千代田区丸の内\n'.repeat(30)}`;
    expect((await refusal(iconv.encode(japanese, 'shift_jis'))).reason.zh).toContain(
      '文件看起来是 Shift_JIS 编码',
    );
    expect((await refusal(iconv.encode(japanese, 'euc-jp'))).reason.zh).toMatch(/文件看起来是 EUC-JP 编码/);
    const korean = `이름,주소\n${'홍길동,서울특별시 종로구\n'.repeat(30)}`;
    expect((await refusal(iconv.encode(korean, 'euc-kr'))).reason.zh).toContain('文件看起来是 EUC-KR 编码');
    expect((await refusal(iconv.encode(TEXT, 'utf-16be'))).reason.zh).toContain('UTF-16BE');
    const gb = iconv.encode(TEXT, 'gb18030');
    const at = gb.indexOf(Buffer.from('00017', 'latin1'));
    const broken = Buffer.concat([gb.subarray(0, at), Buffer.from([0xfe]), gb.subarray(at + 1)]);
    // Line 19 is row 17 (the header is line 1); 0xFE followed by '0' is no GB18030 character.
    const refused = await refusal(broken);
    expect(refused.broken).toBe(true);
    expect(refused.reason).toEqual({
      zh: '第 19 行含有不是有效 GB18030 编码的字节',
      en: 'line 19 holds bytes that are not valid GB18030',
    });
    // A UTF-8 file broken past the sample: found as it streams, on its line.
    const utf8 = Buffer.concat([Buffer.from(TEXT), Buffer.from([0xd5, 0xc5]), Buffer.from(',x\n')]);
    expect((await refusal(utf8)).reason.zh).toBe('第 2002 行含有不是有效 UTF-8 编码的字节');
  });

  it('a declared charset that does not match the bytes is refused', async () => {
    expect((await refusal(Buffer.from(TEXT), { declared: 'gb18030' })).reason.zh).toBe(
      '声明的字符编码 GB18030 与文件内容不符：文件是 UTF-8 编码',
    );
    expect((await refusal(iconv.encode(TEXT, 'gb18030'), { declared: 'utf-8' })).reason.zh).toBe(
      '声明的字符编码 UTF-8 与文件内容不符：第 1 行不是有效的 UTF-8',
    );
  });
});
