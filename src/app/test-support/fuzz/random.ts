/**
 * mulberry32: a small seeded generator, so a fuzz run is the same request for request for the
 * same seed (and the same OpenAPI document) and a failure can be replayed.
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The seed of a run: GOVSHARE_FUZZ_SEED (decimal or 0x…) to replay one, else a fixed one. */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.GOVSHARE_FUZZ_SEED;
  if (!given) return 0x15f0a2e;
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new Error(`GOVSHARE_FUZZ_SEED must be an integer in [0, 2^32): ${given}`);
  return seed;
}
