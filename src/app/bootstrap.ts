import {
  departmentByNameOrUscc,
  hasAccounts,
  type JurisdictionLevel,
  jurisdictionByCode,
  type Role,
} from '../org/index.js';
import type { Platform } from './index.js';

export interface BootstrapAccount {
  username: string;
  role: Role;
  password: string;
}

export interface BootstrapOptions {
  jurisdiction: { code: string; name: string; level: JurisdictionLevel };
  department: { name: string; shortName: string; uscc: string };
}

export function bootstrapOptionsFrom(env: NodeJS.ProcessEnv = process.env): BootstrapOptions {
  return {
    jurisdiction: {
      code: env.GOVSHARE_JURISDICTION_CODE ?? '990100',
      name: env.GOVSHARE_JURISDICTION_NAME ?? '示范市',
      level: (env.GOVSHARE_JURISDICTION_LEVEL as JurisdictionLevel | undefined) ?? 'city',
    },
    department: {
      name: env.GOVSHARE_OPERATOR_DEPARTMENT ?? '示范市政务服务和数据管理局',
      shortName: env.GOVSHARE_OPERATOR_DEPARTMENT_SHORT ?? '市数据局',
      uscc: env.GOVSHARE_OPERATOR_USCC ?? '11990100010234564W',
    },
  };
}

/**
 * A new instance gets its jurisdiction, the operating department and the three separated
 * administrator accounts (三员: system, security, audit), each with a one-time password that
 * must be changed at first sign-in, followed by TOTP enrolment.
 */
export async function bootstrapIfEmpty(
  platform: Platform,
  options: BootstrapOptions,
): Promise<BootstrapAccount[] | undefined> {
  const db = platform.storage.db;
  if (await hasAccounts(db)) return undefined;
  const { jurisdictions, departments, users } = platform.services;
  const root =
    (await jurisdictionByCode(db, options.jurisdiction.code)) ??
    (await jurisdictions.create(undefined, { ...options.jurisdiction, parentId: null }));
  const department =
    (await departmentByNameOrUscc(db, options.department.uscc)) ??
    (await departments.create(undefined, {
      ...options.department,
      jurisdictionId: root.id,
      kind: 'government',
    }));
  const accounts: [string, Role, string][] = [
    ['sysadmin', 'operator', '系统管理员'],
    ['secadmin', 'security_admin', '安全管理员'],
    ['auditadmin', 'auditor', '安全审计员'],
  ];
  const created: BootstrapAccount[] = [];
  for (const [username, role, displayName] of accounts) {
    const { initialPassword } = await users.create(undefined, {
      username,
      displayName,
      departmentId: department.id,
      roles: [role],
    });
    created.push({ username, role, password: initialPassword });
  }
  return created;
}
