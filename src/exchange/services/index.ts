export { ServiceErrors } from './errors.js';
export { serviceMigrations } from './migrations.js';
export {
  type InterfaceService,
  InterfaceServices,
  type NewService,
  type ServiceChange,
  type ServiceResource,
} from './registry.js';
export { serviceRoutes } from './routes.js';
export type { ServiceMethod, ServiceStatus, ServiceTables } from './schema.js';
