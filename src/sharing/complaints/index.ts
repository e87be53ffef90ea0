export { ComplaintErrors } from './errors.js';
export { complaintMigrations } from './migrations.js';
export type { Complaint, ComplaintDetail } from './present.js';
export { complaintRoutes } from './routes.js';
export type { ComplaintTables } from './schema.js';
export { ComplaintService } from './service.js';
