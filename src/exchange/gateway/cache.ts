/**
 * What keeps the key query close to a bare lookup under load: the resource and the grant answer
 * of a reader are kept for at most `ttlMs` (default 1 s, monotonic time), so that a suspension,
 * revocation or resource change on this node reaches reads at most that late; refusals are never
 * kept (a new grant works at once). And access entries written in one turn of the event loop go
 * to the audit trail together, so that they share one durable commit.
 */
export class ShortCache<K, V> {
  readonly #entries = new Map<K, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * The kept value, or `load()`'s; a value `keep` refuses (and a failed load) is not kept.
   *
   * @example const grant = await cache.get(key, () => grants.check(question), (a) => a.allowed);
   */
  async get(key: K, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    if (this.ttlMs <= 0) return load();
    const at = this.now();
    const kept = this.#entries.get(key);
    if (kept && at - kept.at < this.ttlMs) return kept.value;
    if (this.#entries.size >= this.max) this.#sweep(at);
    const value = load();
    this.#entries.set(key, { at, value });
    const drop = () => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    };
    value.then((v) => (keep(v) ? undefined : drop()), drop);
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }

  #sweep(at: number): void {
    for (const [key, entry] of this.#entries) if (at - entry.at >= this.ttlMs) this.#entries.delete(key);
    // Still full of fresh entries (a flood of distinct readers): start over rather than grow.
    if (this.#entries.size >= this.max) this.#entries.clear();
  }
}
