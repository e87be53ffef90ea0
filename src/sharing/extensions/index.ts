export { ExtensionCase } from './case.js';
export { ExtensionErrors } from './errors.js';
export { extensionMigrations } from './migrations.js';
export { applicationReplyPeriod, extensionLimit } from './reply-periods.js';
export { extensionRoutes } from './routes.js';
export type { ExtensionTables } from './schema.js';
export { EXTENSION_SUBJECT, type Extension, ExtensionService } from './service.js';
