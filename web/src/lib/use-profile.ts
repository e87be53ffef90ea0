import type { ResponseOf } from '../api/contract.ts';
import { type Loaded, useApi } from './use-api.ts';

/** The profile in force; a platform that has none answers 404, which reads as "none" rather than a failure. */
export function useProfile(): Loaded<ResponseOf<'/profile'>> {
  const loaded = useApi('/profile');
  return loaded.error?.status === 404 ? { ...loaded, error: undefined, data: undefined } : loaded;
}
