import { Command } from 'commander';
import { registerAgentCommands } from '../../cli/agent.js';

/**
 * `govshare agent …` alone, for the tests' child processes: the same commands as the CLI without
 * loading the platform, so a node starts fast and does not depend on the rest of the tree.
 */
const program = new Command().name('govshare').exitOverride();
registerAgentCommands(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if ((error as { code?: string }).code?.startsWith('commander.')) process.exitCode = 2;
  else {
    console.error(error);
    process.exitCode = 1;
  }
}
