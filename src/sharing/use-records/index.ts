export { canReadUseRecords, RECORDS_ARTICLE, retainUntil } from './access.js';
export { DisposalCase } from './case.js';
export { DISPOSAL_ARTICLE, type Disposal, DisposalService } from './disposals.js';
export { UseRecordErrors } from './errors.js';
export { useRecordMigrations } from './migrations.js';
export { type UseRecord, UseRecordService } from './records.js';
export { useRecordRoutes } from './routes.js';
export type { UseRecordTables } from './schema.js';
