import { ServerFreshnessTag, useFreshness } from '../quality/freshness/status.tsx';

/**
 * The freshness of hosted resources on the exchange pages: the server's status (the monitor of
 * `/quality/freshness`, R68), no longer a threshold computed in the browser.
 */
export function FreshnessTag({ entryId }: { entryId: string; lastChangedAt?: string | null }) {
  const items = useFreshness([entryId]);
  return <ServerFreshnessTag item={items.get(entryId)} />;
}

/** How many of the resources the monitor finds late. */
export function useLateCount(entryIds: string[]): number {
  const items = useFreshness(entryIds);
  return [...items.values()].filter((item) => item.status === 'late').length;
}
