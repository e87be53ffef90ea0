import type { QualityCorrectionsMessages } from './quality-corrections.zh-CN.ts';

/** English messages of the 校核纠错 pages; every key mirrors quality-corrections.zh-CN.ts. */
export const qualityCorrectionsEn: QualityCorrectionsMessages = {
  title: 'Verification and corrections',
};
