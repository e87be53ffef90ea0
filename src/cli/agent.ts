import { existsSync, writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { AGENT_VERSION as VERSION } from '../agent/index.js';

const configOption = () =>
  new Option('-c, --config <file>', '配置文件 / configuration file')
    .env('GOVSHARE_AGENT_CONFIG')
    .makeOptionMandatory();

/** Reads the configuration, or prints every problem with its line and sets exit code 2. */
async function configOrExit(file: string) {
  const { loadConfig, ConfigError } = await import('../agent/index.js');
  try {
    return loadConfig(file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(
      `配置文件有 ${error.problems.length} 处错误 / the configuration has ${error.problems.length} problem(s):`,
    );
    for (const problem of error.problems) console.error(`  ${problem}`);
    process.exitCode = 2;
    return undefined;
  }
}

/**
 * `govshare agent run|check|init`: the front-end exchange node (数据交换前置系统) a department runs
 * next to its own databases (issue 7, docs/agent.md).
 */
export function registerAgentCommands(program: Command): void {
  const agent = program
    .command('agent')
    .description('前置机：同步本部门数据库与平台（见 docs/agent.md）/ front-end exchange node');

  agent
    .command('run')
    .description(
      '运行前置机，SIGTERM 时处理完当前批次后退出 / run the node; SIGTERM finishes the batch in hand',
    )
    .addOption(configOption())
    .action(async (options: { config: string }) => {
      // Listen first: a SIGTERM during start-up also stops cleanly.
      const signal = new Promise<string>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      const config = await configOrExit(options.config);
      if (!config) return;
      const { Agent, Output } = await import('../agent/index.js');
      const output = new Output(config.node.logLevel, { node: config.node.name });
      const node = new Agent(config, { log: output.log, version: VERSION });
      try {
        node.start();
      } catch (error) {
        output.log.fatal(`无法启动 / cannot start: ${(error as Error).message}`);
        process.exit(1);
      }
      output.log.info(
        { outbound: config.outbound.length, inbound: config.inbound.length, platform: config.platform.url },
        `前置机已启动 / node started (govshare ${VERSION})`,
      );
      output.start(() => node.statuses);
      const received = await signal;
      output.log.info(
        { signal: received },
        '正在停止：完成当前批次 / stopping: finishing the batches in hand',
      );
      const clean = await node.stop((config.platform.timeoutSeconds + 5) * 1000);
      output.log.info({ clean }, clean ? '已停止 / stopped' : '超时停止 / stopped after the grace period');
      output.stop();
      process.exit(clean ? 0 : 1);
    });

  agent
    .command('check')
    .description(
      '检查平台、数据库连接与各映射，不写入任何数据 / test connections and mappings, writing nothing',
    )
    .addOption(configOption())
    .option('--json', '输出 JSON / print JSON')
    .action(async (options: { config: string; json?: boolean }) => {
      const config = await configOrExit(options.config);
      if (!config) return;
      const { checkAgent } = await import('../agent/index.js');
      const lines = await checkAgent(config, VERSION);
      const failed = lines.filter((l) => !l.ok).length;
      if (options.json) console.log(JSON.stringify({ ok: failed === 0, lines }));
      else {
        for (const line of lines)
          console.log(`${line.ok ? (line.warn ? '!' : '✓') : '✗'} ${line.subject}: ${line.message}`);
        console.log(
          failed === 0
            ? '检查通过 / all checks passed'
            : `${failed} 项检查未通过 / ${failed} check(s) failed`,
        );
      }
      process.exitCode = failed === 0 ? 0 : 2;
    });

  agent
    .command('init')
    .description('输出带说明的配置示例 / print a documented sample configuration')
    .option('-o, --output <file>', '写入文件（不覆盖已有文件）/ write to a file (never overwrites)')
    .action(async (options: { output?: string }) => {
      const { SAMPLE_CONFIG } = await import('../agent/index.js');
      if (!options.output) {
        process.stdout.write(SAMPLE_CONFIG);
        return;
      }
      if (existsSync(options.output)) {
        console.error(`文件已存在 / file exists: ${options.output}`);
        process.exitCode = 2;
        return;
      }
      writeFileSync(options.output, SAMPLE_CONFIG, { mode: 0o600 });
      console.log(`已写入 / written: ${options.output}`);
    });
}
