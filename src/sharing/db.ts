import type { Kysely } from 'kysely';
import type { CounterTables } from '../platform/db/index.js';
import type { AgreementTables } from './agreements/schema.js';
import type { ComplaintTables } from './complaints/schema.js';
import type { DeliveryTables } from './delivery/schema.js';
import type { DisputeTables } from './disputes/schema.js';
import type { ExtensionTables } from './extensions/schema.js';
import type { SharingTables } from './schema.js';
import type { StopTables } from './stops/schema.js';
import type { SupplyTables } from './supply/schema.js';
import type { UseChangeTables } from './use-changes/schema.js';
import type { UseRecordTables } from './use-records/schema.js';

/** Every table the sharing module owns, with the case counters it numbers its cases from. */
export type SharingModuleTables = SharingTables &
  AgreementTables &
  ComplaintTables &
  DeliveryTables &
  DisputeTables &
  ExtensionTables &
  StopTables &
  SupplyTables &
  UseChangeTables &
  UseRecordTables &
  CounterTables;

/** The sharing services' own handle: the composition root hands it with `tablesOf<SharingModuleTables>`. */
export type SharingDb = Kysely<SharingModuleTables>;
