import type { Classification, FormatCategory } from './model.js';

/**
 * 文书类 / 证照类 (Guangzhou Art.23 ¶1, R106): which shared information carries its provider's
 * electronic seal. `licence` (证照类): an entry of the base catalog's 电子证照 area
 * (`classification.catalog = base`, `area = e_licence`). `document` (文书类): any other entry whose
 * format category is 电子文件 (`electronic_file`) and whose concrete format names a document
 * format — OFD, PDF, WPS, DOC, DOCX, UOF, ODT or RTF, in any case, alone or in a list such as
 * 「OFD/PDF」. Everything else (`null`) is neither and is not sealed.
 */
export type SealType = 'document' | 'licence';

/** The concrete formats that make an electronic file a document (文书): GB/T 33190 OFD first. */
export const DOCUMENT_FORMATS = ['ofd', 'pdf', 'wps', 'doc', 'docx', 'uof', 'odt', 'rtf'] as const;

const DOCUMENT = new Set<string>(DOCUMENT_FORMATS);

/** Whether records of an entry with this content are sealed, and as which type (null: not sealed). */
export function sealTypeOf(content: {
  classification: Pick<Classification, 'catalog' | 'area'>;
  format: { category: FormatCategory; concrete: string };
}): SealType | null {
  if (content.classification.catalog === 'base' && content.classification.area === 'e_licence')
    return 'licence';
  if (content.format.category !== 'electronic_file') return null;
  const names = content.format.concrete.toLowerCase().split(/[^a-z0-9]+/);
  return names.some((name) => DOCUMENT.has(name)) ? 'document' : null;
}
