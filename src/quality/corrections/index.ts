export { CorrectionCase, canReadCorrection } from './case.js';
export { CorrectionErrors } from './errors.js';
export { correctionMigrations } from './migrations.js';
export { CorrectionNotices } from './notices.js';
export { CorrectionActions } from './policies.js';
export { correctionRoutes } from './routes.js';
export type {
  CorrectionTables,
  QualityCorrectionAttachmentTable,
  QualityCorrectionMarkTable,
  QualityCorrectionTable,
} from './schema.js';
export * from './schemas.js';
export { CorrectionService } from './service.js';
