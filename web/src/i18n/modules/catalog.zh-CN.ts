/** 简体中文 messages of the catalog pages, under the `catalog.` key; every key has its English twin in catalog.en.ts. */
export const catalogZhCN = {} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type CatalogMessages = Widen<typeof catalogZhCN>;
