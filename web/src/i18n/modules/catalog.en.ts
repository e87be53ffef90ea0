import type { CatalogMessages } from './catalog.zh-CN.ts';

/** English messages of the catalog pages. */
export const catalogEn: CatalogMessages = {};
