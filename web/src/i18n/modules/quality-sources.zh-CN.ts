import type { Widen } from '../widen.ts';

/** 简体中文 messages of the 一数一源 pages, under the `qualitySources.` key; English twins in quality-sources.en.ts. */
export const qualitySourcesZhCN = {
  title: '一数一源',
} as const;

export type QualitySourcesMessages = Widen<typeof qualitySourcesZhCN>;
