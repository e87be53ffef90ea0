import type { ExchangeServices } from '../../exchange/index.js';
import type { OpenRowsSource } from '../../opendata/index.js';

/**
 * The open data portal's rows, read from the exchange's hosted tables (opendata may not import
 * exchange). Only active, non-personal columns of the asked items ever leave: a personal column
 * is dropped here even if asked for, so a catalog out of step cannot open personal information.
 */
export function openRowsFromExchange(
  exchange: Pick<ExchangeServices, 'hosting' | 'records'>,
): OpenRowsSource {
  return {
    async hosted(entryId) {
      const resource = await exchange.hosting.resource(entryId);
      return resource ? { rows: resource.rowCount, lastChangedAt: resource.lastChangedAt } : undefined;
    },
    async *rows(entryId, items) {
      const wanted = new Set(items);
      for await (const page of exchange.records.pages(entryId, { pageSize: 2000 })) {
        const open = page.columns
          .map((column, index) => ({ column, index }))
          .filter(({ column }) => column.active && !column.personal && wanted.has(column.item));
        yield page.records.map((record) =>
          Object.fromEntries(open.map(({ column, index }) => [column.item, record.values[index] ?? null])),
        );
      }
    },
  };
}
