/**
 * Waits for the retry after `attempt` failures in a row: exponential from `baseMs`, capped at
 * `maxMs`, with jitter (half fixed, half random) so that nodes cut off together do not all come
 * back in the same instant.
 */
export function backoffMs(attempt: number, baseMs = 500, maxMs = 30_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Sleeps `ms`, or less when `signal` aborts; never throws. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
