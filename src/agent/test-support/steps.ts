import type { Agent } from '../runner.js';

/**
 * Resolves once the agent has failed `n` more times, whichever way a failure shows: a step of a
 * mapping's loop that threw (the department database is gone), or a platform call the client will
 * retry (the platform is unreachable: the client retries inside the same step, which never ends
 * while the outage lasts). A test that asserts nothing arrived during an outage waits for the
 * agent to have tried, not for a fixed time that a busy machine may not give it.
 *
 * @example await failures(agent, 2); expect(await count()).toBe(before);
 */
export function failures(agent: Agent, n: number): Promise<void> {
  const restore: (() => void)[] = [];
  let seen = 0;
  return new Promise((resolve) => {
    const tally = () => {
      if (++seen < n) return;
      for (const undo of restore.splice(0)) undo();
      resolve();
    };
    // The client's own retry hook is read afresh on every retry, so a call already retrying is seen too.
    const client = agent.client as unknown as { options: { onRetry?: (...args: unknown[]) => void } };
    const onRetry = client.options.onRetry;
    client.options.onRetry = (...args) => {
      onRetry?.(...args);
      tally();
    };
    restore.push(() => {
      client.options.onRetry = onRetry;
    });
    for (const sync of agent.syncs) {
      const step = sync.step;
      sync.step = async (stop: AbortSignal) => {
        try {
          return await step.call(sync, stop);
        } catch (error) {
          tally();
          throw error;
        }
      };
      restore.push(() => {
        sync.step = step;
      });
    }
  });
}

/**
 * Resolves once a mapping has finished `n` more whole comparisons (hash mode: a run of compare
 * steps, then an idle one), counted as the agent does them.
 */
export function comparisons(agent: Agent, n: number, mapping = 0): Promise<void> {
  const sync = agent.syncs[mapping];
  if (!sync) throw new Error(`no mapping ${mapping}`);
  const step = sync.step;
  let comparing = false;
  let seen = 0;
  return new Promise((resolve) => {
    sync.step = async (stop: AbortSignal) => {
      const more = await step.call(sync, stop);
      if (sync.status.phase === 'compare') comparing = true;
      else if (!more && comparing) {
        comparing = false;
        if (++seen >= n) {
          sync.step = step;
          resolve();
        }
      }
      return more;
    };
  });
}
