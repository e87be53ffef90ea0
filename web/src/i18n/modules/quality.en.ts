import type { QualityMenuMessages } from './quality.zh-CN.ts';

/** English menu entries of the data-quality pages; every key mirrors quality.zh-CN.ts. */
export const qualityMenuEn: QualityMenuMessages = {
  qualityGroup: 'Data quality',
  qualityCorrections: 'Verification and corrections',
  qualityFreshness: 'Freshness',
  qualitySources: 'One data, one source',
  qualityScores: 'Quality scores',
};
