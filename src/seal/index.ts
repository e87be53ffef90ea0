export { SealErrors } from './errors.js';
export { escapeXml, sealImageSvg } from './image.js';
export { sealMigrations } from './migrations.js';
export { SealActions } from './policies.js';
export { sealRoutes } from './routes.js';
export type { SealKeyTable, SealStatus, SealTables } from './schema.js';
export {
  canonicalDocument,
  documentDigest,
  type SealDocument,
  type SealedDocument,
  type SealInfo,
  signedText,
} from './sealed.js';
export { type SealDeps, SealService, type SealView } from './service.js';
export { SnapshotErrors } from './snapshot-errors.js';
export { snapshotMigrations } from './snapshot-migrations.js';
export { SnapshotActions } from './snapshot-policies.js';
export { snapshotRoutes } from './snapshot-routes.js';
export type { DataSnapshotTable, SnapshotTables } from './snapshot-schema.js';
export {
  SNAPSHOT_FORMAT,
  type SnapshotContent,
  type SnapshotDeps,
  SnapshotService,
  type SnapshotSummary,
  type SnapshotVerification,
  type SnapshotView,
} from './snapshots.js';
export type { SealVerdict, SealVerification } from './verdict.js';
