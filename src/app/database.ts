import type { AuditTables } from '../audit/index.js';
import { auditMigrations } from '../audit/index.js';
import { catalogMigrations } from '../catalog/migrations.js';
import type { CatalogTables } from '../catalog/schema.js';
import { type CatalogSearchTables, catalogSearchMigrations } from '../catalog/search/index.js';
import { type ExchangeTables, exchangeMigrations } from '../exchange/index.js';
import { orgMigrations } from '../org/migrations.js';
import type { OrgTables } from '../org/schema.js';
import { type CalendarTables, calendarMigrations } from '../platform/calendar/index.js';
import { type CounterTables, counterMigrations } from '../platform/db/counters.js';
import type { ModuleMigrations } from '../platform/db/migrations.js';
import { type JobTables, jobMigrations } from '../platform/jobs/index.js';
import { type SettingsTables, settingsMigrations } from '../platform/settings/index.js';
import {
  type AgreementTables,
  agreementMigrations,
  type ComplaintTables,
  complaintMigrations,
  type DeliveryTables,
  type DisputeTables,
  deliveryMigrations,
  disputeMigrations,
  type StopTables,
} from '../sharing/index.js';
import { sharingMigrations } from '../sharing/migrations.js';
import type { SharingTables } from '../sharing/schema.js';

/** The whole schema: each module owns its tables; only the composition root sees them all. */
export type Database = SettingsTables &
  JobTables &
  CounterTables &
  OrgTables &
  AuditTables &
  CalendarTables &
  CatalogTables &
  CatalogSearchTables &
  SharingTables &
  AgreementTables &
  StopTables &
  DeliveryTables &
  DisputeTables &
  ComplaintTables &
  ExchangeTables;

/** Every module's migrations; names sort into the order they run. */
export const allMigrations: ModuleMigrations = {
  ...settingsMigrations,
  ...counterMigrations,
  ...orgMigrations,
  ...auditMigrations,
  ...calendarMigrations,
  ...catalogMigrations,
  ...catalogSearchMigrations,
  ...sharingMigrations,
  ...agreementMigrations,
  ...deliveryMigrations,
  ...disputeMigrations,
  ...complaintMigrations,
  ...exchangeMigrations,
  ...jobMigrations,
};
