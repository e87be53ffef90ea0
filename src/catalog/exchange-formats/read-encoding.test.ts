import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/index.js';
import { readCsv } from './read.js';

const CSV = `序号,信息资源名称,信息项名称,数据类型\r\n${Array.from(
  { length: 60 },
  (_, i) => `${i + 1},人口基础信息${i},公民身份号码,字符型C`,
).join('\r\n')}\r\n`;

// Issue 22: a catalog filed as CSV from Excel on a Chinese Windows is GB18030.
describe('catalog import reads CSV in UTF-8 and GB18030', () => {
  it('UTF-8, UTF-8 with BOM and GB18030 give the same sheet', async () => {
    const utf8 = await readCsv(Buffer.from(CSV));
    expect(utf8[0]?.rows).toHaveLength(60);
    expect(utf8[0]?.rows[0]?.cells).toContain('人口基础信息0');
    expect(await readCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)]))).toEqual(utf8);
    expect(await readCsv(iconv.encode(CSV, 'gb18030'))).toEqual(utf8);
  });

  it('another encoding is refused naming it, in the message language', async () => {
    const japanese = `氏名,ふりがな,住所\r\n${'山田太郎,やまだ たろう,東京都千代田区丸の内\r\n'.repeat(30)}`;
    const refused = await readCsv(iconv.encode(japanese, 'shift_jis')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('CATALOG_IMPORT_UNREADABLE');
    expect((refused as AppError).localized('zh-CN')).toContain(
      '文件看起来是 Shift_JIS 编码，平台只接受 UTF-8 与 GB18030',
    );
    expect((refused as AppError).localized('en')).toContain('the file looks like Shift_JIS');
    expect((refused as AppError).localized('en')).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
