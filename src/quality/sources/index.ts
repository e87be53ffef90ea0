export { agreementOf } from './comparison.js';
export type { ConflictReferrals } from './conflicts.js';
export { sourceMigrations } from './migrations.js';
export { SourceActions } from './policies.js';
export { sourceRoutes } from './routes.js';
export type { SourceTables } from './schema.js';
export { type SourceDeps, SourceService } from './service.js';
