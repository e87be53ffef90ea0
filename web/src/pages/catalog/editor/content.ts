import type {
  DocumentationField,
  EntryContent,
  InformationItem,
  LegalBasis,
  ShareType,
} from '../../../api/catalog.ts';

// Every field of the server's type, in the order the editor shows them (a record, so none is missed).
const DOCUMENTATION_ORDER: Record<DocumentationField, number> = {
  collectionBasis: 0,
  collection: 1,
  publication: 2,
  maintenance: 3,
};
/** The four fields of the dataset documentation (R73). */
export const DOCUMENTATION_FIELDS = (Object.keys(DOCUMENTATION_ORDER) as DocumentationField[]).sort(
  (a, b) => DOCUMENTATION_ORDER[a] - DOCUMENTATION_ORDER[b],
);

/** The editor's form values: the entry content as typed, possibly incomplete. */
export interface EditorValues {
  name?: string;
  classification?: { catalog?: string; area?: string; category?: string; subcategory?: string };
  summary?: string;
  format?: { category?: string; concrete?: string };
  updateCycle?: string;
  updateCycleNote?: string;
  relatedCodes?: string[];
  keywords?: string[];
  items?: Partial<InformationItem & { length: number | null }>[];
  share?: { type?: ShareType; conditions?: string; methods?: string[]; legalBasis?: Partial<LegalBasis>[] };
  open?: { toPublic?: boolean; conditions?: string; basis?: 'provider_consent' | 'disclosure_scope' };
  classified?: boolean;
  /** 数据分类分级 (809 第十三条); absent: 未定级. */
  grading?: { dataClass?: string; level?: string };
  /** 采集依据 and the collection, publication and maintenance procedures (R73). */
  documentation?: Partial<Record<DocumentationField, string>>;
  changeReason?: string;
}

/**
 * A new entry starts unconditionally shared through the platform's interface: sharing is the
 * rule and not sharing the exception (R27), so a restriction is something the provider chooses.
 */
export const NEW_ENTRY: EditorValues = {
  classification: { catalog: 'department' },
  format: { category: 'database' },
  updateCycle: 'monthly',
  relatedCodes: [],
  keywords: [],
  items: [],
  share: { type: 'unconditional', methods: ['platform_interface'], legalBasis: [] },
  open: { toPublic: false },
  classified: false,
};

const text = (value: string | undefined | null): string => (value ?? '').trim();
const optional = (value: string | undefined | null): string | undefined => text(value) || undefined;
const list = (values: string[] | undefined): string[] =>
  (values ?? []).map((v) => v.trim()).filter((v) => v.length > 0);

/**
 * The content the API receives. Incomplete values pass through as they are (the server's
 * validation names what is missing); empty optional texts are left out rather than sent blank.
 */
export function toContent(values: EditorValues): EntryContent {
  const catalog = values.classification?.catalog;
  const items = (values.items ?? []).map((item) => ({
    name: text(item.name),
    dataType: item.dataType,
    ...(typeof item.length === 'number' ? { length: item.length } : {}),
    isKey: !!item.isKey,
    ...(item.isKey && item.keyKind ? { keyKind: item.keyKind } : {}),
    personal: !!item.personal,
    ...(catalog === 'base' && item.base ? { base: true } : {}),
    ...(item.shareType ? { shareType: item.shareType } : {}),
  }));
  const content = {
    name: text(values.name),
    classification: {
      catalog,
      ...(catalog !== 'department' && values.classification?.area
        ? { area: values.classification.area }
        : {}),
      category: text(values.classification?.category),
      ...(optional(values.classification?.subcategory)
        ? { subcategory: text(values.classification?.subcategory) }
        : {}),
    },
    summary: text(values.summary),
    format: { category: values.format?.category, concrete: text(values.format?.concrete) },
    updateCycle: values.updateCycle,
    ...(values.updateCycle === 'other' && optional(values.updateCycleNote)
      ? { updateCycleNote: text(values.updateCycleNote) }
      : {}),
    relatedCodes: list(values.relatedCodes),
    keywords: list(values.keywords),
    items,
    share: {
      type: values.share?.type,
      ...(optional(values.share?.conditions) ? { conditions: text(values.share?.conditions) } : {}),
      methods: values.share?.methods ?? [],
      legalBasis: (values.share?.legalBasis ?? []).map((b) => ({
        kind: b.kind,
        title: text(b.title),
        article: text(b.article),
      })),
    },
    open: {
      toPublic: !!values.open?.toPublic,
      ...(values.open?.toPublic && optional(values.open?.conditions)
        ? { conditions: text(values.open?.conditions) }
        : {}),
      ...(values.open?.toPublic && values.open?.basis ? { basis: values.open.basis } : {}),
    },
    classified: !!values.classified,
    ...(values.grading?.dataClass
      ? {
          grading: {
            dataClass: values.grading.dataClass,
            ...(values.grading.dataClass === 'general' && values.grading.level
              ? { level: values.grading.level }
              : {}),
          },
        }
      : {}),
  };
  const documentation = Object.fromEntries(
    DOCUMENTATION_FIELDS.flatMap((field) => {
      const value = optional(values.documentation?.[field]);
      return value ? [[field, value]] : [];
    }),
  );
  // The form may still lack required choices; the server says which, by path.
  return (Object.keys(documentation).length > 0 ? { ...content, documentation } : content) as EntryContent;
}

/** Form values for an existing entry's content. */
export function toValues(content: EntryContent): EditorValues {
  return {
    ...content,
    classification: { ...content.classification },
    items: content.items.map((item) => ({ ...item })),
    share: { ...content.share, legalBasis: content.share.legalBasis.map((b) => ({ ...b })) },
    open: { ...content.open },
    ...(content.grading ? { grading: { ...content.grading } } : {}),
    ...(content.documentation ? { documentation: { ...content.documentation } } : {}),
  };
}

/** 类 digit + 项 + 目 + 细目, as far as the form knows them; the 项 of a department catalog comes from the server. */
export function classificationPreview(
  values: EditorValues['classification'],
  areaCode: string | undefined,
): string {
  const digit = { base: '1', theme: '2', department: '3' }[values?.catalog ?? ''] ?? '?';
  const item = values?.catalog === 'department' ? '××' : (areaCode ?? '??');
  return `${digit}${item}${text(values?.category) || '???'}${text(values?.subcategory)}/××××××`;
}
