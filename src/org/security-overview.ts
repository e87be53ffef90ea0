import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Clock } from '../platform/clock/index.js';
import type { AuditRecorder, RequestContext } from '../platform/context/index.js';
import { escapeLike } from '../platform/db/index.js';
import type { LoginPolicy } from './auth/service.js';
import { authorize, definePolicies, scopeOf } from './authz/index.js';
import { isPrivileged } from './dual-control/rules.js';
import { type Role, SECOND_FACTOR_ROLES } from './roles.js';
import type { OrgTables } from './schema.js';
import { userScopeFilter } from './scope-filter.js';

/**
 * The security administrator's view of accounts needing attention (账号安全, issue 22). Locks and
 * the security policy are that role's alone (三员分立): the operator and the auditor, who may read
 * the user list, do not read this view.
 */
export const SecurityActions = definePolicies({
  'security.accounts.read': { security_admin: 'all' },
});

/** Why an account needs attention. */
export const ACCOUNT_CONCERNS = ['locked', 'failedSignIns', 'totpMissing', 'noRole', 'disabled'] as const;
export type AccountConcern = (typeof ACCOUNT_CONCERNS)[number];

export const ACCOUNT_SORTS = [
  'username',
  'department',
  'lockedUntil',
  'failedSignIns',
  'lastFailedAt',
  'lastLoginAt',
  'createdAt',
] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/** An account's failed sign-ins within the window asked for. */
export interface SignInFailures {
  count: number;
  lastAt: string | null;
  /** The client address of the last failure, where the request carried one. */
  lastAddress: string | null;
}

/**
 * Failed sign-ins by account id since a moment. Org records a failure only in the audit trail (the
 * account keeps its current run of failures, which a lock resets), and org may not read the trail:
 * the composition root answers from it.
 */
export interface SignInFailureSource {
  since(from: string): Promise<Map<string, SignInFailures>>;
}

export interface AccountSecurityFilter {
  /** One concern, or `any` of them. */
  concern: AccountConcern | 'any';
  /** The window of failed sign-ins, in days back from now. */
  days: number;
  q?: string | undefined;
  departmentId?: string | undefined;
  sort: AccountSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface AccountSecurity {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  departmentName: string;
  roles: Role[];
  status: 'active' | 'disabled';
  /** Acts on it (an unlock among them) wait for a second administrator. */
  privileged: boolean;
  locked: boolean;
  /** While locked: until when. */
  lockedUntil: string | null;
  /** While locked: the run of failed sign-ins that locked it (the policy's maximum). */
  lockedAfterFailures: number | null;
  /** Failed sign-ins in a row since the last success or lock. */
  failureRun: number;
  failedSignIns: SignInFailures;
  totpRequired: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  concerns: AccountConcern[];
}

export type ConcernCounts = Record<AccountConcern, number>;

export interface AccountSecurityPage {
  items: AccountSecurity[];
  total: number;
  /** Accounts per concern across the reader's scope, whatever the filter. */
  summary: ConcernCounts;
  days: number;
  policy: LoginPolicy;
}

type UserQuery = ExpressionBuilder<
  OrgTables & { d: OrgTables['department']; j: OrgTables['jurisdiction'] },
  'app_user' | 'd' | 'j'
>;

const DAY_MS = 86_400_000;
const collator = new Intl.Collator('zh-CN');

/**
 * Lists the accounts the security administrator should look at: locked, failing to sign in,
 * without the second factor their roles require, without any role, or disabled. The filter and
 * the reader's scope apply before the page is cut; the read is audited before it is answered.
 */
export class AccountSecurityService {
  constructor(
    private readonly deps: {
      db: Kysely<OrgTables>;
      audit: AuditRecorder;
      clock: Clock;
      policy: LoginPolicy;
      failures: SignInFailureSource;
    },
  ) {}

  async list(ctx: RequestContext, filter: AccountSecurityFilter): Promise<AccountSecurityPage> {
    const action = SecurityActions['security.accounts.read'];
    authorize(ctx.actor, action);
    const now = this.deps.clock.now();
    const failures = await this.deps.failures.since(
      new Date(now.getTime() - filter.days * DAY_MS).toISOString(),
    );
    const failing = [...failures.keys()];
    const terms = concernTerms(now.toISOString(), failing);
    const scope = scopeOf(ctx.actor, action);
    const base = this.deps.db
      .selectFrom('app_user')
      .innerJoin('department as d', 'd.id', 'app_user.department_id')
      .innerJoin('jurisdiction as j', 'j.id', 'd.jurisdiction_id')
      .where((eb) => userScopeFilter(eb, scope));

    const counts = await base
      .select((eb) =>
        ACCOUNT_CONCERNS.map((c) =>
          sql<number | string | null>`sum(case when ${terms[c](eb)} then 1 else 0 end)`.as(c),
        ),
      )
      .executeTakeFirstOrThrow();
    const summary = Object.fromEntries(
      ACCOUNT_CONCERNS.map((c) => [c, Number((counts as Record<string, unknown>)[c] ?? 0)]),
    ) as ConcernCounts;

    let query = base.where((eb) =>
      filter.concern === 'any' ? eb.or(ACCOUNT_CONCERNS.map((c) => terms[c](eb))) : terms[filter.concern](eb),
    );
    if (filter.departmentId) query = query.where('app_user.department_id', '=', filter.departmentId);
    if (filter.q) {
      const like = `%${escapeLike(filter.q)}%`;
      query = query.where((eb) =>
        eb.or([
          sql<SqlBool>`${eb.ref('app_user.username')} like ${like} escape '\\'`,
          sql<SqlBool>`${eb.ref('app_user.display_name')} like ${like} escape '\\'`,
        ]),
      );
    }
    const rows = await query
      .select([
        'app_user.id',
        'app_user.username',
        'app_user.display_name',
        'app_user.department_id',
        'app_user.status',
        'app_user.locked_until',
        'app_user.failed_logins',
        'app_user.totp_enabled',
        'app_user.last_login_at',
        'app_user.created_at',
        'd.name as department_name',
      ])
      .execute();

    // The sort keys come from two places (the accounts and the trail), so the matching rows are
    // ordered here and the page cut after; the filter has already narrowed them to what matches.
    const nowIso = now.toISOString();
    const candidates = rows.map((r) => ({
      row: r,
      locked: r.locked_until !== null && r.locked_until > nowIso,
      failed: failures.get(r.id) ?? { count: 0, lastAt: null, lastAddress: null },
    }));
    candidates.sort(comparator(filter.sort, filter.order));
    const page = candidates.slice(filter.offset, filter.offset + filter.limit);
    const roles = await this.#roles(page.map((c) => c.row.id));
    const items = page.map(({ row, locked, failed }): AccountSecurity => {
      const held = roles.get(row.id) ?? [];
      const totpRequired = held.some((r) => SECOND_FACTOR_ROLES.includes(r));
      const active = row.status === 'active';
      const flags: Record<AccountConcern, boolean> = {
        locked,
        failedSignIns: failed.count > 0,
        totpMissing: active && totpRequired && row.totp_enabled !== 1,
        noRole: active && held.length === 0,
        disabled: !active,
      };
      return {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        departmentId: row.department_id,
        departmentName: row.department_name,
        roles: held,
        status: row.status,
        privileged: isPrivileged(held),
        locked,
        lockedUntil: locked ? row.locked_until : null,
        lockedAfterFailures: locked ? this.deps.policy.maxFailures : null,
        failureRun: Number(row.failed_logins),
        failedSignIns: failed,
        totpRequired,
        totpEnabled: row.totp_enabled === 1,
        lastLoginAt: row.last_login_at,
        createdAt: row.created_at,
        concerns: ACCOUNT_CONCERNS.filter((c) => flags[c]),
      };
    });

    await this.deps.db.transaction().execute((trx) =>
      this.deps.audit.record(trx, ctx, {
        action: action,
        targetType: 'user',
        detail: {
          concern: filter.concern,
          days: filter.days,
          q: filter.q ?? null,
          departmentId: filter.departmentId ?? null,
          sort: filter.sort,
          order: filter.order,
          offset: filter.offset,
          total: candidates.length,
          returned: items.length,
        },
      }),
    );
    return {
      items,
      total: candidates.length,
      summary,
      days: filter.days,
      policy: { maxFailures: this.deps.policy.maxFailures, lockMinutes: this.deps.policy.lockMinutes },
    };
  }

  async #roles(ids: string[]): Promise<Map<string, Role[]>> {
    const byUser = new Map<string, Role[]>();
    if (ids.length === 0) return byUser;
    const rows = await this.deps.db
      .selectFrom('user_role')
      .select(['user_id', 'role'])
      .where('user_id', 'in', ids)
      .orderBy('role')
      .execute();
    for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.role]);
    return byUser;
  }
}

/** Each concern as a WHERE term over an account joined with its department and jurisdiction. */
function concernTerms(
  now: string,
  failing: string[],
): Record<AccountConcern, (eb: UserQuery) => Expression<SqlBool>> {
  const withRole = (eb: UserQuery, roles?: readonly Role[]) => {
    let roleQuery = eb
      .selectFrom('user_role as r')
      .select('r.user_id')
      .whereRef('r.user_id', '=', 'app_user.id');
    if (roles) roleQuery = roleQuery.where('r.role', 'in', roles);
    return eb.exists(roleQuery);
  };
  return {
    locked: (eb) => eb('app_user.locked_until', '>', now),
    failedSignIns: (eb) => (failing.length > 0 ? eb('app_user.id', 'in', failing) : eb.lit(false)),
    totpMissing: (eb) =>
      eb.and([
        eb('app_user.status', '=', 'active'),
        eb('app_user.totp_enabled', '!=', 1),
        withRole(eb, SECOND_FACTOR_ROLES),
      ]),
    noRole: (eb) => eb.and([eb('app_user.status', '=', 'active'), eb.not(withRole(eb))]),
    disabled: (eb) => eb('app_user.status', '=', 'disabled'),
  };
}

interface Candidate {
  row: {
    username: string;
    department_name: string;
    locked_until: string | null;
    last_login_at: string | null;
    created_at: string;
  };
  locked: boolean;
  failed: SignInFailures;
}

/** Orders by the key asked for, accounts without a value last either way, then by username. */
function comparator(sort: AccountSort, order: 'asc' | 'desc'): (a: Candidate, b: Candidate) => number {
  const key = (c: Candidate): string | number | null => {
    switch (sort) {
      case 'username':
        return c.row.username;
      case 'department':
        return c.row.department_name;
      case 'lockedUntil':
        return c.locked ? c.row.locked_until : null;
      case 'failedSignIns':
        return c.failed.count;
      case 'lastFailedAt':
        return c.failed.lastAt;
      case 'lastLoginAt':
        return c.row.last_login_at;
      case 'createdAt':
        return c.row.created_at;
    }
  };
  const sign = order === 'asc' ? 1 : -1;
  const byCodePoint = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const compare = (x: string | number, y: string | number): number => {
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    // Department names are Chinese: they sort as people expect (拼音), not by code point.
    return sort === 'department' ? collator.compare(String(x), String(y)) : byCodePoint(String(x), String(y));
  };
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const diff = compare(x, y);
      if (diff !== 0) return sign * diff;
    }
    return byCodePoint(a.row.username, b.row.username);
  };
}
