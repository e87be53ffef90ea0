import type { DatabaseConfig } from '../config/model.js';
import { CsvSource } from './csv.js';
import { MysqlSource } from './mysql.js';
import { PostgresSource } from './postgres.js';
import { SqliteSource } from './sqlite.js';
import type { Source } from './types.js';

export type { Page, PageQuery, Position, Source } from './types.js';

/** Opens the department database a mapping reads from; `onNotice` hears what is worth logging. */
export function openSource(
  db: DatabaseConfig,
  onError?: (error: Error) => void,
  onNotice?: (detail: Record<string, unknown>, message: string) => void,
): Source {
  switch (db.type) {
    case 'postgres':
      return new PostgresSource(db.url as string, onError);
    case 'mysql':
      return new MysqlSource(db.url as string, db.timezone);
    case 'sqlite':
      return new SqliteSource(db.path as string);
    case 'csv':
      return new CsvSource(db.path as string, {
        encoding: db.encoding,
        onCharset: (file, choice, notice) =>
          onNotice?.(
            { database: db.name, file, encoding: choice.charset, encodingSource: choice.source },
            notice,
          ),
      });
  }
}
