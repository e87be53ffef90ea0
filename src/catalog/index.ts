export { EditionService } from './editions.js';
export { CatalogErrors } from './errors.js';
export {
  CATALOG_CLASS_LIST,
  type CodeList,
  DATA_TYPE_LIST,
  FORMAT_CATEGORY_LIST,
  labelOf,
  UPDATE_CYCLE_LIST,
} from './exchange-formats/code-lists.js';
export { AREA_LIST } from './exchange-formats/columns.js';
export { catalogFormatRoutes } from './exchange-formats/index.js';
export { catalogIndicatorCounts, type DepartmentCatalogCounts } from './indicator-counts.js';
export { catalogMigrations } from './migrations.js';
export {
  DATA_TYPES,
  type DatasetDocumentation,
  type DataType,
  type EntryContent,
  type InformationItem,
  KEY_KINDS,
  type KeyKind,
  type LegalBasis,
  OPEN_BASES,
  type OpenAttributes,
  type OpenBasis,
  SHARE_TYPES,
  type ShareMethod,
  type ShareType,
  type UpdateCycle,
} from './model.js';
export { ObligationService } from './obligations.js';
export {
  entryIdByIdOrCode,
  type OpenEntryFilter,
  type OpenEntryRow,
  publishedOpenEntries,
} from './open-entries.js';
export { editionRoutes } from './routes/editions.js';
export { catalogRoutes } from './routes/index.js';
export { obligationRoutes } from './routes/obligations.js';
export type { CatalogTables } from './schema.js';
export { DOCUMENT_FORMATS, type SealType, sealTypeOf } from './seal-type.js';
export {
  CatalogSearchIndex,
  type CatalogSearchTables,
  catalogSearchMigrations,
  type DepartmentNameLookup,
} from './search/index.js';
export { CatalogSearch } from './search/query.js';
export { catalogSearchRoutes } from './search/routes.js';
export { CatalogService, type ProviderLookup } from './service.js';
export {
  type ResourceClassCount,
  type ResourceRef,
  resourceClassCounts,
  resourceRefs,
} from './statistics.js';
export type { CatalogDb, EntryDetail } from './store.js';
export { overdueCatalogUpdates } from './violation-facts.js';
