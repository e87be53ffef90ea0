/**
 * Crash points for the agent's own crash tests: with GOVSHARE_AGENT_CRASH_AFTER_ACK=p the process
 * kills itself (SIGKILL) with probability p right after the platform acknowledged a batch and
 * before the state records it: the one window where a batch is sent twice. Never set in service.
 */
const afterAck = Number(process.env.GOVSHARE_AGENT_CRASH_AFTER_ACK ?? 0);

export function crashPointAfterAck(): void {
  if (afterAck > 0 && Math.random() < afterAck) process.kill(process.pid, 'SIGKILL');
}
