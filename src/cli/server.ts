import {
  allMigrations,
  bootstrapIfEmpty,
  bootstrapOptionsFrom,
  createPlatform,
  loadDemo,
  openPlatformStorage,
  type Platform,
} from '../app/index.js';
import { chinaDate } from '../platform/calendar/index.js';
import { loadConfig, type PlatformConfig } from '../platform/config/index.js';
import { migrateToLatest, migrationStatus } from '../platform/db/index.js';
import { overridesOf, profileExpired, profileNotYetInForce } from '../platform/profiles/index.js';

function configFrom(options: { port?: string; host?: string }): PlatformConfig {
  const env = { ...process.env };
  if (options.port) env.GOVSHARE_PORT = options.port;
  if (options.host) env.GOVSHARE_HOST = options.host;
  return loadConfig(env);
}

function where(config: PlatformConfig): string {
  return config.databaseUrl
    ? `PostgreSQL ${config.databaseUrl.replace(/\/\/[^@]*@/, '//')}`
    : `SQLite ${config.dataDir}/govshare.db`;
}

async function open(config: PlatformConfig): Promise<Platform> {
  return createPlatform(config, {
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
  });
}

async function serve(platform: Platform, banner: string[]): Promise<void> {
  const { config } = platform;
  await platform.http.listen({ host: config.host, port: config.port });
  const address = platform.http.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl.replace(`:${config.port}`, `:${port}`);
  console.log(
    [
      '',
      '══════════════════════════════════════════════════════════',
      ` govshare 政务信息资源共享交换平台 已启动 / is running`,
      ` 登录地址 / sign in at:   ${url}/`,
      ` 接口文档 / API docs:     ${url}/api/docs`,
      ` 存储 / storage:          ${where(config)}`,
      ` 政策配置 / profile:      ${platform.profileId}`,
      ...profileLines(platform),
      ...banner,
      '══════════════════════════════════════════════════════════',
      '',
    ].join('\n'),
  );
  const stop = async (signal: string) => {
    console.log(`\n收到 ${signal}，正在停止 / stopping on ${signal}`);
    await platform.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * The profile's state at start (R123, R133): how many local values the national regulation
 * replaced, and a warning when the profile has ended or is not yet in force, also logged.
 */
export function profileLines(platform: Pick<Platform, 'profile' | 'http'>, now = new Date()): string[] {
  const { profile } = platform;
  const today = chinaDate(now);
  const lines: string[] = [];
  const overrides = overridesOf(profile).length;
  if (profile.effective && profile.effective.local !== profile.effective.national)
    lines.push(
      ` 生效规则 / effective:    本地配置叠加${profile.effective.nationalInstrument}；${overrides} 项本地规定由国家规定取代（govshare profile show --effective）`,
    );
  const { from, until } = profile.inForce.value;
  if (profileExpired(profile, today)) {
    platform.http.log.warn({ profile: profile.id, until }, 'jurisdiction profile has expired');
    lines.push(
      ` ⚠ 政策配置「${profile.name.zh}」已于 ${until} 期满失效，请核对现行规定或运行 govshare profile set <配置> --reason <理由>`,
      ` ⚠ The profile ${profile.id} expired on ${until}: check the rules in force, or change it with govshare profile set`,
    );
  } else if (profileNotYetInForce(profile, today)) {
    platform.http.log.warn({ profile: profile.id, from }, 'jurisdiction profile is not yet in force');
    lines.push(
      ` ⚠ 政策配置「${profile.name.zh}」自 ${from} 起施行，尚未生效`,
      ` ⚠ The profile ${profile.id} is in force only from ${from}`,
    );
  }
  return lines;
}

function accountLines(accounts: { username: string; role: string; password: string }[]): string[] {
  if (accounts.length === 0) return [];
  return [
    ' 首次使用：以下账号的一次性密码仅显示这一次，登录后须修改密码并绑定动态口令',
    ' First run: one-time passwords, shown only now; change them and enrol TOTP at first sign-in',
    ...accounts.map((a) => `   ${a.username.padEnd(12)} ${a.role.padEnd(15)} ${a.password}`),
  ];
}

export async function startCommand(options: { port?: string; host?: string }): Promise<void> {
  const platform = await open(configFrom(options));
  const accounts = (await bootstrapIfEmpty(platform, bootstrapOptionsFrom())) ?? [];
  await serve(platform, accountLines(accounts));
}

export async function demoCommand(options: { start: boolean; port?: string }): Promise<void> {
  const platform = await open(configFrom(options));
  const accounts = (await bootstrapIfEmpty(platform, bootstrapOptionsFrom())) ?? [];
  const demo = await loadDemo(platform);
  const banner = [
    ...accountLines(accounts),
    ` 演示数据已载入 / demo loaded: 1 市 2 县, ${demo.departments + 1} 个部门, ${demo.accounts.length} 个演示账号`,
    ` 演示账号密码均为 / every demo account's password: ${demo.password}`,
    ...demo.accounts.map(
      (a) =>
        `   ${a.username.padEnd(16)} ${a.roles.join(',').padEnd(26)} ${a.displayName}（${a.department}）`,
    ),
  ];
  if (!options.start) {
    console.log(banner.join('\n'));
    await platform.close();
    return;
  }
  await serve(platform, banner);
}

export async function migrateCommand(options: { status?: boolean }): Promise<void> {
  const config = loadConfig();
  const storage = await openPlatformStorage(config);
  try {
    if (options.status) {
      const status = await migrationStatus(storage.db, storage.dialect, allMigrations);
      console.log(JSON.stringify({ storage: where(config), ...status }, null, 2));
      if (status.unknown.length > 0) process.exitCode = 3;
      return;
    }
    const applied = await migrateToLatest(storage.db, storage.dialect, allMigrations);
    console.log(
      applied.length
        ? `已执行 ${applied.length} 个迁移 / applied ${applied.length} migrations:\n  ${applied.join('\n  ')}`
        : `数据库结构已是最新 / schema already up to date (${where(config)})`,
    );
  } finally {
    await storage.close();
  }
}
