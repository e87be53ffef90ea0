import { describe, expect, it } from 'vitest';
import { ShortCache } from './cache.js';

describe('ShortCache', () => {
  it('keeps a value for its time to live, never a refused or failed one', async () => {
    let now = 0;
    const cache = new ShortCache<string, number>(1000, 10, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    now = 999;
    expect(await cache.get('a', load)).toBe(1);
    now = 1000;
    expect(await cache.get('a', load)).toBe(2);
    const odd = (v: number) => v % 2 === 1;
    expect(await cache.get('b', load, odd)).toBe(3);
    expect(await cache.get('b', load, odd)).toBe(3);
    expect(await cache.get('c', load, odd)).toBe(4);
    expect(await cache.get('c', load, odd)).toBe(5);
    await expect(cache.get('d', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('d', load)).toBe(6);
    expect(await new ShortCache<string, number>(0).get('a', load)).toBe(7);
  });

  it('stays bounded under a flood of keys', async () => {
    const cache = new ShortCache<number, number>(1000, 100, () => 0);
    for (let i = 0; i < 1000; i++) await cache.get(i, async () => i);
    expect(cache.size).toBeLessThanOrEqual(100);
  });
});
