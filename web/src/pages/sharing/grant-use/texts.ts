import { useTranslation } from 'react-i18next';
import { sharingEn } from '../../../i18n/modules/sharing.en.ts';
import { type SharingMessages, sharingZhCN } from '../../../i18n/modules/sharing.zh-CN.ts';

/**
 * The words of the grant page's use sections (N14, N16, N21), zh-CN first, from the sharing
 * module's message files (`sharing.grantUse`).
 */
export type GrantUseTexts = SharingMessages['grantUse'];

/** The texts in the portal's language, with `{{name}}` filled from `values`. */
export function useGrantUseTexts(): {
  w: GrantUseTexts;
  fill(text: string, values: Record<string, string | number>): string;
} {
  const { i18n } = useTranslation();
  return {
    w: i18n.language.startsWith('en') ? sharingEn.grantUse : sharingZhCN.grantUse,
    fill: (text, values) => text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? '')),
  };
}
