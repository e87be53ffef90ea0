import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, type Vocabulary, type VocabularyItem } from '../../api/catalog.ts';
import type { ApiError } from '../../api/client.ts';
import { isEnglish } from '../../i18n/index.ts';

// The code lists change only with a new profile: one request per page load serves every page.
let cached: Promise<Vocabulary> | undefined;

function loadVocabulary(): Promise<Vocabulary> {
  cached ??= catalogApi.vocabulary().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

export interface VocabularyState {
  vocabulary: Vocabulary | undefined;
  error: ApiError | undefined;
  /** The label of `value` in `list`, in the reader's language; the value itself when unknown. */
  label(list: CodeList, value: string | null | undefined): string;
  /** `{ value, label }` options for a Select or Checkbox group. */
  options(list: CodeList): { value: string; label: string }[];
}

/** The code lists of the vocabulary (not its flags). */
export type CodeList = {
  [K in keyof Vocabulary]-?: Vocabulary[K] extends VocabularyItem[] ? K : never;
}[keyof Vocabulary];

export function useVocabulary(): VocabularyState {
  const { i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const [vocabulary, setVocabulary] = useState<Vocabulary>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    let live = true;
    loadVocabulary()
      .then((v) => live && setVocabulary(v))
      .catch((e: ApiError) => live && setError(e));
    return () => {
      live = false;
    };
  }, []);
  const listOf = (list: CodeList): VocabularyItem[] => vocabulary?.[list] ?? [];
  const text = (item: VocabularyItem) => (en ? item.label.en : item.label.zh) || item.value;
  return {
    vocabulary,
    error,
    label: (list, value) => {
      if (value === null || value === undefined || value === '') return '—';
      const item = listOf(list).find((i) => i.value === value);
      return item ? text(item) : value;
    },
    options: (list) => listOf(list).map((item) => ({ value: item.value, label: text(item) })),
  };
}

/** Areas of a catalog class: base areas for 基础, theme areas for 主题, none for 部门. */
export function areaList(catalogClass: string | undefined): 'baseAreas' | 'themeAreas' | undefined {
  if (catalogClass === 'base') return 'baseAreas';
  if (catalogClass === 'theme') return 'themeAreas';
  return undefined;
}
