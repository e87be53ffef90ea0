import { keepPreviousData, QueryClient, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type ApiError, api, onChange } from '../api/client.ts';
import type { KnownPath, PathFor, QueryOf, ResponseOf } from '../api/contract.ts';

/**
 * The portal's cache of API answers (TanStack Query). An answer is shown at once when a page is
 * visited again and fetched anew behind it; a failed call is not retried by itself (the page
 * offers 重试); every successful change (`api` with another method than GET) marks all answers
 * stale, so what is on screen refetches and no page shows what a change made untrue.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 0, gcTime: 5 * 60_000 },
  },
});

onChange(() => void queryClient.invalidateQueries());

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

export interface LoadOptions {
  /** Fetch again every so many milliseconds while the page is shown. */
  refetchInterval?: number;
}

/**
 * Loads one GET resource and reloads it when the path or query changes, keeping the previous
 * answer on screen meanwhile. `path` null means "do not load" (e.g. the reader lacks the
 * permission).
 */
export function useApi<P extends PathFor<'GET'> & KnownPath<P, 'GET'>>(
  path: P | null,
  query?: QueryOf<P>,
  options: LoadOptions = {},
): Loaded<ResponseOf<P>> {
  const result = useQuery<ResponseOf<P>, ApiError>({
    queryKey: ['api', path, query ?? {}],
    queryFn: () => api(path as P, { query }),
    enabled: path !== null,
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval,
  });
  const { refetch } = result;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    data: result.data,
    error: result.error ?? undefined,
    loading: path !== null && result.isFetching,
    reload,
  };
}
