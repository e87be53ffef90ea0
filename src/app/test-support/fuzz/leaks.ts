/**
 * What no answer may show an attacker: a stack trace, a database's own words, a library's internal
 * message. Each pattern names what it found, for the failure message.
 */
const LEAKS: readonly [string, RegExp][] = [
  ['stack frame', /\bat (?:async )?[\w$.<>[\] ]*\(?(?:file:\/\/)?\/[^\s)]+:\d+:\d+\)?/],
  ['source location', /\.(?:ts|js|mjs|cjs):\d+(?::\d+)?\b/],
  ['node_modules path', /node_modules\//],
  [
    'SQL statement',
    /\b(?:select\s[\s\S]{0,200}?\sfrom\s|insert\s+into\s|update\s+"?\w+"?\s+set\s|delete\s+from\s)/i,
  ],
  ['SQLite error', /SQLITE_[A-Z]+|SqliteError|sqlite3?\b.*error|no such (?:table|column)|constraint failed/i],
  [
    'PostgreSQL error',
    /invalid byte sequence for encoding|duplicate key value|violates (?:unique|foreign key|not-null|check) constraint|relation "[^"]+" does not exist|syntax error at or near|invalid input syntax for type|out of range for type|unsupported Unicode escape|value too long for type|DatabaseError|PostgresError|\bpg_[a-z]+\b/i,
  ],
  ['Kysely', /kysely/i],
  [
    'internal message',
    /Cannot read propert|Cannot set propert|is not a function|is not iterable|undefined is not|null is not|Maximum call stack|FST_ERR|\bERR_[A-Z_]{4,}|TypeError|RangeError|ReferenceError|SyntaxError: |Unexpected token|Unexpected end of JSON|in JSON at position/,
  ],
];

/** The leaks found in an answer's text, by name ('' when clean). */
export function leaksIn(text: string): string {
  return LEAKS.filter(([, pattern]) => pattern.test(text))
    .map(([name]) => name)
    .join(', ');
}
