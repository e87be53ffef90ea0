import type { QualityFreshnessMessages } from './quality-freshness.zh-CN.ts';

/** English messages of the 数据时效 pages; every key mirrors quality-freshness.zh-CN.ts. */
export const qualityFreshnessEn: QualityFreshnessMessages = {
  title: 'Freshness',
};
