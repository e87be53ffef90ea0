import type { AuditTables } from '../audit/index.js';
import { auditMigrations } from '../audit/index.js';
import type { CatalogTables } from '../catalog/index.js';
import { type CatalogSearchTables, catalogMigrations, catalogSearchMigrations } from '../catalog/index.js';
import { type ExchangeTables, exchangeMigrations } from '../exchange/index.js';
import type { OrgTables } from '../org/index.js';
import { orgMigrations } from '../org/index.js';
import { type CalendarTables, calendarMigrations } from '../platform/calendar/index.js';
import { type CaseRulesTables, caseRulesMigrations } from '../platform/cases/index.js';
import type { ModuleMigrations } from '../platform/db/index.js';
import { type CounterTables, counterMigrations } from '../platform/db/index.js';
import { type JobTables, jobMigrations } from '../platform/jobs/index.js';
import { type SettingsTables, settingsMigrations } from '../platform/settings/index.js';
import { type QualityTables, qualityMigrations } from '../quality/index.js';
import { type SealTables, type SnapshotTables, sealMigrations, snapshotMigrations } from '../seal/index.js';
import type { SharingTables } from '../sharing/index.js';
import {
  type AgreementTables,
  agreementMigrations,
  type ComplaintTables,
  complaintMigrations,
  type DeliveryTables,
  type DisputeTables,
  deliveryMigrations,
  disputeMigrations,
  type ExtensionTables,
  extensionMigrations,
  type StopTables,
  sharingMigrations,
} from '../sharing/index.js';
import { type SupervisionTables, supervisionMigrations } from '../supervision/index.js';

/** The whole schema: each module owns its tables; only the composition root sees them all. */
export type Database = SettingsTables &
  JobTables &
  CounterTables &
  CaseRulesTables &
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
  ExtensionTables &
  ExchangeTables &
  QualityTables &
  SupervisionTables &
  SealTables &
  SnapshotTables;

/** Every module's migrations; names sort into the order they run. */
export const allMigrations: ModuleMigrations = {
  ...settingsMigrations,
  ...counterMigrations,
  ...caseRulesMigrations,
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
  ...extensionMigrations,
  ...exchangeMigrations,
  ...qualityMigrations,
  ...supervisionMigrations,
  ...sealMigrations,
  ...snapshotMigrations,
  ...jobMigrations,
};
