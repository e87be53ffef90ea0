import type { QualitySourcesMessages } from './quality-sources.zh-CN.ts';

/** English messages of the 一数一源 pages; every key mirrors quality-sources.zh-CN.ts. */
export const qualitySourcesEn: QualitySourcesMessages = {
  title: 'One data, one source',
};
