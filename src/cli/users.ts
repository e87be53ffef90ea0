import type { Command } from 'commander';
import { createPlatform, type Platform } from '../app/index.js';
import { departmentByNameOrUscc, isRole, OrgErrors, type Role } from '../org/index.js';
import { loadConfig } from '../platform/config/index.js';
import { CommonErrors } from '../platform/errors/index.js';

async function withPlatform<T>(fn: (platform: Platform) => Promise<T>): Promise<T> {
  const platform = await createPlatform(loadConfig(), { jobs: false });
  try {
    return await fn(platform);
  } finally {
    await platform.close();
  }
}

async function userId(platform: Platform, username: string): Promise<string> {
  const id = await platform.services.users.findIdByUsername(username);
  if (!id) throw OrgErrors.error('ORG_USER_NOT_FOUND', { id: username });
  return id;
}

/**
 * Account administration from the server's console, for when nobody can sign in (recovery). Only
 * someone with a shell on the server runs these: they bypass dual control (双人审批), so each is
 * audited as `via: cli` and told at once to the account's owner and every auditor.
 */
export function registerUserCommands(program: Command): void {
  const user = program
    .command('user')
    .description(
      '账号管理（仅限服务器控制台的应急操作，记入审计并通知审计员） / account administration (server console break-glass; audited, auditors told)',
    );

  user
    .command('create')
    .description('新建账号，输出一次性密码 / create an account and print its one-time password')
    .requiredOption('-u, --username <username>', '用户名 / username')
    .requiredOption('-n, --name <displayName>', '姓名 / display name')
    .requiredOption('-d, --department <department>', '部门名称或统一社会信用代码 / department name or USCC')
    .option(
      '-r, --role <role...>',
      `角色 / roles: operator security_admin auditor authority resource_admin dept_user`,
    )
    .action(async (options: { username: string; name: string; department: string; role?: string[] }) => {
      const roles = options.role ?? [];
      const bad = roles.filter((r) => !isRole(r));
      if (bad.length)
        throw CommonErrors.error('VALIDATION_FAILED', {
          field: '--role',
          reason: { zh: `未知角色 ${bad.join(', ')}`, en: `unknown role ${bad.join(', ')}` },
        });
      await withPlatform(async (platform) => {
        const department = await departmentByNameOrUscc(platform.storage.db, options.department);
        if (!department) throw OrgErrors.error('ORG_DEPARTMENT_NOT_FOUND', { id: options.department });
        const { user: created, initialPassword } = await platform.services.users.create(undefined, {
          username: options.username,
          displayName: options.name,
          departmentId: department.id,
          roles: roles as Role[],
        });
        console.log(
          `已创建 / created ${created.username} (${created.roles.join(', ') || '无角色 / no role'})\n一次性密码 / one-time password: ${initialPassword}`,
        );
      });
    });

  user
    .command('reset-password')
    .description(
      '重置密码，输出一次性密码；动态口令保留 / reset the password and print a one-time password; the TOTP is kept',
    )
    .argument('<username>')
    .action(async (username: string) => {
      await withPlatform(async (platform) => {
        const done = await platform.services.users.resetPassword(undefined, await userId(platform, username));
        // Without a request context the console acts at once; a pending answer would be a wiring fault.
        if (!('initialPassword' in done)) throw new Error('console reset was filed for dual control');
        console.log(`一次性密码 / one-time password for ${username}: ${done.initialPassword}`);
        console.log(
          '动态口令保留不变；如需重置：govshare user reset-totp / the TOTP is kept; to reset it: govshare user reset-totp',
        );
      });
    });

  user
    .command('reset-totp')
    .description(
      '清除动态口令，下次登录重新绑定（应急，通知审计员） / clear the TOTP so it is enrolled again (break-glass, auditors are told)',
    )
    .argument('<username>')
    .action(async (username: string) => {
      await withPlatform(async (platform) => {
        await platform.services.users.resetTotp(undefined, await userId(platform, username));
        console.log(`已清除动态口令 / TOTP cleared for ${username}`);
      });
    });

  user
    .command('unlock')
    .description('解除登录失败锁定 / clear a failed-login lock')
    .argument('<username>')
    .action(async (username: string) => {
      await withPlatform(async (platform) => {
        await platform.services.users.unlock(undefined, await userId(platform, username));
        console.log(`已解锁 / unlocked ${username}`);
      });
    });
}
