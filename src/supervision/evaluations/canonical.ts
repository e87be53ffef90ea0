import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/cases/index.js';

export { canonicalJson };

/** The seal of a published evaluation or a compliance report: SHA-256 (hex) of its canonical JSON. */
export const sealOf = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex');
