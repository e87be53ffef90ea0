import type { Widen } from '../widen.ts';

/** 简体中文 messages of the 数据时效 pages, under the `qualityFreshness.` key; English twins in quality-freshness.en.ts. */
export const qualityFreshnessZhCN = {
  title: '数据时效',
} as const;

export type QualityFreshnessMessages = Widen<typeof qualityFreshnessZhCN>;
