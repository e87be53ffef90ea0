import { sharingMigrations as grantMigrations } from '../migrations.js';
import { supplyMigrations } from './migrations.js';

/** The sharing tables' migrations with the grant's supply columns (N12). */
export const sharingMigrations = { ...grantMigrations, ...supplyMigrations };
export type { GrantSupplyColumns, SupplyTables } from './schema.js';
export { SUPPLY_SUBJECT, SupplyService, supplyPeriod } from './service.js';
