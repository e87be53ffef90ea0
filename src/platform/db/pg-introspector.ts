import {
  type ColumnMetadata,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Kysely,
  PostgresDialect,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

/**
 * Kysely's PostgreSQL introspector reads every schema of the database and calls
 * `has_schema_privilege` on each by name, so a schema dropped at that moment by another instance
 * (or another test) makes it fail. The platform only introspects its own schema — the migrator
 * looks for its tables there — so this one reads `current_schema()` alone.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<unknown>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const rows = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(
      this.db,
    );
    return rows.rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const tables = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, n.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'v', 'p', 'm')
      order by c.relname`.execute(this.db);
    const columns = await sql<{
      table: string;
      name: string;
      type: string;
      nullable: string;
      default: string | null;
      identity: string;
    }>`
      select table_name as "table", column_name as name, udt_name as type, is_nullable as nullable,
        column_default as "default", is_identity as identity
      from information_schema.columns where table_schema = current_schema()
      order by table_name, ordinal_position`.execute(this.db);
    const byTable = new Map<string, ColumnMetadata[]>();
    for (const c of columns.rows) {
      const list = byTable.get(c.table) ?? [];
      list.push({
        name: c.name,
        dataType: c.type,
        isNullable: c.nullable === 'YES',
        isAutoIncrementing: c.identity === 'YES' || (c.default ?? '').startsWith('nextval('),
        hasDefaultValue: c.default !== null,
      });
      byTable.set(c.table, list);
    }
    return tables.rows.map((t) => ({
      name: t.name,
      schema: t.schema,
      isView: t.kind === 'v' || t.kind === 'm',
      columns: byTable.get(t.name) ?? [],
    }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/** PostgreSQL as Kysely speaks it, introspecting only the connection's own schema. */
export class PlatformPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}
