import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode, localeFrom } from './index.js';

describe('error catalogue', () => {
  it('renders the message in the requested language with its params', () => {
    const err = new AppError('BODY_TOO_LARGE', { limit: 1024 });
    expect(err.status).toBe(413);
    expect(err.localized('zh-CN')).toBe('请求体超过 1024 字节上限');
    expect(err.localized('en')).toBe('Request body exceeds the 1024-byte limit');
  });

  it('takes a param worded in both languages in the language of the message', () => {
    const err = new AppError('VALIDATION_FAILED', {
      field: '/body/validUntil',
      reason: { zh: '截止日早于起始日', en: 'ends before it starts' },
    });
    expect(err.localized('zh-CN')).toContain('截止日早于起始日');
    expect(err.localized('zh-CN')).not.toContain('ends before');
    expect(err.localized('en')).toContain('ends before it starts');
    expect(err.localized('en')).not.toContain('截止日');
    expect(err.message).toContain('ends before it starts');
  });

  it('refuses an undeclared code', () => {
    // The type check refuses it already; the run-time guard is for codes built at run time.
    expect(() => new AppError('NO_SUCH_CODE' as ErrorCode)).toThrow(/unknown error code/);
  });

  it.each([
    [undefined, 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR, en;q=0.5', 'en'],
    ['en;q=0.3, zh;q=0.7', 'zh-CN'],
    ['de', 'zh-CN'],
  ])('Accept-Language %s → %s', (header, locale) => {
    expect(localeFrom(header)).toBe(locale);
  });
});
