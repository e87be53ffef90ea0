import type { DatabaseConfig } from '../config/model.js';
import { MysqlSink } from './mysql.js';
import { PostgresSink } from './postgres.js';
import { SqliteSink } from './sqlite.js';
import type { Sink } from './types.js';

export type { Sink, SinkColumn, SinkRow, SinkTable } from './types.js';

/** Opens the department database an inbound mapping writes to (never a CSV folder). */
export function openSink(db: DatabaseConfig, onError?: (error: Error) => void, readonly = false): Sink {
  switch (db.type) {
    case 'postgres':
      return new PostgresSink(db.url as string, db.timezone, onError);
    case 'mysql':
      return new MysqlSink(db.url as string, db.timezone);
    case 'sqlite':
      return new SqliteSink(db.path as string, db.timezone, readonly);
    case 'csv':
      throw new Error('a CSV folder cannot receive data');
  }
}
