import type { LegalBasis, LegalBasisKind } from '../model.js';
import { type CodeList, LEGAL_BASIS_KIND_LIST, labelsOf, lookUp, YES_NO_LIST } from './code-lists.js';
import { type Column, normalizeHeader } from './columns.js';
import type { CellLocation, ImportProblem } from './problems.js';
import type { SheetRows } from './read.js';

/**
 * A sheet seen through the template's columns: finds each column by its header and turns cells
 * into values, recording a problem at the cell whenever a cell cannot be read.
 */
export class SheetView {
  readonly #index = new Map<string, number>();

  constructor(
    readonly sheet: SheetRows,
    readonly columns: readonly Column[],
    readonly problems: ImportProblem[],
  ) {
    for (const column of columns) {
      const index = sheet.headers.get(normalizeHeader(column.header));
      if (index !== undefined) this.#index.set(column.header, index);
      else if (column.required && !column.exportOnly)
        problems.push({
          sheet: sheet.name,
          row: 1,
          code: 'CATALOG_IMPORT_HEADER_MISSING',
          params: { sheet: sheet.name, header: column.header },
        });
    }
  }

  has(header: string): boolean {
    return this.#index.has(header);
  }

  at(row: number, header: string): CellLocation {
    const column = this.#index.get(header);
    return column === undefined
      ? { sheet: this.sheet.name, row }
      : { sheet: this.sheet.name, row, column, header: this.sheet.headerCells[column] || header };
  }

  /** The column the EntryContent field (relative to the sheet's object) was read from. */
  columnFor(field: string): Column | undefined {
    let best: Column | undefined;
    for (const column of this.columns) {
      if (!column.field || column.exportOnly) continue;
      const f = column.field;
      const covers = field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`);
      const within = f.startsWith(`${field}.`);
      if ((covers && (!best?.field || f.length > best.field.length)) || (within && !best)) best = column;
    }
    return best;
  }

  text(cells: string[], header: string): string {
    const index = this.#index.get(header);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  }

  /** A code-list cell: undefined when blank; the raw text (and a problem) when it names no value. */
  code<T extends string>(
    row: { number: number; cells: string[] },
    header: string,
    field: string,
    codeList: CodeList<T>,
  ): T | undefined {
    const text = this.text(row.cells, header);
    if (!text) return undefined;
    const value = lookUp(codeList, text);
    if (value === undefined) this.#unknown(row.number, header, field, text, codeList);
    return value ?? (text as T);
  }

  /** A 是/否 cell. */
  flag(row: { number: number; cells: string[] }, header: string, field: string): boolean | undefined {
    const text = this.text(row.cells, header);
    if (!text) return undefined;
    const value = lookUp(YES_NO_LIST, text);
    if (value === undefined) {
      this.#unknown(row.number, header, field, text, YES_NO_LIST);
      return undefined;
    }
    return value === 'yes';
  }

  /** A positive whole number, or undefined (with a problem when the cell holds something else). */
  whole(row: { number: number; cells: string[] }, header: string, field: string): number | undefined {
    const text = this.text(row.cells, header);
    if (!text) return undefined;
    const n = Number(text);
    if (Number.isInteger(n) && n > 0) return n;
    this.problems.push({
      ...this.at(row.number, header),
      field,
      code: 'CATALOG_IMPORT_NUMBER_INVALID',
      params: { header, value: text },
    });
    return undefined;
  }

  /** Several code-list values separated by 、 ; ， or line breaks. */
  codes<T extends string>(
    row: { number: number; cells: string[] },
    header: string,
    field: string,
    codeList: CodeList<T>,
  ): T[] {
    const values: T[] = [];
    for (const part of splitList(this.text(row.cells, header))) {
      const value = lookUp(codeList, part);
      if (value === undefined) this.#unknown(row.number, header, field, part, codeList);
      else if (!values.includes(value)) values.push(value);
    }
    return values;
  }

  /** 法律依据: `kind|title|article`, several separated by ; or line breaks. */
  legalBasis(row: { number: number; cells: string[] }, header: string, field: string): LegalBasis[] {
    const out: LegalBasis[] = [];
    for (const entry of this.text(row.cells, header).split(/[;；\n]+/)) {
      const trimmed = entry.trim();
      if (!trimmed) continue;
      const parts = trimmed.split(/[|｜]/).map((p) => p.trim());
      const [kindText = '', title = '', article = ''] = parts;
      const kind = lookUp(LEGAL_BASIS_KIND_LIST, kindText);
      if (parts.length !== 3 || !title || !article) {
        this.problems.push({
          ...this.at(row.number, header),
          field,
          code: 'CATALOG_IMPORT_LEGAL_BASIS_FORMAT',
          params: { value: trimmed },
        });
        continue;
      }
      if (kind === undefined) {
        this.#unknown(row.number, header, field, kindText, LEGAL_BASIS_KIND_LIST);
        continue;
      }
      out.push({ kind: kind as LegalBasisKind, title, article });
    }
    return out;
  }

  #unknown(rowNumber: number, header: string, field: string, value: string, codeList: CodeList): void {
    this.problems.push({
      ...this.at(rowNumber, header),
      field,
      code: 'CATALOG_IMPORT_VALUE_UNKNOWN',
      params: { header, value, allowed: labelsOf(codeList).join('、') },
    });
  }
}

/** Splits a cell holding several values (关键字, 关联资源代码, 共享方式). */
export function splitList(text: string): string[] {
  return text
    .split(/[、;；,，\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}
