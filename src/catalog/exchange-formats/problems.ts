import { AppError, type ErrorCode, type Locale } from '../../platform/errors/index.js';
import { columnLetter } from './columns.js';

/** Where in the uploaded file a problem is: the sheet, the row, and the column when one is to blame. */
export interface CellLocation {
  sheet: string;
  row: number;
  /** 1-based column index in the uploaded sheet. */
  column?: number;
  header?: string;
}

/** One thing wrong with an import file, before it is rendered for the reader's language. */
export interface ImportProblem extends CellLocation {
  /** The EntryContent field (`items[2].dataType`), when the problem concerns one. */
  field?: string;
  code: ErrorCode;
  /** Either the error catalogue renders the message from params, or the rule gave both languages. */
  params?: Record<string, unknown>;
  message?: { zh: string; en: string };
}

/** An import error as the API answers it and the error report shows it. */
export interface ImportError {
  sheet: string;
  row: number;
  /** Column letter (F), or null when the row as a whole is at fault. */
  column: string | null;
  /** The column's header as the file wrote it. */
  header: string | null;
  field: string | null;
  code: string;
  message: string;
}

export function messageOf(problem: ImportProblem, locale: Locale): string {
  if (problem.message) return locale === 'en' ? problem.message.en : problem.message.zh;
  return new AppError(problem.code, problem.params ?? {}).localized(locale);
}

export function renderProblem(problem: ImportProblem, locale: Locale): ImportError {
  return {
    sheet: problem.sheet,
    row: problem.row,
    column: problem.column !== undefined ? columnLetter(problem.column) : null,
    header: problem.column !== undefined ? (problem.header ?? null) : null,
    field: problem.field ?? null,
    code: problem.code,
    message: messageOf(problem, locale),
  };
}

/** Sheet, then row, then column: the order a person fixes a file in. */
export function byPosition(a: CellLocation, b: CellLocation): number {
  return a.sheet.localeCompare(b.sheet) || a.row - b.row || (a.column ?? 0) - (b.column ?? 0);
}
