/**
 * A writer for the crash test: appends with group commit from many concurrent writers for ever and
 * prints `ack <seq>` for each entry once its commit is acknowledged. The test kills it mid-run.
 * argv: dialect, sqlite path | PostgreSQL URL, PostgreSQL schema, master key (base64).
 */
import { systemClock } from '../../platform/clock/index.js';
import { SecretBox } from '../../platform/crypto/index.js';
import { openStorage } from '../../platform/db/index.js';
import { Settings } from '../../platform/settings/index.js';
import { loadAuditKeys } from '../keys.js';
import type { AuditTables } from '../schema.js';
import { AuditTrail } from '../trail.js';
import { ctx, queryEvent } from './index.js';

const [dialect, where, schema, master] = process.argv.slice(2);
const storage =
  dialect === 'postgres'
    ? await openStorage<AuditTables>({ databaseUrl: where, pgSchema: schema, pgPoolSize: 2 })
    : await openStorage<AuditTables>({ sqlitePath: where });
const keys = await loadAuditKeys(
  new Settings(storage.db as never),
  new SecretBox(Buffer.from(master ?? '', 'base64'), 'sm'),
  'sm',
);
const trail = await AuditTrail.open({
  db: storage.db,
  dialect: storage.dialect,
  clock: systemClock,
  keys,
  checkpoint: { entries: 50 },
  checkpointTimer: false,
});
let n = 0;
async function writer(): Promise<never> {
  for (;;) {
    const { seq } = await trail.append(ctx, queryEvent(n++));
    process.stdout.write(`ack ${seq}\n`);
  }
}
await Promise.all(Array.from({ length: 32 }, writer));
