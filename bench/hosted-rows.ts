import { sql } from 'kysely';
import type { HostedColumn } from '../src/exchange/model.js';
import type { ExchangeWorld } from '../src/exchange/test-support/index.js';

/**
 * Fills the world's hosted resource (`exchangeContent`) with `rows` valid records straight into its
 * table (multi-row INSERTs), for benchmarks that measure reading them, not loading them. Answers the
 * seconds it took.
 */
export async function fillHostedTable(
  x: ExchangeWorld,
  rows: number,
  dialect: 'sqlite' | 'postgres',
): Promise<number> {
  const { residentId } = await import('../src/exchange/test-support/index.js');
  const resource = await x.hosted();
  const columns = resource.columns.filter((c) => c.active);
  const db = x.platform.storage.db;
  const value = (c: HostedColumn, i: number, key: string): unknown => {
    switch (c.item) {
      case '公民身份号码':
        return key;
      case '姓名':
        return `测试人员${i}`;
      case '出生日期':
        return `${key.slice(6, 10)}-${key.slice(10, 12)}-${key.slice(12, 14)}`;
      case '参保状态':
        return i % 3 ? '正常' : '暂停';
      case '缴费基数':
        return `${5000 + (i % 997)}.5`;
      case '更新时间':
        return '2026-09-01T00:00:00.000Z';
      case '是否有效':
        return dialect === 'sqlite' ? i % 2 : i % 2 === 1;
      default:
        return null;
    }
  };
  const started = process.hrtime.bigint();
  const day = Date.UTC(1940, 0, 1);
  const CHUNK = 500;
  for (let from = 0; from < rows; from += CHUNK) {
    const values = [];
    for (let i = from; i < Math.min(rows, from + CHUNK); i++) {
      const birth = new Date(day + (i % 25_000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const key = residentId(birth, Math.floor(i / 25_000) + 1);
      values.push(
        sql`(${sql.join([key, 1, '2026-09-01T00:00:00.000Z', ...columns.map((c) => value(c, i, key))])})`,
      );
    }
    await sql`insert into ${sql.id(resource.table)} (${sql.join([
      sql.id('_key'),
      sql.id('_seq'),
      sql.id('_updated_at'),
      ...columns.map((c) => sql.id(c.column)),
    ])}) values ${sql.join(values)}`.execute(db);
  }
  if (dialect === 'postgres') await sql`analyze ${sql.id(resource.table)}`.execute(db);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * The request context of 公安's resource administrator (`police.admin`) writing to `resource`, for
 * benchmarks that call the load service directly rather than through HTTP.
 */
export async function resourceAdminContext(
  x: ExchangeWorld,
  resource: { provider: { departmentId: string; jurisdictionPath: string } },
  requestId: string,
) {
  const user = await x.platform.storage.db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where('username', '=', 'police.admin')
    .executeTakeFirstOrThrow();
  return {
    actor: {
      kind: 'user' as const,
      id: user.id,
      name: user.username,
      departmentId: resource.provider.departmentId,
      jurisdictionPath: resource.provider.jurisdictionPath,
      roles: ['resource_admin' as const],
    },
    requestId,
  };
}
