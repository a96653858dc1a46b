import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from './detect-encoding.js';

const SIMPLIFIED = [
  '编号,客户名称,电话,地址',
  'C1,北京字节跳动科技有限公司,010-6212 3456,北京市海淀区知春路1号',
  'C2,上海华源科技有限公司,021-5555 0000,上海市浦东新区世纪大道100号',
  '',
].join('\r\n');
const TRADITIONAL = [
  '編號,客戶名稱,電話,地址',
  'T1,臺灣資訊科技股份有限公司,02-2345-6789,臺北市信義區',
  'T2,鴻海精密工業股份有限公司,02-2268-3466,新北市土城區',
  '',
].join('\r\n');
// Only Chinese and line breaks: no commas or digits to help tell UTF-16 by its zero bytes.
const NAMES_ONLY = '名称\n南京金陵食品有限公司\n无锡太湖机械有限公司\n';

const bytes = (text: string, encoding: string, bom = false) =>
  new Uint8Array(iconv.encode(text, encoding, { addBOM: bom }));

describe('detectEncoding', () => {
  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(detectEncoding(bytes(SIMPLIFIED, 'utf-8', true))).toEqual({ encoding: 'utf-8', by: 'bom' });
    expect(detectEncoding(bytes(SIMPLIFIED, 'utf-8'))).toEqual({ encoding: 'utf-8', by: 'utf-8' });
    expect(detectEncoding(bytes('id,name\n1,Acme\n', 'utf-8'))).toEqual({ encoding: 'utf-8', by: 'utf-8' });
  });

  it('reads UTF-16 in either byte order, with a byte-order mark or by its zero bytes', () => {
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      expect(detectEncoding(bytes(SIMPLIFIED, encoding, true))).toEqual({ encoding, by: 'bom' });
      expect(detectEncoding(bytes(SIMPLIFIED, encoding))).toEqual({ encoding, by: 'zero-bytes' });
      expect(detectEncoding(bytes(NAMES_ONLY, encoding))).toEqual({ encoding, by: 'zero-bytes' });
      expect(detectEncoding(bytes(TRADITIONAL, encoding))).toEqual({ encoding, by: 'zero-bytes' });
    }
  });

  it('tells GB18030 from Big5, though each decodes the other without an error', () => {
    for (const text of [SIMPLIFIED, NAMES_ONLY, '客户名称\n臺灣資訊科技股份有限公司\n']) {
      expect(detectEncoding(bytes(text, 'gb18030'))).toEqual({ encoding: 'gb18030', by: 'frequency' });
    }
    expect(detectEncoding(bytes(TRADITIONAL, 'big5'))).toEqual({ encoding: 'big5', by: 'frequency' });
    expect(detectEncoding(bytes('客戶名稱\n臺灣資訊科技股份有限公司\n', 'big5'))).toEqual({
      encoding: 'big5',
      by: 'frequency',
    });
    // The confusion this guards against: Big5 bytes are valid GB18030, and read as such they are garbage.
    const big5 = bytes(TRADITIONAL, 'big5');
    expect(new TextDecoder('gb18030', { fatal: true }).decode(big5)).not.toContain('臺灣');
  });

  it('keeps UTF-8 with a stray NUL or a few damaged bytes as UTF-8, so they are reported on their lines', () => {
    const text = `名称,电话\n南京\u0000金陵食品有限公司,025-8888 1234\n${'无锡太湖机械有限公司,0510-1\n'.repeat(3)}`;
    expect(detectEncoding(bytes(text, 'utf-8'))).toEqual({ encoding: 'utf-8', by: 'utf-8' });
    const damaged = Buffer.concat([
      Buffer.from(SIMPLIFIED),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(SIMPLIFIED),
    ]);
    expect(detectEncoding(new Uint8Array(damaged))).toEqual({ encoding: 'utf-8', by: 'utf-8' });
  });

  it('names UTF-32, which cannot be decoded, instead of misreading it as UTF-16', () => {
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]))).toEqual({
      unsupported: 'UTF-32LE',
    });
    expect(detectEncoding(new Uint8Array([0, 0, 0xfe, 0xff, 0, 0, 0, 0x41]))).toEqual({
      unsupported: 'UTF-32BE',
    });
  });
});
