/**
 * Hostile values, as an attacker would send them: in a URL (already percent-encoded, so that
 * bytes no valid URL holds — a NUL, a lone surrogate's CESU-8 bytes, a truncated UTF-8 sequence —
 * reach the server), in a JSON body (raw tokens, so that 1e309 and 20-digit integers are sent as
 * written) and in headers (Latin-1 only: Node refuses to send anything else).
 */

const LONG = 'x'.repeat(100_000);
const LONG_HAN = '示'.repeat(20_000);

/** Percent-encoded values for a path segment or a query value. */
export const URL_VALUES: readonly string[] = [
  '%00',
  'a%00b',
  '%ED%A0%80', // a lone surrogate (U+D800) as CESU-8: not UTF-8
  '%ED%A0%80%ED%B0%80',
  '%FF%FE',
  '%E4%B8', // a truncated UTF-8 sequence
  '%',
  '%zz',
  '1e309',
  '-1e309',
  'Infinity',
  '-Infinity',
  'NaN',
  '99999999999999999999999',
  '-99999999999999999999999',
  '9007199254740993',
  '-1',
  '0',
  '-0',
  '1.5',
  '0x10',
  '1e3',
  '',
  '%20',
  'true',
  'null',
  '%5B%5D',
  '%7B%7D',
  '..%2F..%2Fetc%2Fpasswd',
  '..',
  '%27%20OR%201%3D1--',
  '%22%3B%20DROP%20TABLE%20audit_entry%3B--',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  encodeURIComponent('示范\u202e\u200b'),
  encodeURIComponent('😀'.repeat(100)),
  LONG,
  encodeURIComponent(LONG_HAN),
];

/** A marker replaced by a raw JSON token once the body is serialised. */
export const RAW = '@@fuzz-raw@@';

/** Values for one field of a JSON body: plain values, or raw JSON text via {@link raw}. */
export const BODY_VALUES: readonly unknown[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'a\udfffb',
  '\ud83d',
  '',
  ' ',
  LONG,
  LONG_HAN,
  '1e309',
  'Infinity',
  'NaN',
  '-1',
  "' OR 1=1 --",
  '"; DROP TABLE audit_entry; --',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  ['$', '{7*7}{{7*7}}'].join(''), // template injection
  '示范\u202e\u200b',
  '__proto__',
  -1,
  0,
  -0,
  1.5,
  -1.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  true,
  false,
  null,
  [],
  [null],
  {},
  { __proto__: null, constructor: { prototype: { admin: true } } },
  raw('1e309'),
  raw('-1e309'),
  raw('99999999999999999999999'),
  raw('-99999999999999999999999'),
  raw('1e-400'),
  raw('{"__proto__":{"admin":true}}'),
  raw('"\\u0000"'),
  raw('"\\ud800"'),
  raw(`${'['.repeat(2000)}${']'.repeat(2000)}`),
  raw(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`),
  Array.from({ length: 5000 }, (_, i) => i),
  Array.from({ length: 2000 }, () => LONG.slice(0, 50)),
];

export function raw(token: string): { [RAW]: string } {
  return { [RAW]: token };
}

/** Whole bodies: malformed, oversized, of the wrong type or in the wrong encoding. */
export const WHOLE_BODIES: readonly { label: string; contentType?: string; payload: string | Buffer }[] = [
  { label: 'empty JSON body', contentType: 'application/json', payload: '' },
  { label: 'invalid JSON', contentType: 'application/json', payload: '{"a": 1,' },
  { label: 'JSON null', contentType: 'application/json', payload: 'null' },
  { label: 'JSON string', contentType: 'application/json', payload: '"x"' },
  { label: 'JSON number 1e309', contentType: 'application/json', payload: '1e309' },
  { label: 'JSON array', contentType: 'application/json', payload: '[{}]' },
  {
    label: 'deeply nested arrays',
    contentType: 'application/json',
    payload: `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  },
  {
    label: 'deeply nested objects',
    contentType: 'application/json',
    payload: `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
  },
  {
    label: 'prototype pollution',
    contentType: 'application/json',
    payload: '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}',
  },
  {
    label: 'invalid UTF-8',
    contentType: 'application/json',
    payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  },
  {
    label: 'UTF-16 charset',
    contentType: 'application/json; charset=utf-16',
    payload: Buffer.from('{"a":"b"}', 'utf16le'),
  },
  { label: 'BOM before JSON', contentType: 'application/json', payload: '\ufeff{}' },
  {
    label: 'oversized JSON (3 MB)',
    contentType: 'application/json',
    payload: `{"a":"${'x'.repeat(3 * 1024 * 1024)}"}`,
  },
  { label: 'form body', contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=%00' },
  {
    label: 'multipart garbage',
    contentType: 'multipart/form-data; boundary=zz',
    payload: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\n\u0000\r\n--zz--',
  },
  { label: 'plain text', contentType: 'text/plain', payload: 'hello' },
  {
    label: 'XML',
    contentType: 'application/xml',
    payload: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
  },
  { label: 'JSON without a content type', payload: '{}' },
  {
    label: 'CSV with NUL',
    contentType: 'text/csv',
    payload: '公民身份号码,姓名\n11010519491231002X,a\u0000b\n',
  },
  {
    label: 'NDJSON with a lone surrogate',
    contentType: 'application/x-ndjson',
    payload: '{"a":"\\ud800"}\n{',
  },
  {
    label: 'not an xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    payload: Buffer.from('PK\u0003\u0004garbage'),
  },
];

/** Hostile headers any request may carry (Latin-1: what a raw socket could send through Node). */
export const HEADER_CASES: readonly { label: string; headers: Record<string, string> }[] = [
  { label: 'long accept-language', headers: { 'accept-language': `zz;q=NaN,${'en-'.repeat(3000)}` } },
  { label: 'odd accept-language', headers: { 'accept-language': '*;q=1e309, zh;q=-1' } },
  { label: 'hostile request id', headers: { 'x-request-id': `../${'\u00ff'.repeat(500)}` } },
  { label: 'garbage bearer token', headers: { authorization: `Bearer ${'A'.repeat(5000)}.%00.\u00ff` } },
  { label: 'basic auth', headers: { authorization: 'Basic Og==' } },
  {
    label: 'garbage session cookie',
    headers: { cookie: `govshare_session=${'%00'.repeat(100)}; govshare_session=x` },
  },
  { label: 'Latin-1 purpose header', headers: { 'x-govshare-purpose': '\u00e4\u00ff\u0080' } },
  { label: 'forwarded-for spoof', headers: { 'x-forwarded-for': '127.0.0.1, ::1, 999.999.1.1' } },
];
