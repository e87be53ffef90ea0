import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/index.js';
import { columnsFor } from '../hosting/columns.js';
import { filterResponse, responsePlan } from './filter.js';
import { upstreamUrl } from './forward.js';
import { serviceContent } from './test-support/index.js';

const columns = columnsFor(serviceContent().items);
const granted = (items: string[]) => columns.filter((c) => items.includes(c.item));

describe('the grant filter of a provider service answer', () => {
  const plan = responsePlan(columns, { xm: '姓名', sfzh: '公民身份号码' }, ['code', 'message', 'tags'], {
    columns: granted(['公民身份号码', '姓名', '户籍状态']),
    masked: new Set(['公民身份号码', '姓名']),
  });

  it('R91 keeps granted items (masked as the grant says) and passthrough fields, drops everything else at every depth', () => {
    const answer = {
      code: 0,
      message: 'ok',
      tags: ['a', 'b'],
      traceId: 'internal-7781',
      data: {
        xm: '张三丰',
        sfzh: '11010519491231002X',
        户籍状态: '正常',
        服务处所: '示范市第一中学',
        犯罪记录: { 案由: '盗窃', 年份: 2001 },
        family: [
          { 姓名: '李四', 犯罪记录: '无', relation: '配偶' },
          { 姓名: '王五', 户籍状态: ['迁出', '注销'] },
        ],
      },
      list: [1, 2, 3],
    };
    const { value, dropped } = filterResponse(answer, plan);
    expect(value).toEqual({
      code: 0,
      message: 'ok',
      tags: ['a', 'b'],
      data: {
        xm: '张**',
        sfzh: '110105********002X',
        户籍状态: '正常',
        family: [{ 姓名: '李*' }, { 姓名: '王*', 户籍状态: ['迁出', '注销'] }],
      },
      list: [],
    });
    const text = JSON.stringify(value);
    for (const leak of [
      '服务处所',
      '示范市第一中学',
      '犯罪记录',
      '盗窃',
      'internal-7781',
      'relation',
      '配偶',
    ])
      expect(text).not.toContain(leak);
    expect(dropped).toBe(8);
  });

  it('R91 an item name does not release the structure under it, and a bare scalar answer becomes null', () => {
    expect(filterResponse({ 户籍状态: { 犯罪记录: 'x', 姓名: '赵六' } }, plan).value).toEqual({
      户籍状态: { 姓名: '赵*' },
    });
    expect(filterResponse(true, plan).value).toBeNull();
    expect(filterResponse([{ xm: '张三' }, 'x'], plan).value).toEqual([{ xm: '张*' }]);
  });

  it('R91 items granted in clear pass unmasked', () => {
    const clear = responsePlan(columns, {}, [], { columns: granted(['姓名']), masked: new Set() });
    expect(filterResponse({ 姓名: '张三丰', 户籍状态: '正常' }, clear).value).toEqual({ 姓名: '张三丰' });
  });
});

describe('the upstream URL of a call', () => {
  const base = 'http://127.0.0.1:8700/api/v2';
  const refused = (rest: string, query = '') => {
    try {
      upstreamUrl(base, rest, query);
    } catch (error) {
      return (error as AppError).code;
    }
    return 'accepted';
  };

  it('R91 appends the path and query below the registered base path', () => {
    expect(upstreamUrl(base, '/persons/110105', 'a=1&b=%E5%BC%A0').href).toBe(
      'http://127.0.0.1:8700/api/v2/persons/110105?a=1&b=%E5%BC%A0',
    );
    expect(upstreamUrl(`${base}/`, '', '').href).toBe('http://127.0.0.1:8700/api/v2/');
    expect(upstreamUrl('http://127.0.0.1:8700/', '/x', '').href).toBe('http://127.0.0.1:8700/x');
  });

  it('R91 never leaves the registered origin or base path', () => {
    for (const rest of [
      '/..',
      '/../admin',
      '/%2e%2e/admin',
      '/%2E./x',
      '/a/%2f/b',
      '/a%2Fb',
      '/a%5cb',
      '/a\\b',
      '/%252e%252e/x',
      '/%00',
      '/.',
      'x',
      '/%',
    ]) {
      expect({ rest, code: refused(rest) }).toEqual({ rest, code: 'EXCHANGE_SERVICE_PATH_INVALID' });
    }
    expect(refused('/x', 'a=1#frag')).toBe('EXCHANGE_SERVICE_PATH_INVALID');
    // Whatever the consumer writes, the host stays the registered one.
    for (const rest of ['//evil.example/x', '/@evil.example', '/http:%2F%2Fevil.example']) {
      const code = refused(rest);
      if (code === 'accepted')
        expect(upstreamUrl('http://127.0.0.1:8700/', rest, '').host).toBe('127.0.0.1:8700');
    }
    expect(upstreamUrl('http://127.0.0.1:8700/', '//evil.example/x', '').host).toBe('127.0.0.1:8700');
    expect(new AppError('EXCHANGE_SERVICE_PATH_INVALID').status).toBe(400);
  });
});
