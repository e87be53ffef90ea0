export { GatewayErrors } from './errors.js';
export {
  type MaskRule,
  maskItem,
  maskRecord,
  maskRuleOf,
  maskValue,
  type ProjectedRead,
  rowProjector,
} from './masking.js';
export { gatewayMigrations } from './migrations.js';
export { type ReadLimiter, readLimiter } from './rate-limit.js';
export { type GatewayDeps, gatewayRoutes } from './routes.js';
export type { GatewayTables } from './schema.js';
export { createGatewayServices, type GatewayServices } from './services.js';
