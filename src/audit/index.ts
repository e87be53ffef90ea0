export {
  type ActivityRange,
  type ActorHourActivity,
  activityByActor,
  type EntrySample,
  type KeysAsked,
  keysAskedByActor,
  sampleEntries,
} from './access-activity.js';
export { loadAnchors } from './anchor.js';
export type { ArchiveManifest } from './archive-file.js';
export { type ChainHashAlgorithm, canonicalEntry, entryHash, GENESIS_HASH } from './canonical.js';
export { type AppendReceipt, type CheckpointPolicy, DEFAULT_CHECKPOINT_POLICY } from './chain.js';
export { checkpointStatement } from './checkpoint.js';
export { AuditErrors } from './errors.js';
export { type ExportedCheckpoint, exportCheckpoint } from './export.js';
export {
  type AuditKeys,
  ChainPublicKey,
  ChainSigner,
  ephemeralAuditKeys,
  loadAuditKeys,
  loadPublicAuditKey,
  type SignatureAlgorithm,
  SM2_USER_ID,
} from './keys.js';
export { metricsPlugin } from './metrics.js';
export { auditMigrations } from './migrations.js';
export { orgDirectory } from './query-scope.js';
export { departmentsThatRead, type RecordReadersQuestion } from './readers.js';
export { catalogResources } from './report.js';
export { type ResourceReads, readsByResource } from './resource-reads.js';
export {
  applyRetention,
  cutoffFor,
  MINIMUM_RETENTION_MONTHS,
  type RetentionPeriod,
  type RetentionResult,
  retentionPeriod,
} from './retention.js';
export { auditViewRoutes } from './routes/index.js';
export type {
  AccessMethod,
  AuditCategory,
  AuditCheckpointTable,
  AuditEntryTable,
  AuditOutcome,
  AuditTables,
} from './schema.js';
export { type FailedSignIns, failedSignInsSince } from './sign-in-failures.js';
export {
  type AccessDetail,
  type AuditContext,
  type AuditEvent,
  AuditTrail,
  type AuditTrailOptions,
  type RecordKeyKind,
} from './trail.js';
export { type DepartmentUsage, usageByDepartment } from './usage-counts.js';
export {
  type BreakKind,
  type ChainBreak,
  type VerifyOptions,
  type VerifyResult,
  verifyTrail,
} from './verify.js';
