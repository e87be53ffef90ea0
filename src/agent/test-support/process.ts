import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliCommand } from '../../../test/support/cli.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * `govshare agent`: the built CLI where it is up to date (as shipped), else the agent's commands
 * alone from the sources through tsx (they start without loading the platform's other commands).
 */
function agentCommand(): string[] {
  const cli = cliCommand();
  return cli[0] === '--import'
    ? ['--import', 'tsx', 'src/agent/test-support/agent-cli.ts', 'agent']
    : [...cli, 'agent'];
}

export interface AgentProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `govshare agent <command>` as a child process (through tsx, from the sources), so that SIGKILL
 * and SIGTERM are real; its output is appended to `logFile`.
 */
export function spawnAgent(args: string[], env: NodeJS.ProcessEnv, logFile: string): AgentProcess {
  const child = spawn(process.execPath, [...agentCommand(), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited };
}

/** Runs `govshare agent <args>` to its end and answers its exit code and output. */
export function runAgentCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...agentCommand(), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}
