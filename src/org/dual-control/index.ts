export type { AccountNotice, AccountNoticeSender } from './notify.js';
export { dualControlRoutes } from './routes.js';
export { type DualControlRequest, DualControlService } from './service.js';
