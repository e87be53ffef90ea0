import type { CatalogTables } from '../catalog/index.js';
import { overdueCatalogUpdates } from '../catalog/index.js';
import { chinaDate } from '../platform/calendar/index.js';
import type { Clock } from '../platform/clock/index.js';
import { type Storage, tablesOf } from '../platform/db/index.js';
import { overdueVerifications, type QualityTables, staleResources } from '../quality/index.js';
import {
  missingDisposals,
  overdueReplies,
  overdueSupplies,
  type SharingModuleTables,
  upheldMisuse,
} from '../sharing/index.js';
import type { ViolationReaders } from '../supervision/index.js';
import type { Database } from './database.js';

/**
 * The read methods violation cases open from (issue 17; R40, R72, R114), each reading its own
 * module's tables through that module's function: sharing, the catalog and quality.
 */
export function bindViolationReaders(storage: Pick<Storage<Database>, 'db'>, clock: Clock): ViolationReaders {
  const sharing = tablesOf<SharingModuleTables>(storage.db);
  const quality = tablesOf<QualityTables>(storage.db);
  const catalog = tablesOf<CatalogTables>(storage.db);
  return {
    reply_overdue: (since) => overdueReplies(sharing, since),
    supply_overdue: (since) => overdueSupplies(sharing, since),
    catalog_update_overdue: (since) => overdueCatalogUpdates(catalog, chinaDate(clock.now()), since),
    data_stale: (since) => staleResources(quality, since),
    verification_overdue: (since) => overdueVerifications(quality, since),
    misuse_upheld: (since) => upheldMisuse(sharing, since),
    disposal_missing: (since) => missingDisposals(sharing, since),
  };
}
