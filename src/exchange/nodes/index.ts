export { nodeMigrations } from './migrations.js';
export { nodeRoutes } from './routes.js';
export type { NodeTables } from './schema.js';
export {
  HEARTBEAT_SECONDS,
  type Heartbeat,
  type NodeMapping,
  NodeService,
  type NodeView,
  OFFLINE_AFTER_SECONDS,
} from './service.js';
