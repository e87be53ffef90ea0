import type { Widen } from '../widen.ts';

/** 简体中文 messages of the 校核纠错 pages, under the `qualityCorrections.` key; English twins in quality-corrections.en.ts. */
export const qualityCorrectionsZhCN = {
  title: '校核纠错',
} as const;

export type QualityCorrectionsMessages = Widen<typeof qualityCorrectionsZhCN>;
