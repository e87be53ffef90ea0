export { HostingErrors, REJECT_PROBLEMS, type Rejection, type RejectProblem } from './errors.js';
export type { SupplyEvidence } from './evidence.js';
export type { LoadOutcome, LoadProgress, LoadService, LoadView, StartedLoad } from './loads/service.js';
export { hostingMigrations } from './migrations.js';
export { RecordCodec } from './records.js';
export { hostingRoutes } from './routes.js';
export type { HostingTables } from './schema.js';
export {
  type BatchOp,
  type BatchOptions,
  type BatchResult,
  type ChangeLogPage,
  HostingService,
  MAX_BATCH_OPS,
} from './service.js';
