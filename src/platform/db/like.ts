/**
 * Text for a `like … escape '\'` pattern that matches itself only: `%`, `_` and `\` typed by a
 * user are escaped. SQLite has no default escape character, so every such query names `\`.
 *
 * @example sql`name like ${`%${escapeLike(q)}%`} escape '\\'`
 */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
