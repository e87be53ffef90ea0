export { UseChangeCase } from './case.js';
export { coveredPurposes, grantConsents } from './consents.js';
export { UseChangeErrors } from './errors.js';
export { useChangeMigrations } from './migrations.js';
export { useChangeRoutes } from './routes.js';
export type { UseChangeTables, UseConsent } from './schema.js';
export { type UseChange, UseChangeService } from './service.js';
