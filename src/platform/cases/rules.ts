import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.js';
import type { Executor } from '../db/index.js';
import type { ModuleMigrations } from '../db/migrations.js';
import type { Profile } from '../profiles/index.js';

/** Each distinct effective profile a case was opened under, stored once by its digest. */
export interface ProfileVersionTable {
  /** sha256 of the profile's canonical JSON (keys sorted), hex. */
  digest: string;
  profile_id: string;
  /** The effective profile as it was, canonical JSON. */
  profile: string;
  first_seen_at: string;
}

/** Which profile governs a case: written in the transaction that opens it. */
export interface CaseRulesTable {
  case_type: string;
  case_id: string;
  digest: string;
  opened_at: string;
}

export interface CaseRulesTables {
  profile_version: ProfileVersionTable;
  case_rules: CaseRulesTable;
}

export const caseRulesMigrations: ModuleMigrations = {
  '2026_12_06_330_case_rules': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('profile_version')
        .addColumn('digest', 'text', (c) => c.primaryKey())
        .addColumn('profile_id', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('case_rules')
        .addColumn('case_type', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull().references('profile_version.digest'))
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('case_rules_pk', ['case_type', 'case_id'])
        .execute();
      await db.schema.createIndex('case_rules_digest').on('case_rules').column('digest').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('case_rules').execute();
      await db.schema.dropTable('profile_version').execute();
    },
  }),
};

/** JSON with every object's keys sorted, so that the same profile always has the same digest. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => [key, sortKeys(record[key])]),
  );
}

/** The digest of a profile: sha256 of its canonical JSON, hex. */
export function profileDigest(profile: Profile): string {
  return createHash('sha256').update(canonicalJson(profile)).digest('hex');
}

/** The profile a case runs under, as its detail says it: id, name, digest, when it was recorded. */
export interface GoverningProfile {
  id: string;
  name: { zh: string; en: string };
  digest: string;
  /** When the case was opened under it; null for a case opened before rules were recorded. */
  recordedAt: string | null;
  /** Whether the platform runs under the same profile today. */
  current: boolean;
}

/** A case's governing profile in an API answer. */
export const GoverningProfileSchema = Type.Union(
  [
    Type.Object({
      id: Type.String({ description: '政策配置 / profile id' }),
      name: Type.Object({ zh: Type.String(), en: Type.String() }),
      digest: Type.String({ description: '生效配置摘要（SHA-256）/ digest of the effective profile' }),
      recordedAt: Type.Union([Type.String(), Type.Null()], {
        description:
          '开办时记录的时间；为空表示开办早于记录，按现行配置办理 / when recorded; null: today’s profile applies',
      }),
      current: Type.Boolean({ description: '与本实例现行配置相同 / the profile in force today' }),
    }),
    Type.Null(),
  ],
  { description: '办件开办时适用的政策配置 / the profile the case was opened under (issue 13)' },
);

const tables = (executor: Executor) => executor as unknown as Kysely<CaseRulesTables>;

/** How many case ids `rulesOfMany` asks for in one query (well within both dialects' parameter limits). */
const RULES_BATCH = 1000;

/**
 * The rules a case keeps (issue 13): the effective profile in force when the case was opened.
 * Opening a case records it (`record`, in the opening transaction; the kernel does it for every
 * case it opens); every later step reads the case's rules (`rulesOf`), so that switching the
 * platform's profile (`govshare profile set`, then a restart) changes the periods of cases opened
 * afterwards, never of the cases already open. Each distinct profile is stored once, by digest.
 * A case opened before this was recorded runs under the profile in force today.
 *
 * @example
 * const rules = new CaseRules({ db, clock, current: profile });
 * await rules.record(trx, 'application', id);          // in the opening transaction
 * (await rules.rulesOf('application', id)).deadlines.replyExtension // the period it was opened with
 */
export class CaseRules {
  readonly #current: Profile;
  readonly #digest: string;
  readonly #json: string;
  /** Stored profiles, parsed once per digest: they never change. */
  readonly #parsed = new Map<string, Profile>();

  constructor(private readonly deps: { db: Executor; clock: Clock; current: Profile }) {
    this.#current = deps.current;
    this.#json = canonicalJson(deps.current);
    this.#digest = createHash('sha256').update(this.#json).digest('hex');
    this.#parsed.set(this.#digest, deps.current);
  }

  /** The profile the platform runs under now. */
  get current(): Profile {
    return this.#current;
  }

  /**
   * Records, in the opening transaction, the profile the case runs under: the one in force now, or
   * `profile` for a case that inherits the rules of the case it belongs to (an extension of an
   * application keeps the application's).
   */
  async record(
    trx: Executor,
    caseType: string,
    caseId: string,
    at?: string,
    profile: Profile = this.#current,
  ): Promise<void> {
    const when = at ?? this.deps.clock.now().toISOString();
    const { digest, json } = this.#canonical(profile);
    await tables(trx)
      .insertInto('profile_version')
      .values({ digest, profile_id: profile.id, profile: json, first_seen_at: when })
      .onConflict((oc) => oc.column('digest').doNothing())
      .execute();
    await tables(trx)
      .insertInto('case_rules')
      .values({ case_type: caseType, case_id: caseId, digest, opened_at: when })
      .execute();
  }

  #canonical(profile: Profile): { digest: string; json: string } {
    if (profile === this.#current) return { digest: this.#digest, json: this.#json };
    const json = canonicalJson(profile);
    const digest = createHash('sha256').update(json).digest('hex');
    this.#parsed.set(digest, profile);
    return { digest, json };
  }

  /** The rules of a case: the profile it was opened under, or today's for a case opened before they were recorded. */
  async rulesOf(caseType: string, caseId: string, executor: Executor = this.deps.db): Promise<Profile> {
    const row = await this.#stored(caseType, caseId, executor);
    return row ? this.#profile(row.digest, executor) : this.#current;
  }

  /**
   * The rules of many cases of one type at once (a list page), each as `rulesOf` answers it: one
   * query for up to 1,000 cases (more run 1,000 at a time), and one more only for a profile this
   * instance has not read yet. Every id asked for has an entry.
   *
   * @example const rules = await caseRules.rulesOfMany('catalog_obligation', rows.map((r) => r.id));
   */
  async rulesOfMany(
    caseType: string,
    caseIds: readonly string[],
    executor: Executor = this.deps.db,
  ): Promise<Map<string, Profile>> {
    const ids = [...new Set(caseIds)];
    const digests = new Map<string, string>();
    for (let i = 0; i < ids.length; i += RULES_BATCH) {
      const rows = await tables(executor)
        .selectFrom('case_rules')
        .select(['case_id', 'digest'])
        .where('case_type', '=', caseType)
        .where('case_id', 'in', ids.slice(i, i + RULES_BATCH))
        .execute();
      for (const row of rows) digests.set(row.case_id, row.digest);
    }
    const unread = [...new Set(digests.values())].filter((digest) => !this.#parsed.has(digest));
    if (unread.length > 0) {
      const stored = await tables(executor)
        .selectFrom('profile_version')
        .select(['digest', 'profile'])
        .where('digest', 'in', unread)
        .execute();
      for (const row of stored) this.#parsed.set(row.digest, JSON.parse(row.profile) as Profile);
    }
    const out = new Map<string, Profile>();
    for (const id of ids) {
      const digest = digests.get(id);
      out.set(id, digest === undefined ? this.#current : await this.#profile(digest, executor));
    }
    return out;
  }

  /** Which profile governs the case, for its detail. */
  async governing(
    caseType: string,
    caseId: string,
    executor: Executor = this.deps.db,
  ): Promise<GoverningProfile> {
    const row = await this.#stored(caseType, caseId, executor);
    const digest = row?.digest ?? this.#digest;
    const profile = row ? await this.#profile(row.digest, executor) : this.#current;
    return {
      id: profile.id,
      name: { zh: profile.name.zh, en: profile.name.en },
      digest,
      recordedAt: row?.opened_at ?? null,
      current: digest === this.#digest,
    };
  }

  /** A stored profile by digest, read and parsed once: a digest's profile never changes. */
  async #profile(digest: string, executor: Executor): Promise<Profile> {
    const known = this.#parsed.get(digest);
    if (known) return known;
    const row = await tables(executor)
      .selectFrom('profile_version')
      .select('profile')
      .where('digest', '=', digest)
      .executeTakeFirstOrThrow();
    const profile = JSON.parse(row.profile) as Profile;
    this.#parsed.set(digest, profile);
    return profile;
  }

  #stored(caseType: string, caseId: string, executor: Executor) {
    return tables(executor)
      .selectFrom('case_rules')
      .select(['digest', 'opened_at'])
      .where('case_type', '=', caseType)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
  }
}
