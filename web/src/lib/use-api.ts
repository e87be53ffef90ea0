import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, api, type RequestOptions } from '../api/client.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * Loads one GET resource and reloads it when the path or query changes.
 * `path` null means "do not load" (e.g. the reader lacks the permission).
 */
export function useApi<T>(path: string | null, query?: RequestOptions['query']): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [version, setVersion] = useState(0);
  const queryKey = JSON.stringify(query ?? {});
  const latest = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: queryKey stands for query; version forces a reload
  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const call = ++latest.current;
    setLoading(true);
    api<T>(path, { query: JSON.parse(queryKey) })
      .then((result) => {
        if (call !== latest.current) return;
        setData(result);
        setError(undefined);
      })
      .catch((e: ApiError) => {
        if (call !== latest.current) return;
        setError(e);
      })
      .finally(() => {
        if (call === latest.current) setLoading(false);
      });
  }, [path, queryKey, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}
