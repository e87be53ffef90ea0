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
export type { SealVerdict, SealVerification } from './verdict.js';
