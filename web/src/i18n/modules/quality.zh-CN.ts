import type { Widen } from '../widen.ts';

/** 简体中文 menu entries of the data-quality pages, merged into `menu.`; English twins in quality.en.ts. */
export const qualityMenuZhCN = {
  qualityGroup: '数据质量',
  qualityCorrections: '校核纠错',
  qualityFreshness: '数据时效',
  qualitySources: '一数一源',
  qualityScores: '质量评分',
} as const;

export type QualityMenuMessages = Widen<typeof qualityMenuZhCN>;
