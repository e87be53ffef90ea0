import { createHash } from 'node:crypto';

/** JSON with every object's keys sorted, so that equal content always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** The seal of a published evaluation: SHA-256 (hex) of its canonical JSON. */
export const sealOf = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex');
