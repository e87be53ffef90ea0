import { EventEmitter } from 'node:events';

/**
 * The in-process news that a resource's change log grew: hosting emits the catalog entry id after
 * each committed batch or load, long polls and the push worker wake on it instead of waiting for
 * their next poll. It is only a hint — a listener always re-reads the database, and another node's
 * commits never reach it, so every waiter also polls on a timer.
 */
export class ChangeSignal {
  readonly #emitter = new EventEmitter();

  constructor() {
    // One listener per waiting long poll: their number is bounded by connections, not a leak.
    this.#emitter.setMaxListeners(0);
  }

  /**
   * Tells waiters that `entryId` has new changes. Call it after the transaction COMMITTED, never
   * inside it: a waiter woken early reads nothing new and sleeps again.
   *
   * @example await db.transaction().execute(applyTheBatch); changeSignal.emit(entryId);
   */
  emit(entryId: string): void {
    this.#emitter.emit('change', entryId);
  }

  /** Calls `listener` with each entry id emitted; answers the function that stops it. */
  subscribe(listener: (entryId: string) => void): () => void {
    this.#emitter.on('change', listener);
    return () => this.#emitter.off('change', listener);
  }

  /**
   * Resolves `true` when `entryId` changes, `false` after `ms` or when `abort` fires, whichever
   * comes first.
   */
  wait(entryId: string, ms: number, abort?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (abort?.aborted || ms <= 0) {
        resolve(false);
        return;
      }
      const done = (changed: boolean) => {
        clearTimeout(timer);
        stop();
        abort?.removeEventListener('abort', onAbort);
        resolve(changed);
      };
      const onAbort = () => done(false);
      const stop = this.subscribe((id) => {
        if (id === entryId) done(true);
      });
      const timer = setTimeout(() => done(false), ms);
      abort?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** The one signal of this process (entry ids are unique, so platforms in one test process share it harmlessly). */
export const changeSignal = new ChangeSignal();
