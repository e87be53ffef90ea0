import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../db/migrations.js';

/** Instance-wide settings fixed at creation (profile, network zone) and keys sealed at rest. */
export interface InstanceSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface SettingsTables {
  instance_setting: InstanceSettingTable;
}

export const settingsMigrations: ModuleMigrations = {
  '2026_11_21_001_instance_setting': () => ({
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('instance_setting')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('instance_setting').execute();
    },
  }),
};

export class Settings {
  constructor(private readonly db: Kysely<SettingsTables>) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('instance_setting')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  /**
   * Replaces a setting. Only for settings that may change after the first start, by an explicit,
   * audited act of the caller (e.g. `govshare profile set`), inside the caller's transaction.
   */
  async set(key: string, value: string, executor: Kysely<SettingsTables> = this.db): Promise<void> {
    const updated_at = new Date().toISOString();
    await executor
      .insertInto('instance_setting')
      .values({ key, value, updated_at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at }))
      .execute();
  }

  /** Stores the value unless the key already has one (first writer wins across nodes); returns the kept value. */
  async getOrInit(key: string, make: () => string): Promise<string> {
    const existing = await this.get(key);
    if (existing !== undefined) return existing;
    await this.db
      .insertInto('instance_setting')
      .values({ key, value: make(), updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.get(key)) as string;
  }
}
