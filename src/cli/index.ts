import { Command, CommanderError, Option } from 'commander';
import { backupExitKind, VERSION } from '../app/index.js';
import { AppError } from '../platform/errors/index.js';
import { registerAgentCommands } from './agent.js';
import { registerAuditCommands } from './audit.js';
import { registerBackupCommands } from './backup.js';
import { registerCalendarCommands } from './calendar.js';
import { registerExchangeCommands } from './exchange.js';
import { EXIT } from './exit.js';
import { registerProfileCommands } from './profile.js';
import { demoCommand, migrateCommand, startCommand } from './server.js';
import { registerUserCommands } from './users.js';

export { EXIT };

const program = new Command()
  .name('govshare')
  .description(
    'govshare 政务信息资源共享交换平台 / government information resource sharing and exchange platform',
  )
  .version(VERSION, '-v, --version')
  .showHelpAfterError('(使用 --help 查看用法 / add --help for usage)')
  .configureHelp({ sortSubcommands: true })
  .exitOverride();

program
  .command('start')
  .description('启动平台（默认内嵌 SQLite；设置 DATABASE_URL 使用 PostgreSQL） / start the platform')
  .addOption(new Option('-p, --port <port>', '监听端口 / port').env('GOVSHARE_PORT'))
  .addOption(new Option('--host <host>', '监听地址 / host').env('GOVSHARE_HOST'))
  .action(startCommand);

program
  .command('migrate')
  .description('把数据库结构升级到最新 / bring the database schema up to date')
  .option('--status', '只显示状态，不升级 / show status only')
  .action(migrateCommand);

program
  .command('demo')
  .description(
    '载入演示行政区划（一市两县、十余个部门、各角色用户）并启动 / load the demo jurisdiction and start',
  )
  .option('--no-start', '只载入数据，不启动 / load only, do not start')
  .addOption(new Option('-p, --port <port>', '监听端口 / port').env('GOVSHARE_PORT'))
  .action(demoCommand);

registerUserCommands(program);
registerCalendarCommands(program);
registerAuditCommands(program);
registerExchangeCommands(program);
registerAgentCommands(program);
registerBackupCommands(program);
registerProfileCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof AppError) {
    console.error(
      `错误 ${error.code}：${error.localized('zh-CN')}\nError ${error.code}: ${error.localized('en')}`,
    );
    if (error.code === 'DB_NEWER_THAN_CODE') return EXIT.storage;
    const kind = backupExitKind(error.code);
    if (kind) return EXIT[kind];
    if (error.status === 404) return EXIT.notFound;
    if (error.status < 500) return EXIT.usage;
    return EXIT.failure;
  }
  const err = error as NodeJS.ErrnoException;
  if (err?.code === 'ECONNREFUSED' || err?.code === 'ENOTFOUND' || err?.code === '3D000') {
    console.error(`无法连接数据库 / cannot reach the database: ${err.message}`);
    return EXIT.storage;
  }
  console.error(err?.stack ?? String(error));
  return EXIT.failure;
}
