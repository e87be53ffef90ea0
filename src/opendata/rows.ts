/**
 * The port through which the open data portal reads the rows of a hosted resource for public
 * downloads. opendata may not import exchange (same rank); the composition root implements it over
 * the exchange's hosted tables. It yields only the items asked for, which the caller takes from
 * the published, non-personal items of the entry; an implementation must never yield a personal
 * item even if asked.
 */
export interface OpenRowsSource {
  /** Whether the entry's data is hosted on the platform (so it can be downloaded), and its size. */
  hosted(entryId: string): Promise<{ rows: number; lastChangedAt: string | null } | undefined>;
  /** The rows, page by page in key order, as `item name → value` of the asked items. */
  rows(entryId: string, items: readonly string[]): AsyncIterable<Record<string, unknown>[]>;
}
